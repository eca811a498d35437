// Validate stage.
// Consumes: an identified master file. Produces: each page's technical metadata (MIX), validated by
// decoding every strip/tile/scan, and its access copy and thumbnail (from the same decode) written to
// the derivative staging folder; or a failure naming, in the archivist's words, what the codec found.
// PREMIS events: validation (the runner records a failure with the quarantine).
// Never decodes a page twice; never writes into the archive.
import Foundation
import Imaging
import Metadata
import Preservation
import Support

struct ValidateStage: IngestStage {
    static let name = StageName.validate
    let derivatives: DerivativeStore

    struct Input: Sendable {
        var file: InboxFile
        var identified: IdentifiedFile
        var logicalPath: String
        var itemID: String
    }

    /// The decoded pages and what was unusual about the file though every pixel decoded.
    struct Output: Sendable {
        var pages: [ProcessedPage]
        var observations: [DecodeObservation]
    }

    func run(_ input: Input, context: StageContext) throws(StageFailure) -> Output {
        let format = input.identified.format
        let digest = input.identified.digest
        guard format.isDecodableImage else {
            let what = format.isRecognisedImage || format.kind == .pdf
                ? "«\(input.file.name)» es \(format.name): un formato reconocido, pero Memoria no lo archiva como página. Conviértalo a TIFF, JPEG o PNG"
                : "«\(input.file.name)» no es una imagen (su contenido es \(format.name)). Retírelo del lote o conviértalo a TIFF, JPEG o PNG"
            throw StageFailure(stage: Self.name, reason: format.kind == .empty ? .empty : .unsupportedFormat, message: what,
                               detail: "unsupported format \(format.name)", digest: digest)
        }
        var pages: [ProcessedPage] = []
        let decoded: FileTechnicalMetadata
        do {
            let (store, itemID, logicalPath) = (derivatives, input.itemID, input.logicalPath)
            let tiles = context.config.tileRequest { index in
                store.stagedTilesFolder(itemID: itemID, key: StableKey.derivative(masterPath: logicalPath, index: index))
            }
            decoded = try MasterDecoder.decode(input.file.url, format: format, limits: context.config.decodeLimits,
                                     derivatives: context.config.derivativeSpec, tiles: tiles) { page in
                let key = StableKey.derivative(masterPath: input.logicalPath, index: page.indexInFile)
                if let access = page.access, let thumbnail = page.thumbnail {
                    try derivatives.stage(itemID: input.itemID, key: key, access: access.jpeg, medium: page.medium?.jpeg, thumbnail: thumbnail.jpeg)
                }
                let t = page.technical
                let (w, h) = MIXMapping.displaySize(width: t.width, height: t.height, orientation: t.orientation)
                pages.append(ProcessedPage(indexInFile: page.indexInFile, mix: MIXMapping.record(t), displayWidth: w, displayHeight: h,
                                           derivativeKey: key, derivativesStaged: page.access != nil, text: nil))
            }
        } catch let error as ImagingError {
            throw IdentifyStage.failure(error, digest: digest, stage: Self.name)
        } catch {
            let (spanish, technical) = SystemErrorText.describe(error)
            let code = SystemErrorText.errno(of: error)
            throw StageFailure(stage: .derive, reason: code == ENOSPC || code == EDQUOT ? .diskFull : .derivativeWrite,
                               message: "No se pudieron escribir las copias de consulta de «\(input.file.name)» (\(spanish)). \(SystemErrorText.advice(errno: code ?? EIO))",
                               detail: technical, digest: digest)
        }
        return Output(pages: pages, observations: decoded.observations)
    }

    /// The PREMIS validation event of a master that decoded completely.
    static func validationEvent(_ context: StageContext, format: IdentifiedFormat, pages: Int, warnings: [String],
                                observations: [DecodeObservation], logicalPath: String) -> PendingEvent {
        let (library, unit): (String, String)
        switch format.kind {
        case .jpeg: (library, unit) = ("libjpeg-turbo", "barrido (scan)")
        case .png: (library, unit) = ("libpng", "fragmento (chunk) y su CRC")
        default: (library, unit) = ("libtiff", "franja o mosaico")
        }
        return PendingEvent(type: .validation, dateTime: context.timestamp(),
                            detail: "decodificación completa de cada \(unit) con \(library), modo estricto",
                            outcome: warnings.isEmpty && observations.isEmpty ? .success : .warning,
                            outcomeDetail: ([observations.isEmpty ? SpanishText.count(pages, "página válida", "páginas válidas")
                                                : "\(SpanishText.count(pages, "página válida", "páginas válidas")) con observaciones"]
                                            + observations.map { "observación \($0.code.rawValue)\($0.page.map { " (página \($0 + 1))" } ?? ""): \($0.detail)" }
                                            + warnings).joined(separator: "; "),
                            objects: [logicalPath])
    }
}
