// Identify stage.
// Consumes: one inbox master file (and the logical path it will have in the object). Produces: its
// format (by content), size and digest (one streamed read), or a failure (empty, too large,
// unreadable) that quarantines the file.
// PREMIS events: message digest calculation, format identification.
// Writes nothing. Never trusts the file's extension.
import Foundation
import Imaging
import Metadata
import Preservation
import Support

struct IdentifiedFile: Sendable {
    var format: IdentifiedFormat
    var digest: String
    var size: Int64
    var events: [PendingEvent]
    var warnings: [String]
}

struct IdentifyStage: IngestStage {
    static let name = StageName.identify
    let algorithm: DigestAlgorithm

    struct Input: Sendable {
        var file: InboxFile
        var logicalPath: String
    }

    func run(_ input: Input, context: StageContext) throws(StageFailure) -> IdentifiedFile {
        let file = input.file
        let limit = Int64(context.config.ingest.maxFileBytes)
        guard file.size > 0 else { throw Self.failure(ImagingError.empty(path: file.url.path), digest: nil) }
        guard file.size <= limit else {
            throw Self.failure(ImagingError.exceedsFileSizeLimit(path: file.url.path, bytes: file.size, limit: limit), digest: nil)
        }
        let format: IdentifiedFormat
        do {
            format = try FormatIdentifier.identify(fileAt: file.url)
        } catch let error as ImagingError {
            throw Self.failure(error, digest: nil)
        } catch {
            throw Self.unreadable(file, error)
        }
        let digest: String
        do {
            digest = try Digester.digest(fileAt: file.url, algorithm: algorithm)
        } catch {
            throw Self.unreadable(file, error)
        }
        let now = context.timestamp()
        var events = [
            PendingEvent(type: .messageDigestCalculation, dateTime: now, detail: "\(algorithm.metsName) calculado con OpenSSL libcrypto",
                         outcome: .success, outcomeDetail: digest, objects: [input.logicalPath]),
            PendingEvent(type: .formatIdentification, dateTime: now, detail: "identificación por firma (bytes iniciales), no por extensión",
                         outcome: .success, outcomeDetail: [format.name, format.pronomID.map { "PRONOM \($0)" }, format.mimeType]
                            .compactMap { $0 }.joined(separator: "; "), objects: [input.logicalPath]),
        ]
        var warnings: [String] = []
        let expected = Self.expectedExtensions[format.kind] ?? []
        let ext = (file.name as NSString).pathExtension.lowercased()
        if !expected.isEmpty && !expected.contains(ext) {
            let note = "la extensión .\(ext) de «\(file.name)» no corresponde a su contenido (\(format.name)); se archiva según su contenido"
            warnings.append(note)
            events[1].outcome = .warning
            events[1].outcomeDetail += "; " + note
        }
        return IdentifiedFile(format: format, digest: digest, size: file.size, events: events, warnings: warnings)
    }

    /// An imaging error as a stage failure: its code, its Spanish message, its technical detail.
    static func failure(_ error: ImagingError, digest: String?, stage: StageName = name) -> StageFailure {
        if let code = error.systemErrno, case .derivativeWriteFailed(let path, _) = error {
            // The disk of the derivatives, not the master: a full disk stops the batch, the item waits in the inbox.
            return StageFailure(stage: stage, reason: code == ENOSPC || code == EDQUOT ? .diskFull : .derivativeWrite,
                                message: "No se pudo escribir «\(path)» (\(SystemErrorText.spanish(errno: code))). \(SystemErrorText.advice(errno: code))",
                                detail: error.logDescription, digest: digest)
        }
        return StageFailure(stage: stage, reason: ReasonCode(error), message: error.messageForArchivist, detail: error.logDescription, digest: digest)
    }

    static func unreadable(_ file: InboxFile, _ error: Error) -> StageFailure {
        let (spanish, technical) = SystemErrorText.describe(error)
        if let code = SystemErrorText.errno(of: error), Self.faultsOfTheDisk.contains(code) {
            // The disk or the permissions failed, not the file: it stays in the inbox for the next run.
            return StageFailure(stage: name, reason: .unreadable, consequence: .retryItem,
                                message: "No se pudo leer «\(file.name)» (\(spanish)); sigue en la bandeja y se intentará de nuevo en la próxima ejecución. \(SystemErrorText.advice(errno: code))",
                                detail: technical)
        }
        return StageFailure(stage: name, reason: .unreadable,
                            message: "No se pudo leer «\(file.name)» (\(spanish)). Compruebe que la copia terminó y vuelva a copiarlo",
                            detail: technical)
    }

    /// Read failures that say nothing about the file itself: a disk, a network drive or permissions.
    static let faultsOfTheDisk: Set<Int32> = [EIO, EACCES, EPERM, ESTALE, ENOTCONN, EHOSTDOWN, ENOSPC, EDQUOT, ENOMEM, EMFILE, ENFILE]

    static let expectedExtensions: [IdentifiedFormat.Kind: Set<String>] = [
        .tiff: ["tif", "tiff"], .bigTIFF: ["tif", "tiff", "btf", "tf8"], .jpeg: ["jpg", "jpeg", "jpe", "jfif"], .png: ["png"],
        .jpeg2000: ["jp2", "jpx", "j2k", "jpf"], .pdf: ["pdf"],
    ]
}

extension ReasonCode {
    /// The code of an imaging error.
    init(_ error: ImagingError) {
        switch error {
        case .unreadable: self = .unreadable
        case .empty: self = .empty
        case .corrupt: self = .corrupt
        case .damaged, .structurallyDamaged: self = .damaged
        case .unsupported: self = .unsupported
        case .exceedsPixelLimit: self = .pixelLimit
        case .exceedsFileSizeLimit: self = .fileSizeLimit
        case .encodingFailed, .derivativeWriteFailed: self = .derivativeWrite
        }
    }
}
