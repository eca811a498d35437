import Foundation
import Imaging
import Metadata
import Preservation
import Catalog

/// Everything one master file goes through before its item is assembled: identify and digest, then
/// either carry over (same bytes already archived at the same path: no second decode) or validate by
/// full decode with derivatives, then text. Runs inside a bounded task group; returns a value, never
/// throws, so one bad file cannot cancel the others.
struct FileJob: Sendable {
    let itemID: String
    let file: InboxFile
    let sidecars: [InboxSidecar]
    let prior: PriorObject?
    /// Digests of masters already claimed by other items in this batch (checked after digesting).
    let context: StageContext
    let algorithm: DigestAlgorithm
    let derivatives: DerivativeStore
    let catalog: CatalogDatabase
    let ocr: TesseractRunner?

    var logicalPath: String { "objects/\(file.name)" }

    func run() -> FileOutcome {
        let identified: IdentifiedFile
        do {
            identified = try IdentifyStage(context: context, algorithm: algorithm).run(file, logicalPath: logicalPath)
        } catch {
            return .rejected(file, error, sidecarURL: nil)
        }
        // The same master in another item is a duplicate; in this item it is the normal re-ingest path.
        if let holder = try? catalog.itemHoldingMaster(digest: identified.digest), holder.itemID != itemID {
            return .rejected(file, FileRejection(
                code: "duplicate",
                message: "Este archivo ya está archivado, idéntico byte a byte, como «\(holder.logicalPath)» del ítem \(holder.itemID). Si es el mismo documento, no hace falta depositarlo otra vez; si debía ir en este ítem, revise cuál es la página correcta.",
                log: "\(file.url.path): duplicate of \(holder.itemID)/\(holder.logicalPath)", digest: identified.digest), sidecarURL: nil)
        }
        let transcribe = TranscribeStage(context: context, algorithm: algorithm, ocr: ocr)
        var events = identified.events
        var warnings = identified.warnings
        var pages: [ProcessedPage]
        let carried = prior?.digest(at: logicalPath) == identified.digest
        if carried, let prior {
            pages = prior.pages(ofMaster: logicalPath).map { page in
                let (w, h) = MIXMapping.displaySize(width: page.mix.width, height: page.mix.height, orientation: page.mix.orientation)
                return ProcessedPage(indexInFile: page.indexInFile, mix: page.mix, displayWidth: w, displayHeight: h,
                                     derivativeKey: StableKey.derivative(masterPath: logicalPath, index: page.indexInFile),
                                     derivativesStaged: false, text: transcribe.priorText(prior, page: page))
            }
            events = []   // nothing new happened to these bytes
        } else {
            do {
                pages = try ValidateStage(context: context, derivatives: derivatives)
                    .run(file, identified: identified, logicalPath: logicalPath, itemID: itemID)
            } catch {
                return .rejected(file, error, sidecarURL: nil)
            }
            events.append(ValidateStage.validationEvent(context, file: file, format: identified.format, pages: pages.count,
                                                        warnings: warnings, logicalPath: logicalPath))
        }

        // Text: sidecars describe the first page; otherwise archived text or OCR.
        do {
            if let text = try transcribe.sidecarText(sidecars), !pages.isEmpty {
                pages[0].text = text
            }
        } catch {
            return .rejected(file, error, sidecarURL: sidecars.first?.url)
        }
        let stem = (file.name as NSString).deletingPathExtension
        for index in pages.indices where pages[index].text == nil {
            let image = ocrInput(page: pages[index], format: identified.format, pageCount: pages.count)
            let (text, event, failure) = transcribe.recognize(image: image, stem: stem, indexInFile: pages[index].indexInFile, pageCount: pages.count)
            pages[index].text = text
            if let event { events.append(event) }
            if let failure { warnings.append(failure); context.reporter.warning(failure) }
        }
        return .processed(ProcessedFile(file: file, logicalPath: logicalPath, format: identified.format, digest: identified.digest,
                                        size: identified.size, carriedOver: carried, pages: pages, events: events, warnings: warnings))
    }

    /// Tesseract reads the master itself when it is a plain upright single-page image; otherwise the
    /// access copy (upright, 8-bit) made during validation.
    private func ocrInput(page: ProcessedPage, format: IdentifiedFormat, pageCount: Int) -> URL {
        let simple = pageCount == 1 && page.mix.orientation == 1 && page.mix.bitsPerSample.allSatisfy { $0 <= 8 }
            && page.mix.colorSpace != "CMYK" && [.tiff, .png, .jpeg].contains(format.kind)
        if simple { return file.url }
        let staged = derivatives.staging.appendingPathComponent(itemID).appendingPathComponent("\(page.derivativeKey).access.jpg")
        if FileManager.default.fileExists(atPath: staged.path) { return staged }
        return derivatives.accessURL(itemID: itemID, key: page.derivativeKey)
    }
}
