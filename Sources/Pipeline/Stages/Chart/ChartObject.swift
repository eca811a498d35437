import Foundation
import Metadata
import Preservation

/// Where a fonds' classification chart lives in the archive: its own OCFL object `<CODE>.cuadro`
/// (an identifier no item of a fonds with id prefixes can have), holding the sheet as deposited
/// (`cuadro/cuadro.csv`) and the chart as Memoria read it (`cuadro/cuadro.json`). Each correction is
/// a new version; the versions' messages say which batch brought it and who.
enum ChartObject {
    static let suffix = ".cuadro"
    static let sheetPath = "cuadro/cuadro.csv"
    static let chartPath = "cuadro/cuadro.json"

    static func id(fondsCode: String) -> String { fondsCode + suffix }

    static func isChart(_ objectID: String) -> Bool { objectID.hasSuffix(suffix) }

    /// The archived head of a fonds' chart, or nil when the fonds has none.
    static func read(_ storage: OCFLStorageRoot, fondsCode: String) throws -> (version: Int, updatedAt: String, chart: ClassificationChart)? {
        let id = id(fondsCode: fondsCode)
        guard storage.objectExists(id) else { return nil }
        let inventory = try storage.inventory(of: id)
        guard let url = try storage.file(of: id, logicalPath: chartPath, inventory: inventory),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw ArchiveReader.Failure.unreadable(objectID: id, reason: "\(chartPath) is missing")
        }
        do {
            return (inventory.headNumber, inventory.versions[inventory.head]?.created ?? "", try ClassificationChart.decode([UInt8](data)))
        } catch {
            throw ArchiveReader.Failure.unreadable(objectID: id, reason: "\(chartPath): \(error)")
        }
    }
}
