// Derive stage (storage side).
// Consumes: access copies, medium copies and thumbnails as JPEG bytes. Produces: files in
// derivatives/<item>/ named <key>.access.jpg, <key>.medium.jpg (when there is one) and <key>.thumb.jpg, plus derivatives/<item>/derivatives.json (settings fingerprint
// and master digest per page, so `memoria derive` knows what is stale).
// New derivatives wait in derivatives/.staging/<item>/ until their item is archived, then are renamed
// into place; an item that is held back leaves nothing behind. Derivatives are never archival.
import Support
import Foundation
import Metadata
import Preservation

public struct DerivativeStore: Sendable {
    public let root: URL
    /// `root` as a path: publishing builds two paths per page for every item, and URL's
    /// appendingPathComponent both parses and asks the file system whether each result is a folder.
    private let rootPath: String

    public init(root: URL) {
        self.root = root
        rootPath = root.path
    }

    public struct Entry: Codable, Equatable, Sendable {
        public var key: String
        public var masterPath: String
        public var indexInFile: Int
        public var masterDigest: String
        public var fingerprint: String
        public var accessWidth: Int
        public var accessHeight: Int
        /// The medium copy's size, when the page has one (derivatives made before it existed have none).
        public var mediumWidth: Int?
        public var mediumHeight: Int?

        public init(key: String, masterPath: String, indexInFile: Int, masterDigest: String, fingerprint: String,
                    accessWidth: Int, accessHeight: Int, mediumWidth: Int? = nil, mediumHeight: Int? = nil) {
            self.mediumWidth = mediumWidth
            self.mediumHeight = mediumHeight
            self.key = key
            self.masterPath = masterPath
            self.indexInFile = indexInFile
            self.masterDigest = masterDigest
            self.fingerprint = fingerprint
            self.accessWidth = accessWidth
            self.accessHeight = accessHeight
        }
    }

    var staging: URL { root.appendingPathComponent(".staging") }

    public func itemFolder(_ itemID: String) -> URL { root.appendingPathComponent(itemID) }

    func stage(itemID: String, key: String, access: [UInt8], medium: [UInt8]?, thumbnail: [UInt8]) throws {
        let folder = staging.appendingPathComponent(itemID)
        // Through the file-system layer (no fsync: derivatives are remade by `memoria derive`).
        try FileSystem.createDirectory(folder)
        try FileSystem.write(Data(access), to: folder.appendingPathComponent("\(key).access.jpg"), fsync: false)
        if let medium { try FileSystem.write(Data(medium), to: folder.appendingPathComponent("\(key).medium.jpg"), fsync: false) }
        try FileSystem.write(Data(thumbnail), to: folder.appendingPathComponent("\(key).thumb.jpg"), fsync: false)
    }

    /// Moves an item's staged derivatives into place and records them in its manifest.
    func commit(itemID: String, entries: [Entry]) throws {
        let from = staging.appendingPathComponent(itemID)
        let to = itemFolder(itemID)
        try noteChange(of: itemID, durably: true)   // DerivativeChangeStamp, DerivativeChangeJournal
        try FileSystem.createDirectory(to)
        let staged = (try? FileManager.default.contentsOfDirectory(atPath: from.path)) ?? []
        // A page derived again without tiles (settings changed) must not keep the old ones.
        for name in staged where name.hasSuffix(".access.jpg") {
            let key = String(name.dropLast(".access.jpg".count))
            if !staged.contains("\(key).iiif") { try? FileManager.default.removeItem(atPath: tilesPath(itemID: itemID, key: key)) }
            if !staged.contains("\(key).medium.jpg") { try? FileManager.default.removeItem(atPath: mediumPath(itemID: itemID, key: key)) }
        }
        for name in staged {
            let target = to.appendingPathComponent(name)
            // A tile folder replaces the old one; a file is renamed over the old one.
            if name.hasSuffix(".iiif") { _ = try? FileManager.default.removeItem(at: target) }
            try FileSystem.renameWithoutSync(from.appendingPathComponent(name), to: target)
        }
        try? FileManager.default.removeItem(at: from)
        try writeManifest(itemID: itemID, entries: entries)
    }

