// Transcribe stage.
// Consumes: a master's pages, its text sidecars, and (for masters already archived) the archived texts.
// Produces: each page's text and the text files to archive, preferring a human transcription (.txt),
// then ALTO, then hOCR, then the archived text, then OCR (Tesseract, when enabled and installed).
// PREMIS events: creation (for OCR output, with Tesseract and its version as agent).
// Writes nothing itself; an unreadable sidecar rejects the file (and so holds its item back).
import Foundation
import Metadata
import Preservation

struct TranscribeStage {
    let context: StageContext
    let algorithm: DigestAlgorithm
    let ocr: TesseractRunner?

    /// Reads the sidecars of one master (they describe its first page).
    func sidecarText(_ sidecars: [InboxSidecar]) throws(FileRejection) -> PageTextResult? {
        var files: [TextFile] = []
        var best: (rank: Int, source: String, text: String)?
        for sidecar in sidecars.sorted(by: { $0.name < $1.name }) {
            let bytes: [UInt8]
            guard let data = FileManager.default.contents(atPath: sidecar.url.path) else {
                throw FileRejection(code: "unreadable-sidecar", message: "No se pudo leer la transcripción «\(sidecar.name)». Vuelva a copiarla.",
                                    log: "\(sidecar.url.path): unreadable")
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
                throw FileRejection(code: "invalid-sidecar", message: error.archivistMessage, log: "\(sidecar.url.path): \(error)")
            } catch {
                throw FileRejection(code: "invalid-sidecar", message: "No se pudo leer «\(sidecar.name)»: \(error)", log: "\(sidecar.url.path): \(error)")
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
    func priorText(_ prior: PriorObject, page: METSItem.Page) -> PageTextResult? {
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
                text = try? TextSidecarReader.alto(bytes, file: file.logicalPath, minimumWordConfidence: context.config.text.ocrWordConfidenceFloor).text
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
    func recognize(image: URL, stem: String, indexInFile: Int, pageCount: Int) -> (PageTextResult?, PendingEvent?, String?) {
        guard let ocr else { return (nil, nil, nil) }
        let suffix = pageCount > 1 ? ".p\(indexInFile + 1)" : ""
        let textPath = "text/\(stem)\(suffix).ocr.txt", altoPath = "text/\(stem)\(suffix).ocr.alto.xml"
        do {
            let result = try ocr.recognize(image)
            let textBytes = Array(result.text.utf8)
            let textDigest = Digester.digest(textBytes, algorithm: algorithm)
            let altoDigest = Digester.digest(result.alto, algorithm: algorithm)
            let files = [
                TextFile(logicalPath: textPath, role: .ocrText, source: .bytes(textBytes), mimeType: "text/plain", size: Int64(textBytes.count),
                         digest: textDigest, formatName: "Plain text", pronomID: "x-fmt/111", originalName: nil),
                TextFile(logicalPath: altoPath, role: .ocrALTO, source: .bytes(result.alto), mimeType: "application/alto+xml",
                         size: Int64(result.alto.count), digest: altoDigest, formatName: "ALTO XML", pronomID: "fmt/101", originalName: nil),
            ]
            // The page's text (indexed and shown) is the ALTO's words read with enough confidence; the
            // archived .ocr.txt keeps everything Tesseract read.
            let floor = context.config.text.ocrWordConfidenceFloor
            let shown = (try? TextSidecarReader.alto(result.alto, file: altoPath, minimumWordConfidence: floor).text) ?? result.text
            let words = result.text.split(whereSeparator: { $0.isWhitespace }).count
            let kept = shown.split(whereSeparator: { $0.isWhitespace }).count
            let event = PendingEvent(type: .creation, dateTime: context.timestamp(),
                                     detail: "OCR con Tesseract \(ocr.version) (idiomas \(ocr.languages), psm \(ocr.pageSegmentationMode))",
                                     outcome: .success,
                                     outcomeDetail: "\(words) palabras reconocidas; \(kept) con confianza de al menos \(context.config.text.ocrMinWordConfidence) %",
                                     objects: [textPath, altoPath], extraAgents: [ocr.agent])
            return (PageTextResult(source: "ocr", text: shown, files: files), event, nil)
        } catch {
            return (nil, nil, "OCR failed for \(stem) page \(indexInFile + 1): \(error.reason)")
        }
    }
}
