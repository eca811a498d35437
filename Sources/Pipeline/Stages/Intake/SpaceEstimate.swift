import Foundation
import Preservation
import Support

/// How much disk a batch will take once archived, estimated before it starts: the masters, and what
/// the run makes from them (access copies, medium copy, thumbnail and tiles; OCR and ALTO/hOCR text;
/// METS with MIX and PREMIS; the catalog's rows and full-text index), each on the disk where it goes.
/// The factors are stated here so that a report can be checked against them:
/// - derivatives per page: a fraction of the master by its kind (TIFF 0.15, JPEG 2000 0.5, PNG 0.3,
///   JPEG 1.0, anything else 0.5), at least 60 kB; tiles double it (with `tiles: always`, and with
///   `auto` for masters over 4 MB, which are the ones larger than their access copy);
/// - text per page: 64 kB when OCR may run, else 64 kB per transcription file;
/// - METS per item: 24 kB, plus 12 kB per page (MIX, PREMIS objects and events);
/// - catalog per page: 24 kB (rows, words in the full-text index).
struct SpaceEstimate: Sendable {
    var masters: Int64 = 0
    var derivatives: Int64 = 0
    var text: Int64 = 0
    var mets: Int64 = 0
    var catalog: Int64 = 0

    static let derivativeFloor: Int64 = 60_000
    static let tiledAbove: Int64 = 4_000_000
    static let textPerPage: Int64 = 64_000
    static let metsPerItem: Int64 = 24_000
    static let metsPerPage: Int64 = 12_000
    static let catalogPerPage: Int64 = 24_000

    /// The share of a master's size its derivatives take, by file extension.
    static func derivativeFactor(_ name: String) -> Double {
        switch (name as NSString).pathExtension.lowercased() {
        case "tif", "tiff": return 0.15
        case "jp2", "j2k": return 0.5
        case "png": return 0.3
        case "jpg", "jpeg": return 1.0
        default: return 0.5
        }
    }

    /// - Parameters:
    ///   - tiles: `derivatives.tiles` (always, auto, never).
    ///   - ocr: whether OCR may run (`text.ocr` is not never).
    init(items: [InboxItem], tiles: String, ocr: Bool) {
        for item in items {
            mets += Self.metsPerItem
            for file in item.files {
                masters += file.size
                let share = Int64(Double(file.size) * Self.derivativeFactor(file.name))
                let tiled = tiles == "always" || (tiles == "auto" && file.size > Self.tiledAbove)
                derivatives += max(Self.derivativeFloor, share) * (tiled ? 2 : 1)
                if ocr { text += Self.textPerPage }
                mets += Self.metsPerPage
                catalog += Self.catalogPerPage
            }
            if !ocr { text += Int64(item.sidecars.count) * Self.textPerPage }
        }
    }

    /// One disk the batch writes to: the folders on it and what they will take.
    struct Disk: Sendable {
        var folders: [String]
        var needed: Int64
        var parts: [(String, Int64)]
        var available: Int64
    }

    /// The disks of the archive, the derivatives and the catalog (one entry per file system), with
    /// what each will take; `show` turns a path into what a person reads.
    func disks(archive: URL, derivatives derivativesFolder: URL, catalog catalogFile: URL, show: (String) -> String) -> [Disk] {
        let places: [(URL, [(String, Int64)])] = [
            (archive, [("maestros", masters), ("texto", text), ("METS", mets)]),
            (derivativesFolder, [("copias de consulta", derivatives)]),
            (catalogFile, [("catálogo", catalog)]),
        ]
        var byDevice: [UInt64: Disk] = [:]
        var order: [UInt64] = []
        for (folder, parts) in places {
            guard let device = Self.device(of: folder), let available = FileSystem.availableBytes(at: folder) else { continue }
            if byDevice[device] == nil {
                byDevice[device] = Disk(folders: [], needed: 0, parts: [], available: available)
                order.append(device)
            }
            byDevice[device]!.folders.append(show(folder.path))
            byDevice[device]!.parts += parts
            byDevice[device]!.needed += parts.reduce(0) { $0 + $1.1 }
        }
        return order.compactMap { byDevice[$0] }
    }

    /// The file system of the nearest existing folder at or above `url`.
    static func device(of url: URL) -> UInt64? {
        var current = url
        while !FileManager.default.fileExists(atPath: current.path) && current.path != "/" { current.deleteLastPathComponent() }
        var info = stat()
        guard stat(current.path, &info) == 0 else { return nil }
        return UInt64(info.st_dev)
    }
}
