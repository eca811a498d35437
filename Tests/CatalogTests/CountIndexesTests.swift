@testable import Catalog
import Foundation
import GRDB
import Testing
import TestSupport

/// Migration v10: what status counts, what a start and verify list, answered from small indexes (not
/// a pass over every item's row); a catalog of v8 gains them and answers the same.
@Suite struct CountIndexesTests {
    @Test func theCountIndexesAreMigrationV10AfterTheDescriptionIndexOfV9() throws {
        let migrations = CatalogSchema.migrator.migrations
        let v9 = try #require(migrations.firstIndex(of: "v9-descripciones"))
        #expect(migrations.dropFirst(v9 + 1).first == "v10-recuentos")
    }

    func plan(_ db: CatalogDatabase, _ sql: String) throws -> String {
        try db.read { try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: " · ") }
    }

    @Test func aCatalogOfVersion9GainsTheIndexesAndCountsTheSame() throws {
        let folder = TemporaryDirectory("catalog-v8")
        let path = folder.path("catalog.sqlite").path
        let counted: (items: Int, pages: Int, files: Int, bytes: Int64, quarantined: Int, events: Int)
        do {
            let db = try CatalogDatabase(path: path)
            try db.synchronizeFonds([CatalogFonds(code: "BSH", slug: "banda-sinfonica", title: "Banda Sinfónica de Hidalgo", description: "")])
            try db.store(SearchFormsTests.item("M-1", "Las cartas llegaron."), fondsTitle: "Banda Sinfónica de Hidalgo")
            try db.store(SearchFormsTests.item("M-2", "Las partituras también."), fondsTitle: "Banda Sinfónica de Hidalgo")
            try db.markMissing(["M-2"], since: "2026-12-03T10:00:00Z")
            counted = try db.counts()
            try db.write { db in
                try db.execute(sql: """
                    DROP INDEX items_by_status; DROP INDEX items_missing; DROP INDEX items_heads; DROP INDEX items_growth;
                    DROP INDEX files_item_sizes; DROP INDEX files_formats;
                    DELETE FROM grdb_migrations WHERE identifier = 'v10-recuentos'
                    """)
            }
            let left = try db.write { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('items_by_status', 'items_missing', 'items_heads', 'items_growth', 'files_item_sizes', 'files_formats')") }
            #expect(left == 0, "back to version 9")
        }
        let db = try CatalogDatabase(path: path)
        // Either index led by the state answers the count (the planner picks one).
        let count = try plan(db, "SELECT COUNT(*) FROM items WHERE status = 'archived'")
        #expect(count.contains("COVERING INDEX items_by_status") || count.contains("COVERING INDEX items_growth"), "\(count)")
        #expect(try plan(db, "SELECT access, COUNT(*) FROM items WHERE status = 'archived' GROUP BY access").contains("COVERING INDEX items_by_status"))
        #expect(try plan(db, "SELECT COALESCE(SUM(size), 0) FROM files").contains("COVERING INDEX files_item_sizes"))
        let growth = try plan(db, "SELECT i.fonds_code, substr(i.created_at, 1, 7), COUNT(*), SUM((SELECT SUM(f.size) FROM files f WHERE f.item_id = i.id)) FROM items i WHERE i.status = 'archived' GROUP BY 1, 2")
        #expect(growth.contains("COVERING INDEX items_growth") && growth.contains("COVERING INDEX files_item_sizes"), "\(growth)")
        #expect(try plan(db, "SELECT format_name, COUNT(*), SUM(size) FROM files WHERE role = 'master' GROUP BY 1").contains("COVERING INDEX files_formats"))
        #expect(try db.dashboardFigures().formats.reduce(0) { $0 + $1.files } == (try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM files WHERE role = 'master'") }))
        #expect(try plan(db, "SELECT id, missing_since FROM items WHERE missing_since IS NOT NULL ORDER BY id").contains("items_missing"))
        #expect(try plan(db, "SELECT id, head_version FROM items").contains("COVERING INDEX items_heads"))
        let again = try db.counts()
        #expect(again.items == counted.items && again.pages == counted.pages && again.files == counted.files && again.bytes == counted.bytes)
        #expect(try db.missingItems().map(\.id) == ["M-2"])
        #expect(try db.headVersionsWithStamps().heads == ["M-1": 1, "M-2": 1])
        #expect(try db.itemCountsByFonds() == ["BSH": counted.items])
    }
}
