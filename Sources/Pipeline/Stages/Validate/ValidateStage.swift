// Validate stage.
// Consumes: an identified master file. Produces: each page's technical metadata (MIX), validated by
// decoding every strip/tile/scan, and its access copy and thumbnail (from the same decode) written to
// the derivative staging folder; or a rejection naming the codec's complaint.
// PREMIS events: validation (success, or failure recorded with the quarantine).
// Never decodes a page twice; never writes into the archive.
import Foundation
import Imaging
import Metadata
import Preservation

struct ValidateStage {
    let context: StageContext
    let derivatives: DerivativeStore

    func run(_ file: InboxFile, identified: IdentifiedFile, logicalPath: String, itemID: String) throws(FileRejection) -> [ProcessedPage] {
        let format = identified.format
        guard format.isDecodableImage else {
            let what = format.isRecognisedImage || format.kind == .pdf
                ? "\(format.name): es un formato reconocido pero Memoria no lo archiva como página; conviértalo a TIFF, JPEG o PNG"
                : "no es una imagen (contenido identificado: \(format.name)); retírelo del lote o conviértalo a TIFF, JPEG o PNG"
            throw FileRejection(code: format.kind == .empty ? "empty" : "unsupported-format",
                                message: "Formato no admitido: \(what).", log: "\(file.url.path): unsupported format \(format.name)",
                                digest: identified.digest)
        }
        var pages: [ProcessedPage] = []
        do {
            try MasterDecoder.decode(file.url, format: format, limits: context.config.decodeLimits,
                                     derivatives: context.config.derivativeSpec) { page in
                let key = StableKey.derivative(masterPath: logicalPath, index: page.indexInFile)
                if let access = page.access, let thumbnail = page.thumbnail {
                    try derivatives.stage(itemID: itemID, key: key, access: access.jpeg, thumbnail: thumbnail.jpeg)
                }
                let t = page.technical
                let (w, h) = MIXMapping.displaySize(width: t.width, height: t.height, orientation: t.orientation)
                pages.append(ProcessedPage(indexInFile: page.indexInFile, mix: MIXMapping.record(t), displayWidth: w, displayHeight: h,
                                           derivativeKey: key, derivativesStaged: page.access != nil, text: nil))
            }
        } catch let error as ImagingError {
            throw FileRejection(code: error.code, message: error.archivistMessage, log: error.logDescription, digest: identified.digest)
        } catch {
            throw FileRejection(code: "derivative-write", message: "No se pudieron escribir las copias de consulta (\(error)). Revise el espacio en disco.",
                                log: "\(file.url.path): \(error)", digest: identified.digest)
        }
        return pages
    }

    static func validationEvent(_ context: StageContext, file: InboxFile, format: IdentifiedFormat, pages: Int, warnings: [String],
                                logicalPath: String) -> PendingEvent {
        let (library, unit): (String, String)
        switch format.kind {
        case .jpeg: (library, unit) = ("libjpeg-turbo", "barrido (scan)")
        case .png: (library, unit) = ("libpng", "fragmento (chunk) y su CRC")
        default: (library, unit) = ("libtiff", "franja o mosaico")
        }
        return PendingEvent(type: .validation, dateTime: context.timestamp(),
                            detail: "decodificación completa de cada \(unit) con \(library), modo estricto",
                            outcome: warnings.isEmpty ? .success : .warning,
                            outcomeDetail: (["\(pages) página(s) válida(s)"] + warnings).joined(separator: "; "), objects: [logicalPath])
    }
}