    /// Forgets an item's staged derivatives (its item was not archived). Best effort: leftovers are
    /// removed by `discardAllStaged` at the next start.
    func discard(itemID: String) {
        try? FileManager.default.removeItem(at: staging.appendingPathComponent(itemID))
    }

    /// Forgets what one page staged (its master failed part way): the access copy, the medium copy,
    /// the thumbnail and the tiles. Best effort, like `discard`.
    func discardStaged(itemID: String, key: String) {
        let folder = staging.appendingPathComponent(itemID)
        for name in ["\(key).access.jpg", "\(key).medium.jpg", "\(key).thumb.jpg", "\(key).iiif"] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Removes what a killed run left in the derivative staging folder.
    func discardAllStaged() {
        try? FileManager.default.removeItem(at: staging)
    }

    public func manifest(itemID: String) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: "\(rootPath)/\(itemID)/derivatives.json") else { return [] }
        return Self.readManifest(data) ?? (try? JSONDecoder().decode([Entry].self, from: data)) ?? []
    }

    /// Reads the manifest as `writeManifest` writes it without JSONDecoder (a publish reads one per
    /// item); nil for anything else.
    static func readManifest(_ data: Data) -> [Entry]? {
        var scanner = JSONByteScanner(data)
        guard let entries = scanner.array(of: readEntry), scanner.isAtEnd() else { return nil }
        return entries
    }

    private static func readEntry(_ scanner: inout JSONByteScanner) -> Entry? {
        var strings: [String: String] = [:], integers: [String: Int] = [:]
        let fields = scanner.object { scanner, name in
            switch name {
            case "accessHeight", "accessWidth", "indexInFile", "mediumHeight", "mediumWidth":
                guard let value = scanner.integer() else { return false }
                integers[name] = value
            case "fingerprint", "key", "masterDigest", "masterPath":
                guard let value = scanner.string() else { return false }
                strings[name] = value
            default:
                return false
            }
            return true
        }
        guard fields, let key = strings["key"], let masterPath = strings["masterPath"], let masterDigest = strings["masterDigest"],
              let fingerprint = strings["fingerprint"], let indexInFile = integers["indexInFile"],
              let accessWidth = integers["accessWidth"], let accessHeight = integers["accessHeight"] else { return nil }
        return Entry(key: key, masterPath: masterPath, indexInFile: indexInFile, masterDigest: masterDigest,
                     fingerprint: fingerprint, accessWidth: accessWidth, accessHeight: accessHeight,
                     mediumWidth: integers["mediumWidth"], mediumHeight: integers["mediumHeight"])
    }

    public func writeManifest(itemID: String, entries: [Entry]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(entries.sorted { $0.key < $1.key })
        try FileSystem.replaceAtomically(itemFolder(itemID).appendingPathComponent("derivatives.json"), with: data)
        try noteChange(of: itemID, durably: false)
    }

    /// Where a page's tiles are made before its item is archived (the folder must not exist yet).
    func stagedTilesFolder(itemID: String, key: String) -> URL {
        staging.appendingPathComponent(itemID).appendingPathComponent("\(key).iiif")
    }

    /// A page's tile pyramid (tiles and pyramid.json), once in place.
    public func tilesPath(itemID: String, key: String) -> String { "\(rootPath)/\(itemID)/\(key).iiif" }

    public func accessURL(itemID: String, key: String) -> URL { URL(fileURLWithPath: accessPath(itemID: itemID, key: key), isDirectory: false) }
    public func thumbnailURL(itemID: String, key: String) -> URL { URL(fileURLWithPath: thumbnailPath(itemID: itemID, key: key), isDirectory: false) }
    public func accessPath(itemID: String, key: String) -> String { "\(rootPath)/\(itemID)/\(key).access.jpg" }
    public func thumbnailPath(itemID: String, key: String) -> String { "\(rootPath)/\(itemID)/\(key).thumb.jpg" }
    public func mediumPath(itemID: String, key: String) -> String { "\(rootPath)/\(itemID)/\(key).medium.jpg" }
    /// The item's download PDF and the fingerprint of what it was made from (see ItemPDFMaker).
    public func pdfPath(itemID: String) -> String { "\(rootPath)/\(itemID)/documento.pdf" }
    public func pdfStampPath(itemID: String) -> String { "\(rootPath)/\(itemID)/documento.pdf.huella" }
}
