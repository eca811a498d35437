// Transcribe stage.
// Consumes: a master's pages (validated, or carried over from the archived version), its text
// sidecars, and the archived texts. Produces: each page's text and the text files to archive,
// preferring a human transcription (.txt), then ALTO, then hOCR, then the archived text, then OCR.
// PREMIS events: creation (for OCR output, with the OCR engine and its version as agent).
// Writes nothing itself; an unreadable sidecar quarantines its file (and so holds its item back);
// an OCR failure or a malformed OCR ALTO costs the page its text, with a warning, never the item.
import Foundation
import Imaging
import Metadata
import Preservation
import Support

struct TranscribedFile: Sendable {
    var pages: [ProcessedPage]
    var events: [PendingEvent]
    /// Spanish notes for the report (an OCR that failed, an ALTO that was not well formed).
    var warnings: [String]
}

struct TranscribeStage: IngestStage {
    static let name = StageName.transcribe
    let algorithm: DigestAlgorithm
    let ocr: (any OCREngine)?
    let derivatives: DerivativeStore

    struct Input: Sendable {
        var itemID: String
        var file: InboxFile
        var format: IdentifiedFormat
        var pages: [ProcessedPage]
        var sidecars: [InboxSidecar]
    }

    func run(_ input: Input, context: StageContext) throws(StageFailure) -> TranscribedFile {
        var result = TranscribedFile(pages: input.pages, events: [], warnings: [])
        // Sidecars describe the first page; otherwise archived text (already on carried pages) or OCR.
        if let text = try sidecarText(input.sidecars), !result.pages.isEmpty {
            result.pages[0].text = text
        }
        let stem = (input.file.name as NSString).deletingPathExtension
        for index in result.pages.indices where result.pages[index].text == nil {
            let page = result.pages[index]
            let image = ocrInput(input, page: page)
            let recognized = recognize(image: image, stem: stem, indexInFile: page.indexInFile, pageCount: result.pages.count, context: context)
            result.pages[index].text = recognized.text
            if let event = recognized.event { result.events.append(event) }
            if let warning = recognized.warning { result.warnings.append(warning) }
        }
        return result
    }

    /// Tesseract reads the master itself when it is a plain upright single-page image; otherwise the
    /// access copy (upright, 8-bit) made during validation.
    private func ocrInput(_ input: Input, page: ProcessedPage) -> URL {
        let simple = input.pages.count == 1 && page.mix.orientation == 1 && page.mix.bitsPerSample.allSatisfy { $0 <= 8 }
            && page.mix.colorSpace != "CMYK" && [.tiff, .png, .jpeg].contains(input.format.kind)
        if simple { return input.file.url }
        let staged = derivatives.staging.appendingPathComponent(input.itemID).appendingPathComponent("\(page.derivativeKey).access.jpg")
        if FileManager.default.fileExists(atPath: staged.path) { return staged }
        return derivatives.accessURL(itemID: input.itemID, key: page.derivativeKey)
    }

    /// Reads the sidecars of one master (they describe its first page).
    func sidecarText(_ sidecars: [InboxSidecar]) throws(StageFailure) -> PageTextResult? {
        var files: [TextFile] = []
        var best: (rank: Int, source: String, text: String)?
        for sidecar in sidecars.sorted(by: { $0.name < $1.name }) {
            let bytes: [UInt8]
            guard let data = FileManager.default.contents(atPath: sidecar.url.path) else {
                throw StageFailure(stage: Self.name, reason: .unreadableSidecar,
                                   message: "No se pudo leer la transcripción «\(sidecar.name)». Vuelva a copiarla",
                                   detail: "\(sidecar.name): unreadable", offendingFile: sidecar.url)
            }
            bytes = [UInt8](data)
            let page: PageText
            let rank: Int
            let role: METSItem.File.TextRole
            let (mime, formatName, pronom): (String, String, String?)
            do {
                switch sidecar.kind {
                case .transcription:
                    page = try TextSidecarReader.plain(bytes, file: sidecar.name).0
                    (rank, role, mime, formatName, pronom) = (0, .transcription, "text/plain", "Plain text", "x-fmt/111")
                case .alto:
                    page = try TextSidecarReader.alto(bytes, file: sidecar.name)
                    (rank, role, mime, formatName, pronom) = (1, .alto, "application/alto+xml", "ALTO XML", "fmt/101")
                case .hocr:
                    page = try TextSidecarReader.hocr(bytes, file: sidecar.name)
                    (rank, role, mime, formatName, pronom) = (2, .hocr, "text/html", "hOCR", nil)
                }
            } catch let error as FullTextError {
                throw StageFailure(stage: Self.name, reason: .invalidSidecar, message: error.archivistMessage, detail: "\(sidecar.name): \(error)",
                                   offendingFile: sidecar.url)
            } catch {
                throw StageFailure(stage: Self.name, reason: .invalidSidecar, message: "No se pudo leer la transcripción «\(sidecar.name)». Revísela y vuelva a depositarla",
                                   detail: "\(sidecar.name): \(error)", offendingFile: sidecar.url)
            }
            let digest = Digester.digest(bytes, algorithm: algorithm)
            files.append(TextFile(logicalPath: "text/\(sidecar.name)", role: role, source: .file(sidecar.url, digest: digest),
                                  mimeType: mime, size: Int64(bytes.count), digest: digest, formatName: formatName, pronomID: pronom,
                                  originalName: sidecar.originalName))
            if best == nil || rank < best!.rank {
                best = (rank, ["transcription", "alto", "hocr"][rank], page.text)
            }
        }
        guard let best else { return nil }
        return PageTextResult(source: best.source, text: best.text, files: files)
    }

