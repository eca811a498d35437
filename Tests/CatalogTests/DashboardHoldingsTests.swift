@testable import Catalog
import Foundation
import GRDB
import Testing
import TestSupport

/// The dashboard's growth and format figures are reused while the catalog's site stamp is the one they
/// were counted at (a verify only adds events), and counted again as soon as an item or file changes.
struct DashboardHoldingsTests {
    @Test func theFiguresAreReusedUntilAnItemChanges() throws {
        let folder = TemporaryDirectory("dashboard-holdings")
        let db = try CatalogDatabase(path: folder.path("catalog.sqlite").path)
        try db.synchronizeFonds([CatalogFonds(code: "BSH", slug: "banda-sinfonica", title: "Banda Sinfónica de Hidalgo", description: "")])
        try db.store(SearchFormsTests.item("M-1", "Las cartas llegaron."), fondsTitle: "Banda Sinfónica de Hidalgo")
        let first = try db.dashboardFigures(reusing: nil)
        #expect(first.figures == (try db.dashboardFigures()))
        #expect(first.holdings.growth.map(\.items).reduce(0, +) == 1)

        // Figures kept with the same stamp are taken as they are (doctored here to tell them apart)...
        var kept = first.holdings
        kept.growth = kept.growth.map { var g = $0; g.items = 999; return g }
        try db.write { try $0.execute(sql: "INSERT INTO events (identifier, type, date_time, outcome, item_id) VALUES ('M-1/fixity/1', 'fixity check', '2026-12-03T10:00:00Z', 'success', 'M-1')") }
        let reused = try db.dashboardFigures(reusing: kept)
        #expect(reused.figures.growth.map(\.items) == [999], "an audit's event changes no holding")
        #expect(reused.figures.audits.count == 1, "the audits are always read")

        // ...but not once an item changed: counted again, the second item in.
        try db.store(SearchFormsTests.item("M-2", "Las partituras también."), fondsTitle: "Banda Sinfónica de Hidalgo")
        let recounted = try db.dashboardFigures(reusing: kept)
        #expect(recounted.figures.growth.map(\.items).reduce(0, +) == 2)
        #expect(recounted.holdings.stamp != kept.stamp)
        #expect(recounted.figures == (try db.dashboardFigures()))
        // The totals kept are the catalog's own counts.
        let counts = try db.counts()
        #expect((recounted.holdings.items, recounted.holdings.pages, recounted.holdings.bytes) == (counts.items, counts.pages, counts.bytes))
        #expect(recounted.holdings.access == Dictionary(uniqueKeysWithValues: try db.accessCounts().map { ($0.key.rawValue, $0.value) }))
        #expect(recounted.holdings.items == 2)
    }
}
