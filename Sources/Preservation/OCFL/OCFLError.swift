/// Errors of the OCFL storage room: what is wrong, where, and (in `description`) what to do.
public enum OCFLError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAStorageRoot(path: String)
    case invalidIdentifier(String)
    case invalidInventory(path: String, reason: String)
    case inventoryDigestMismatch(path: String)
    case copyMismatch(objectID: String, logicalPath: String, expected: String, found: String)
    case sourceChanged(objectID: String, path: String)
    case io(path: String, reason: String)
    case differentFileSystems(staging: String, archive: String)

    public var description: String {
        switch self {
        case .notAStorageRoot(let path):
            return "\(path) exists but is not an OCFL storage root (no 0=ocfl_1.1). Point paths.archive at the archive or at a new empty folder."
        case .invalidIdentifier(let id):
            return "\"\(id)\" cannot be an object identifier: use letters A–Z, digits, '.', '_' and '-', starting with a letter or digit."
        case .invalidInventory(let path, let reason):
            return "\(path): invalid inventory: \(reason). Do not edit the archive by hand; restore the object from backup."
        case .inventoryDigestMismatch(let path):
            return "\(path): the inventory does not match its .sha512 sidecar: the inventory was changed or damaged. Restore the object from backup."
        case .copyMismatch(let id, let path, let expected, let found):
            return "\(id)/\(path): the copy in staging reads back as \(found.prefix(16))… instead of \(expected.prefix(16))…; nothing was archived. Check the disk."
        case .sourceChanged(let id, let path):
            return "\(id): \(path) changed while it was being archived; the item was left in the inbox for the next run."
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .differentFileSystems(let staging, let archive):
            return "the staging folder \(staging) is not on the same file system as the archive \(archive); set paths.staging to a folder on the archive's disk."
        }
    }
}
