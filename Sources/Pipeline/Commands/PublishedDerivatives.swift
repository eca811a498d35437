import Foundation
import Imaging
import Preservation
import Site

/// What the last publish read of the derivative store, kept beside the site (`.<site>.derivadas`)
/// with the position of the store's change journal it was read at: every item's manifest entries,
/// the tile pyramid of each of its pages and its PDF's stamp. The next publish takes an item from
/// here unless the journal names it after that position, so it opens the files of the items that
/// changed rather than one manifest per item and one pyramid per page of the whole archive.
///
/// A line-oriented text file (item ids, keys and digests never hold tabs or line breaks; an item
/// whose values would is left out, and so read from the store each time). Not synced: a file lost
/// or damaged only makes the next publish read the store whole.
struct PublishedDerivatives {
    static let version = 1

    struct Item: Equatable {
        var entries: [DerivativeStore.Entry] = []
        /// Tile pyramid by page key (pages without tiles are absent).
        var pyramids: [String: TilePyramid] = [:]
        var pdf: ItemPDFs.Stamp?
    }

    var position: DerivativeStore.JournalPosition
    var items: [String: Item] = [:]

    static func url(site: URL) -> URL {
        site.deletingLastPathComponent().appendingPathComponent(".\(site.lastPathComponent).derivadas")
    }

    static func load(_ url: URL) -> PublishedDerivatives? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        var result: PublishedDerivatives?
        var current: String?
        for line in data.split(separator: 0x0A) {
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            switch f[0] {
            case "memoria-derivadas":
                guard f.count == 4, Int(f[1]) == version, let offset = Int(f[3]), result == nil else { return nil }
                result = PublishedDerivatives(position: .init(token: f[2], offset: offset))
            case "i" where f.count == 2 && result != nil:
                current = f[1]
                result!.items[f[1]] = Item()
            case "e" where f.count == 10 && current != nil:
                guard let index = Int(f[3]), let width = Int(f[6]), let height = Int(f[7]) else { return nil }
                result!.items[current!]!.entries.append(DerivativeStore.Entry(
                    key: f[1], masterPath: f[2], indexInFile: index, masterDigest: f[4], fingerprint: f[5],
                    accessWidth: width, accessHeight: height, mediumWidth: Int(f[8]), mediumHeight: Int(f[9])))
            case "t" where f.count == 10 && current != nil:
                guard let width = Int(f[2]), let height = Int(f[3]), let tileSize = Int(f[4]), let files = Int(f[7]), let bytes = Int(f[8]),
                      let scales = integers(f[5]), let sizes = sizes(f[6]) else { return nil }
                result!.items[current!]!.pyramids[f[1]] = TilePyramid(width: width, height: height, tileSize: tileSize, scaleFactors: scales,
                                                                      sizes: sizes, fileCount: files, byteCount: bytes, fingerprint: f[9])
            case "p" where f.count == 4 && current != nil:
                guard let pages = Int(f[2]), let bytes = Int64(f[3]) else { return nil }
                result!.items[current!]!.pdf = ItemPDFs.Stamp(fingerprint: f[1], pages: pages, bytes: bytes)
            default:
                return nil   // damaged or from another version: the store is read whole
            }
        }
        return result
    }

    func save(_ url: URL) throws {
        var text = "memoria-derivadas\t\(Self.version)\t\(position.token)\t\(position.offset)\n"
        for (id, item) in items.sorted(by: { $0.key < $1.key }) where Self.storable(id, item) {
            text += "i\t\(id)\n"
            for e in item.entries {
                text += "e\t\(e.key)\t\(e.masterPath)\t\(e.indexInFile)\t\(e.masterDigest)\t\(e.fingerprint)\t\(e.accessWidth)\t\(e.accessHeight)\t"
                    + "\(e.mediumWidth.map(String.init) ?? "")\t\(e.mediumHeight.map(String.init) ?? "")\n"
            }
            for (key, p) in item.pyramids.sorted(by: { $0.key < $1.key }) {
                text += "t\t\(key)\t\(p.width)\t\(p.height)\t\(p.tileSize)\t\(p.scaleFactors.map(String.init).joined(separator: ","))\t"
                    + "\(p.sizes.map { "\($0.width)x\($0.height)" }.joined(separator: ","))\t\(p.fileCount)\t\(p.byteCount)\t\(p.fingerprint)\n"
            }
            if let pdf = item.pdf { text += "p\t\(pdf.fingerprint)\t\(pdf.pages)\t\(pdf.bytes)\n" }
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            try FileSystem.write(Data(text.utf8), to: temporary, fsync: false)
            try FileSystem.renameWithoutSync(temporary, to: url)
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// False when a value would break the line format (a master path holding a tab, say).
    static func storable(_ id: String, _ item: Item) -> Bool {
        var values = [id] + item.entries.flatMap { [$0.key, $0.masterPath, $0.masterDigest, $0.fingerprint] }
        values += item.pyramids.flatMap { [$0.key, $0.value.fingerprint] }
        values += item.pdf.map { [$0.fingerprint] } ?? []
        return !id.isEmpty && !values.contains { $0.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) }
    }

    private static func integers(_ text: String) -> [Int]? {
        let parts = text.split(separator: ",")
        let values = parts.compactMap { Int($0) }
        return values.count == parts.count ? values : nil
    }

    private static func sizes(_ text: String) -> [TilePyramid.Size]? {
        var sizes: [TilePyramid.Size] = []
        for part in text.split(separator: ",") {
            let wh = part.split(separator: "x")
            guard wh.count == 2, let w = Int(wh[0]), let h = Int(wh[1]) else { return nil }
            sizes.append(.init(width: w, height: h))
        }
        return sizes
    }
}
