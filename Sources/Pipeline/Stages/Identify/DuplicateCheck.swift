// Duplicate check (part of identification).
// Consumes: the digest of a master and the item it was deposited in. Produces: nothing, or a failure
// when the very same bytes are already archived in another item (quarantined, naming that item).
// Reads the catalog's digest index only.
import Catalog

struct DuplicateCheck: Sendable {
    let catalog: CatalogDatabase

    struct Input: Sendable {
        var itemID: String
        var fileName: String
        var digest: String
    }

    /// Throws when another item holds these bytes. A catalog that cannot be read is not a reason to
    /// refuse a file: it returns the error for the runner to report.
    func run(_ input: Input) throws(StageFailure) -> Error? {
        let holder: (itemID: String, logicalPath: String)?
        do {
            holder = try catalog.itemHoldingMaster(digest: input.digest)
        } catch {
            return error
        }
        guard let holder, holder.itemID != input.itemID else { return nil }
        throw StageFailure(stage: .identify, reason: .duplicate,
            message: "«\(input.fileName)» ya está archivado, idéntico byte a byte, como «\(holder.logicalPath)» del ítem \(holder.itemID). Si es el mismo documento, no hace falta depositarlo otra vez; si debía ir en este ítem, revise cuál es la página correcta",
            detail: "duplicate of \(holder.itemID)/\(holder.logicalPath)", digest: input.digest)
    }
}
