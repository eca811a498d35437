import Foundation

/// An OCFL 1.1 inventory (inventory.json): the object's manifest of content files by digest and
/// the logical state of every version.
public struct OCFLInventory: Codable, Equatable, Sendable {
    public struct User: Codable, Equatable, Sendable {
        public var name: String
        public var address: String?
    }

    public struct Version: Codable, Equatable, Sendable {
        public var created: String
        public var message: String?
        public var user: User?
        /// digest → logical paths
        public var state: [String: [String]]
    }

    public static let type = "https://ocfl.io/1.1/spec/#inventory"

    public var id: String
    public var type: String
    public var digestAlgorithm: String
    public var head: String
    public var contentDirectory: String?
    /// digest → content paths (relative to the object root)
    public var manifest: [String: [String]]
    public var versions: [String: Version]

    public init(id: String, digestAlgorithm: DigestAlgorithm) {
        self.id = id
        type = Self.type
        self.digestAlgorithm = digestAlgorithm.rawValue
        head = ""
        manifest = [:]
        versions = [:]
    }

    /// "v3" → 3
    public static func number(of version: String) -> Int? {
        guard version.hasPrefix("v"), let n = Int(version.dropFirst()), n > 0, !version.hasPrefix("v0") else { return nil }
        return n
    }

    public var headNumber: Int { Self.number(of: head) ?? 0 }

    public var algorithm: DigestAlgorithm? { DigestAlgorithm(rawValue: digestAlgorithm) }

    /// Logical path → digest, for the head version (or another).
    public func logicalState(of version: String? = nil) -> [String: String] {
        guard let v = versions[version ?? head] else { return [:] }
        var result: [String: String] = [:]
        for (digest, paths) in v.state { for path in paths { result[path] = digest } }
        return result
    }

    /// The content path holding the bytes of a digest (the first one listed).
    public func contentPath(forDigest digest: String) -> String? { manifest[digest]?.sorted().first }

    /// The stored file for a logical path of a version.
    public func contentPath(forLogicalPath path: String, version: String? = nil) -> String? {
        logicalState(of: version)[path].flatMap(contentPath(forDigest:))
    }

    // MARK: JSON

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    public static func decode(_ data: Data, path: String) throws -> OCFLInventory {
        let inventory: OCFLInventory
        do {
            inventory = try JSONDecoder().decode(OCFLInventory.self, from: data)
        } catch {
            throw OCFLError.invalidInventory(path: path, reason: "not a readable inventory (\(error))")
        }
        guard inventory.type == type else {
            throw OCFLError.invalidInventory(path: path, reason: "type is \(inventory.type), expected \(type)")
        }
        guard inventory.algorithm != nil else {
            throw OCFLError.invalidInventory(path: path, reason: "unsupported digestAlgorithm \(inventory.digestAlgorithm)")
        }
        guard inventory.versions[inventory.head] != nil, inventory.headNumber == inventory.versions.count else {
            throw OCFLError.invalidInventory(path: path, reason: "head \(inventory.head) does not match the versions block")
        }
        return inventory
    }
}