    /// Archived text of a page whose master is unchanged.
    func priorText(_ prior: PriorObject, page: METSItem.Page, ocrWordConfidenceFloor: Double) -> PageTextResult? {
        let files = prior.textFiles(forPage: page.sequence)
        guard !files.isEmpty else { return nil }
        var textFiles: [TextFile] = []
        var best: (rank: Int, source: String, text: String)?
        for file in files {
            guard let url = prior.url(of: file.logicalPath), let data = FileManager.default.contents(atPath: url.path) else { continue }
            let bytes = [UInt8](data)
            let role = file.textRole ?? .transcription
            let (rank, source): (Int, String)
            var text: String?
            switch role {
            case .transcription: (rank, source) = (0, "transcription"); text = try? TextSidecarReader.plain(bytes, file: file.logicalPath).0.text
            case .alto: (rank, source) = (1, "alto"); text = try? TextSidecarReader.alto(bytes, file: file.logicalPath).text
            case .hocr: (rank, source) = (2, "hocr"); text = try? TextSidecarReader.hocr(bytes, file: file.logicalPath).text
            case .ocrALTO:
                (rank, source) = (3, "ocr")
                text = try? TextSidecarReader.alto(bytes, file: file.logicalPath, minimumWordConfidence: ocrWordConfidenceFloor).text
            case .ocrText: (rank, source) = (4, "ocr"); text = try? TextSidecarReader.plain(bytes, file: file.logicalPath).0.text
            }
            textFiles.append(TextFile(logicalPath: file.logicalPath, role: role, source: .existing(digest: file.checksum),
                                      mimeType: file.mimeType, size: file.size, digest: file.checksum,
                                      formatName: prior.mets.premisObjects.first { $0.logicalPath == file.logicalPath }?.formatName ?? "",
                                      pronomID: prior.mets.premisObjects.first { $0.logicalPath == file.logicalPath }?.pronomID,
                                      originalName: prior.mets.premisObjects.first { $0.logicalPath == file.logicalPath }?.originalName))
            if let text, best == nil || rank < best!.rank { best = (rank, source, text) }
        }
        return PageTextResult(source: best?.source ?? "ocr", text: best?.text ?? "", files: textFiles)
    }

    /// OCR of one page. `image` is the master (simple single-page masters) or its access copy.
    func recognize(image: URL, stem: String, indexInFile: Int, pageCount: Int, context: StageContext)
        -> (text: PageTextResult?, event: PendingEvent?, warning: String?) {
        guard let ocr else { return (nil, nil, nil) }
        let suffix = pageCount > 1 ? ".p\(indexInFile + 1)" : ""
        let pageName = pageCount > 1 ? "«\(stem)», página \(indexInFile + 1)" : "«\(stem)»"
        let textPath = "text/\(stem)\(suffix).ocr.txt", altoPath = "text/\(stem)\(suffix).ocr.alto.xml"
        let result: OCRResult
        do {
            result = try ocr.recognize(image)
        } catch {
            return (nil, nil, "OCR de \(pageName): \(error.message); la página queda sin texto")
        }
        let textBytes = Array(result.text.utf8)
        var files = [TextFile(logicalPath: textPath, role: .ocrText, source: .bytes(textBytes), mimeType: "text/plain", size: Int64(textBytes.count),
                              digest: Digester.digest(textBytes, algorithm: algorithm), formatName: "Plain text", pronomID: "x-fmt/111", originalName: nil)]
        // The page's text (indexed and shown) is the ALTO's words read with enough confidence; the
        // archived .ocr.txt keeps everything the engine read. An ALTO that is not well formed is not
        // archived and not indexed: the plain text stands in for it, and the report says so.
        let floor = context.config.text.ocrWordConfidenceFloor
        var shown = result.text
        var warning: String?
        var outcome = PremisOutcome.success
        do {
            shown = try TextSidecarReader.alto(result.alto, file: altoPath, minimumWordConfidence: floor).text
            files.append(TextFile(logicalPath: altoPath, role: .ocrALTO, source: .bytes(result.alto), mimeType: "application/alto+xml",
                                  size: Int64(result.alto.count), digest: Digester.digest(result.alto, algorithm: algorithm),
                                  formatName: "ALTO XML", pronomID: "fmt/101", originalName: nil))
        } catch {
            warning = "OCR de \(pageName): el ALTO que escribió el motor de OCR no es XML válido; no se archiva ni se indexa (queda el texto plano)"
            outcome = .warning
        }
        let words = result.text.split(whereSeparator: { $0.isWhitespace }).count
        let kept = shown.split(whereSeparator: { $0.isWhitespace }).count
        var detail = "\(SpanishText.count(words, "palabra reconocida", "palabras reconocidas")); \(SpanishText.number(kept)) con confianza de al menos \(context.config.text.ocrMinWordConfidence) %"
        if warning != nil { detail += "; ALTO mal formado, descartado" }
        let event = PendingEvent(type: .creation, dateTime: context.timestamp(), detail: ocr.runDescription, outcome: outcome,
                                 outcomeDetail: detail, objects: files.map(\.logicalPath), extraAgents: [ocr.agent])
        return (PageTextResult(source: "ocr", text: shown, files: files), event, warning)
    }
}
