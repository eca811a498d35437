import Foundation
import Support

/// What the last publish produced, kept beside the site (not inside it) so the next publish can
/// rewrite only what changed: each item's fingerprint and search-document number, and the search
/// shards its words live in.
struct PublishState {
    static let version = 6
    var formatVersion = PublishState.version
    /// Fingerprint of templates, assets and settings: when it changes, everything is rewritten.
    var siteFingerprint = ""
    var items: [String: ItemState] = [:]
    var nextDocument = 0
    var averageLength: Double = 1
    var shardKeys: [String] = []
    /// Fingerprint of the inputs of each list page (its items, counts, facets), so an incremental
    /// publish renders only the list pages whose inputs changed.
    var listPages: [String: String] = [:]
    /// Logical path → versioned path of the site's versioned files (assets, search index).
    var versions: [String: String] = [:]
    /// What the search page's metadata (meta.js) was written from: it is written again only when that changes.
    var searchMetaKey = ""

    struct ItemState {
        var fingerprint: String
        var document: Int
        /// The shard keys of the item's words, space-separated as in the file: split only for the
        /// items a publish changes or removes (an item's words live in about 150 shards).
        var shardList: String
        var fragments: Int

        init(fingerprint: String, document: Int, shards: [String], fragments: Int) {
            self.init(fingerprint: fingerprint, document: document, shardList: shards.joined(separator: " "), fragments: fragments)
        }

        init(fingerprint: String, document: Int, shardList: String, fragments: Int) {
            self.fingerprint = fingerprint
            self.document = document
            self.shardList = shardList
            self.fragments = fragments
        }

        var shards: [String] {
            get { shardList.split(separator: " ").map(String.init) }
            set { shardList = newValue.joined(separator: " ") }
        }
    }

    /// Where the state of `site` is kept: beside it, `.<site>.estado`.
    static func url(site: URL) -> URL {
        site.deletingLastPathComponent().appendingPathComponent(".\(site.lastPathComponent).estado")
    }

    /// The state is a small line-oriented text file (item ids, slugs and shard keys never hold tabs
    /// or line breaks): decoding it with Codable took a tenth of an incremental publish at 10,000 items.
    static func load(_ url: URL) -> PublishState? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        var state = PublishState()
        var sawHeader = false
        let bytes = [UInt8](data)
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            guard lineEnd > lineStart else { continue }
            // Fields split on tabs, decoded straight from the bytes (Substring splitting was a sixth
            // of an incremental publish at 10,000 items).
            var fields: [String] = []
            var fieldStart = lineStart
            for index in lineStart...lineEnd where index == lineEnd || bytes[index] == 0x09 {
                fields.append(String(decoding: bytes[fieldStart..<index], as: UTF8.self))
                fieldStart = index + 1
            }
            switch fields[0] {
            case "memoria-estado":
                guard fields.count == 2, Int(fields[1]) == version else { return nil }
                sawHeader = true
            case "sitio" where fields.count == 2: state.siteFingerprint = fields[1]
            case "siguiente" where fields.count == 2: state.nextDocument = Int(fields[1]) ?? 0
            case "media" where fields.count == 2: state.averageLength = Double(fields[1]) ?? 1
            case "meta" where fields.count == 2: state.searchMetaKey = fields[1]
            case "claves" where fields.count == 2: state.shardKeys = fields[1].split(separator: " ").map(String.init)
            case "i" where fields.count == 6:
                state.items[fields[1]] = ItemState(fingerprint: fields[2], document: Int(fields[3]) ?? 0,
                                                   shardList: fields[5], fragments: Int(fields[4]) ?? 0)
            case "l" where fields.count == 3: state.listPages[fields[1]] = fields[2]
            case "v" where fields.count == 3: state.versions[fields[1]] = fields[2]
            default: return nil   // damaged: the next publish is a full one
            }
        }
        return sawHeader ? state : nil
    }

    func save(_ url: URL) throws {
        var text = "memoria-estado\t\(Self.version)\nsitio\t\(siteFingerprint)\nsiguiente\t\(nextDocument)\nmedia\t\(averageLength)\n"
        text += "claves\t\(shardKeys.joined(separator: " "))\n"
        if !searchMetaKey.isEmpty { text += "meta\t\(searchMetaKey)\n" }
        for (id, item) in items.sorted(by: { $0.key < $1.key }) {
            text += "i\t\(id)\t\(item.fingerprint)\t\(item.document)\t\(item.fragments)\t\(item.shardList)\n"
        }
        for (path, fingerprint) in listPages.sorted(by: { $0.key < $1.key }) { text += "l\t\(path)\t\(fingerprint)\n" }
        for (path, published) in versions.sorted(by: { $0.key < $1.key }) { text += "v\t\(path)\t\(published)\n" }
        try SideFile.replace(url, with: text)
    }
}

/// Publish fingerprints (FNV-1a, Support/StableHash), unpadded as the publish state has always held them.
enum Fingerprint {
    static func of(_ parts: [String]) -> String { StableHash.hex(StableHash.fnv1a(parts: parts)) }
    static func of(_ data: Data) -> String { StableHash.hex(StableHash.fnv1a(data)) }
}
