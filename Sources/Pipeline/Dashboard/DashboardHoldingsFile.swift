import Catalog
import Foundation
import Preservation

/// The dashboard's growth and format figures as last counted, with the catalog stamp they were
/// counted at (`CatalogDashboardFigures.Holdings`), kept hidden beside the dashboard
/// (reports/direccion/.cifras-del-catalogo.json) so that the dashboard a verify rewrites does not count
/// every item and file of the catalog again when none changed.
struct DashboardHoldingsFile {
    let url: URL

    init(folder: URL) { url = folder.appendingPathComponent(".cifras-del-catalogo.json") }

    /// The holdings kept, or nil when there are none or they cannot be read as such: then they are
    /// counted again from the catalog (they are a copy of what the catalog says, never a source).
    func read() -> CatalogDashboardFigures.Holdings? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(CatalogDashboardFigures.Holdings.self, from: data)
        } catch {
            return nil
        }
    }

    /// Keeps `holdings` for the next dashboard (staged and renamed into place).
    func write(_ holdings: CatalogDashboardFigures.Holdings) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileSystem.replaceAtomically(url, with: try encoder.encode(holdings))
    }
}
