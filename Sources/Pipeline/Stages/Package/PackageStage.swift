// Package stage.
// Consumes: an item's described next version (masters, text files, dc.xml, mets.xml as logical paths
// with their sources). Produces: a new OCFL version of the item's object (or "unchanged" when nothing
// differs): staged on the archive's file system, fsynced, read back and compared, renamed into place
// (see OCFLVersionWriter). Unchanged content is carried by digest, never copied twice.
// PREMIS events: none of its own (ingestion is recorded by the runner, in the METS it writes).
// Fails the item (retry) when a source changed while it was copied; stops the batch when the archive
// cannot be written (disk full, permissions, I/O errors).
import Foundation
import Preservation
import Support

struct PackageStage: IngestStage {
    static let name = StageName.package
    let writer: OCFLVersionWriter

    struct Input: Sendable {
        var itemID: String
        var state: [String: OCFLSourceValue]
        var message: String
    }

    /// The logical state of the item's next version.
    static func state(files: [ProcessedFile], dcXML: [UInt8], metsXML: [UInt8]?) -> [String: OCFLSourceValue] {
        var state: [String: OCFLSourceValue] = [:]
        for file in files {
            state[file.logicalPath] = file.carriedOver ? .existing(digest: file.digest) : .file(file.file.url, digest: file.digest)
            for page in file.pages {
                for text in page.text?.files ?? [] { state[text.logicalPath] = text.source }
            }
        }
        state["metadata/dc.xml"] = .bytes(dcXML)
        if let metsXML { state["metadata/mets.xml"] = .bytes(metsXML) }
        return state
    }

    func run(_ input: Input, context: StageContext) throws(StageFailure) -> OCFLVersionResult {
        // OCFL asks for a URI for the user: the institution's contact address stands for the person acting for it.
        let email = context.config.institution.contactEmail
        let request = OCFLVersionRequest(objectID: input.itemID, files: input.state.mapValues(\.ocfl), message: input.message,
                                         userName: context.operatorName, userAddress: email.isEmpty ? nil : "mailto:\(email)",
                                         created: context.clock())
        do {
            return try writer.write(request)
        } catch OCFLError.sourceChanged(_, let path) {
            throw StageFailure(stage: Self.name, reason: .sourceChanged,
                               message: "«\(context.displayPath(path))» cambió mientras se archivaba «\(input.itemID)»; el ítem sigue en la bandeja y se archivará en la próxima ejecución",
                               detail: "source changed: \(path)")
        } catch {
            throw Self.archiveFailure(error, itemID: input.itemID, context: context)
        }
    }

    /// A failure writing the archive: the batch stops (nothing half-written stays: staging is cleaned on
    /// the next start), with the disk named and what to do.
    static func archiveFailure(_ error: Error, itemID: String, context: StageContext, what place: String? = nil) -> StageFailure {
        let code = OCFLError.errno(of: error) ?? SystemErrorText.errno(of: error)
        let what = code.map(SystemErrorText.spanish(errno:)) ?? "falló la escritura"
        let advice = code.map(SystemErrorText.advice(errno:)) ?? SystemErrorText.advice(errno: EIO)
        return StageFailure(stage: name, reason: code == ENOSPC || code == EDQUOT ? .diskFull : .archiveWrite,
                            message: "No se pudo guardar «\(itemID)» en \(place ?? "el archivo (\(context.displayPath(context.config.paths.archive)))"): \(what). \(advice)",
                            detail: "\(error)")
    }
}
