// Package stage.
// Consumes: an item's masters, text files, dc.xml and mets.xml. Produces: a new OCFL version of the
// item's object (or "unchanged" when nothing differs): staged on the archive's file system, fsynced,
// read back and compared, renamed into place (see OCFLVersionWriter). Unchanged content is carried by
// digest, never copied twice.
// PREMIS events: none of its own (ingestion is recorded by the runner, in the METS it writes).
import Foundation
import Preservation

struct PackageStage {
    let context: StageContext
    let writer: OCFLVersionWriter

    /// The logical state of the item's next version.
    static func state(files: [ProcessedFile], dcXML: [UInt8], metsXML: [UInt8]?, prior: PriorObject?) -> [String: OCFLSourceValue] {
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

    func run(itemID: String, state: [String: OCFLSourceValue], message: String) throws -> OCFLVersionResult {
        // OCFL asks for a URI for the user: the institution's contact address stands for the person acting for it.
        let email = context.config.institution.contactEmail
        let request = OCFLVersionRequest(objectID: itemID, files: state.mapValues(\.ocfl), message: message,
                                         userName: context.operatorName, userAddress: email.isEmpty ? nil : "mailto:\(email)",
                                         created: context.clock())
        return try writer.write(request)
    }
}
