// Identify stage.
// Consumes: one inbox master file. Produces: its format (by content), size and digest (one streamed
// read), or a rejection (empty, too large, duplicate of another item's master).
// PREMIS events: message digest calculation, format identification.
// Writes nothing. Never trusts the file's extension.
import Foundation
import Imaging
import Metadata
import Preservation

struct IdentifiedFile: Sendable {
    var format: IdentifiedFormat
    var digest: String
    var size: Int64
    var events: [PendingEvent]
    var warnings: [String]
}

struct IdentifyStage {
    let context: StageContext
    let algorithm: DigestAlgorithm

    func run(_ file: InboxFile, logicalPath: String) throws(FileRejection) -> IdentifiedFile {
        let limit = Int64(context.config.ingest.maxFileBytes)
        guard file.size > 0 else {
            throw FileRejection(code: "empty", message: ImagingError.empty(path: file.url.path).archivistMessage,
                                log: "\(file.url.path): empty file")
        }
        guard file.size <= limit else {
            let error = ImagingError.exceedsFileSizeLimit(path: file.url.path, bytes: file.size, limit: limit)
            throw FileRejection(code: error.code, message: error.archivistMessage, log: error.logDescription)
        }
        let format: IdentifiedFormat
        do {
            format = try FormatIdentifier.identify(fileAt: file.url)
        } catch let error as ImagingError {
            throw FileRejection(code: error.code, message: error.archivistMessage, log: error.logDescription)
        } catch {
            throw FileRejection(code: "unreadable", message: "No se pudo leer el archivo: \(error)", log: "\(file.url.path): \(error)")
        }
        let digest: String
        do {
            digest = try Digester.digest(fileAt: file.url, algorithm: algorithm)
        } catch {
            throw FileRejection(code: "unreadable", message: "No se pudo leer el archivo para calcular su huella digital (\(error)). Vuelva a copiarlo.",
                                log: "\(file.url.path): \(error)")
        }
        let now = context.timestamp()
        var events = [
            PendingEvent(type: .messageDigestCalculation, dateTime: now, detail: "\(algorithm.metsName) calculado con OpenSSL libcrypto",
                         outcome: .success, outcomeDetail: digest, objects: [logicalPath]),
            PendingEvent(type: .formatIdentification, dateTime: now, detail: "identificación por firma (bytes iniciales), no por extensión",
                         outcome: .success, outcomeDetail: [format.name, format.pronomID.map { "PRONOM \($0)" }, format.mimeType]
                            .compactMap { $0 }.joined(separator: "; "), objects: [logicalPath]),
        ]
        var warnings: [String] = []
        let expected = Self.expectedExtensions[format.kind] ?? []
        let ext = (file.name as NSString).pathExtension.lowercased()
        if !expected.isEmpty && !expected.contains(ext) {
            let note = "la extensión .\(ext) no corresponde al contenido (\(format.name)); se archiva según su contenido"
            warnings.append(note)
            events[1].outcome = .warning
            events[1].outcomeDetail += "; " + note
        }
        return IdentifiedFile(format: format, digest: digest, size: file.size, events: events, warnings: warnings)
    }

    static let expectedExtensions: [IdentifiedFormat.Kind: Set<String>] = [
        .tiff: ["tif", "tiff"], .bigTIFF: ["tif", "tiff", "btf", "tf8"], .jpeg: ["jpg", "jpeg", "jpe", "jfif"], .png: ["png"],
        .jpeg2000: ["jp2", "jpx", "j2k", "jpf"], .pdf: ["pdf"],
    ]
}
