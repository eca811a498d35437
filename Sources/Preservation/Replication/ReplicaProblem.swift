import Foundation

/// What the copy of one object to a replica achieved.
public struct ObjectReplication: Sendable, Codable, Equatable {
    public var objectID: String
    /// Versions copied by this run ("v2", "v3"); a resumed version that was already in place is not listed.
    public var versionsCopied: [String] = []
    /// Files of the object's logs/ copied by this run.
    public var logsCopied = 0
    public var bytesCopied: Int64 = 0
    /// Why the object was not (fully) copied; nil when it is up to date now.
    public var problem: ReplicaProblem?

    public init(objectID: String) { self.objectID = objectID }
}

/// Why one object could not be brought up to date on a replica. Nothing is overwritten or removed
/// on the replica because of it; the message (Spanish) says what to do.
public struct ReplicaProblem: Error, Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// The archive's own inventory of the object cannot be read or fails its digest.
        case primaryUnreadable = "primary-unreadable"
        /// A file of the archive does not match its inventory: a damaged file is never replicated.
        case primaryCorrupted = "primary-corrupted"
        /// The replica holds a version that differs from the archive's.
        case diverged
        /// The replica holds versions the archive does not have.
        case replicaAhead = "replica-ahead"
        /// The copy read back from the replica's disk does not match.
        case copyMismatch = "copy-mismatch"
    }

    public var kind: Kind
    public var objectID: String
    /// The file concerned, relative to the object root.
    public var path: String
    public var message: String
    /// The library's or system's own words, or the digests involved.
    public var detail: String?

    public init(kind: Kind, objectID: String, path: String, message: String, detail: String? = nil) {
        self.kind = kind
        self.objectID = objectID
        self.path = path
        self.message = message
        self.detail = detail
    }
}

extension ReplicaProblem.Kind {
    /// Spanish, for reports and the terminal.
    public var label: String {
        switch self {
        case .primaryUnreadable: return "inventario del archivo ilegible"
        case .primaryCorrupted: return "archivo principal dañado"
        case .diverged: return "versión distinta en la réplica"
        case .replicaAhead: return "la réplica tiene versiones de más"
        case .copyMismatch: return "copia que no coincide"
        }
    }
}
