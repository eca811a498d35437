import Foundation

/// One batch of the soak test (bench/soak.sh): small scan-like pages in items of several pages, and
/// among them loose odd files, one every `badEvery` files, cycling through what a real inbox shows: a
/// copy cut half-way, a JPEG named .tif (archived with a note), an empty file, a zero-length plane, a
/// short uncompressed strip. Every odd file is its own item, so that no good page waits for it.
public enum SoakInboxPlan {
    public struct Shape: Sendable {
        public var fonds: String
        public var batch: Int
        public var files: Int
        public var pagesPerItem: Int
        public var badEvery: Int
        public var width: Int, height: Int

        public init(fonds: String, batch: Int, files: Int, pagesPerItem: Int, badEvery: Int, width: Int, height: Int) {
            self.fonds = fonds
            self.batch = batch
            self.files = files
            self.pagesPerItem = pagesPerItem
            self.badEvery = badEvery
            self.width = width
            self.height = height
        }
    }

    /// Where each file of the batch is written, relative to the inbox; for an odd file, its kind and
    /// whether Memoria must quarantine it (damage) or archive it with a note (a JPEG named .tif).
    public struct Entry: Sendable {
        public var path: String
        public var oddity: String?
        public var quarantined: Bool
    }

    static let kinds: [PageDesigner.Kind] = [.letter, .score, .letter, .poster, .photograph]

    public static func make(_ shape: Shape, seed: UInt64) -> (plan: InboxPlan, entries: [Entry]) {
        let prefix = String(format: "SOAK-%03d", shape.batch)
        let batchName = String(format: "soak-%03d", shape.batch)
        let badCount = shape.badEvery > 0 ? shape.files / shape.badEvery : 0
        let goodCount = shape.files - badCount
        var random = SeededRandom(seed: seed).derived(batchName)
        var items: [InboxPlan.Item] = []
        var entries: [Entry] = []
        var page = 0
        while page < goodCount {
            let id = prefix + String(format: "-%04d", items.count + 1)
            let count = min(shape.pagesPerItem, goodCount - page)
            let pages = (1...count).map { n -> InboxPlan.Page in
                let kind = kinds[(page + n) % kinds.count]
                let format: InboxPlan.PageFormat = kind == .photograph ? .jpeg(quality: 90) : (n % 2 == 0 ? .tiffGray(.lzw) : .tiffRGB(.lzw))
                return InboxPlan.Page(name: String(format: "%04d", n), kind: kind, format: format, width: shape.width, height: shape.height,
                                      title: "Hoja \(n) de \(id)", body: SpanishText.paragraph(&random, characters: 400), sidecar: nil)
            }
            for p in pages { entries.append(Entry(path: "\(shape.fonds)/\(batchName)/\(id)/\(p.name).\(p.format.fileExtension)", oddity: nil, quarantined: false)) }
            items.append(InboxPlan.Item(id: id, folder: true, pages: pages,
                                        row: [("identifier", id), ("dc.title", "Expediente de prueba \(id)"), ("dc.date", "1955"),
                                              ("dc.creator", "Banda Sinfónica del Estado de Hidalgo")]))
            page += count
        }
        var bad: [(InboxPlan.BadFile, [(String, String)])] = []
        for n in 0..<badCount {
            let id = prefix + String(format: "-X%03d", n + 1)
            let file: InboxPlan.BadFile
            switch n % 5 {
            case 0: file = .truncatedTIFF(name: "\(id).tif")
            case 1: file = .jpegNamedTIF(name: "\(id).tif")
            case 2: file = .empty(name: "\(id).tif")
            case 3: file = .damagedFixture(.zeroLengthPlane, name: "\(id).tif")
            default: file = .damagedFixture(.shortUncompressedStrip, name: "\(id).tif")
            }
            let kind: String
            switch file {
            case .truncatedTIFF: kind = "truncated"
            case .jpegNamedTIF: kind = "wrong-extension"
            case .empty: kind = "empty"
            case .damagedFixture(let fixture, _): kind = fixture == .zeroLengthPlane ? "zero-length-plane" : "short-strip"
            }
            entries.append(Entry(path: "\(shape.fonds)/\(batchName)/\(file.name)", oddity: kind, quarantined: kind != "wrong-extension"))
            bad.append((file, [("identifier", id), ("dc.title", "Hoja dañada \(id)"), ("dc.date", "1955"),
                               ("dc.creator", "Banda Sinfónica del Estado de Hidalgo")]))
        }
        let batch = InboxPlan.Batch(fonds: shape.fonds, name: batchName, csv: .utf8BOMComma, items: items, badFiles: bad, readyMarker: true)
        return (InboxPlan(batches: [batch]), entries)
    }
}
