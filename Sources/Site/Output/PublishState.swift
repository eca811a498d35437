import Foundation

/// What the last publish produced, kept beside the site (not inside it) so the next publish can
/// rewrite only what changed: each item's fingerprint and search-document number, and the search
/// shards its words live in.
struct PublishState: Codable {
    static let version = 3
    var formatVersion = PublishState.version
    /// Fingerprint of templates, assets and settings: when it changes, everything is rewritten.
    var siteFingerprint = ""
    var items: [String: ItemState] = [:]
    var nextDocument = 0
    var averageLength: Double = 1
    var shardKeys: [String] = []

    struct ItemState: Codable {
        var fingerprint: String
        var document: Int
        var shards: [String]
        var fragments: Int
    }

    static func load(_ url: URL) -> PublishState? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let state = try? JSONDecoder().decode(PublishState.self, from: data), state.formatVersion == version else { return nil }
        return state
    }

    func save(_ url: URL) throws {
        let data = try JSONEncoder().encode(self)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try data.write(to: temporary)
        _ = rename(temporary.path, url.path)
    }
}

/// FNV-1a, for fingerprints that must be stable across runs (Swift's Hasher is seeded per process).
enum StableHash {
    static func hex(_ parts: [String]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in parts {
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            hash = (hash ^ 0x1F) &* 0x100_0000_01B3
        }
        return String(hash, radix: 16)
    }

    static func hex(_ data: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return String(hash, radix: 16)
    }
}
