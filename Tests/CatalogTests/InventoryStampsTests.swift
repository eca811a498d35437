@testable import Catalog
import Foundation
import GRDB
import Testing
import TestSupport

/// The inventory stamps of a start proportional to what changed (migration v7, after v6's table of
/// forms): a catalog left at v6 gains the table, keeps its items, and stores and reads stamps.
@Suite struct InventoryStampsTests {
    @Test func theStampsAreMigrationV7AfterTheFormsOfV6() throws {
        let migrations = CatalogSchema.migrator.migrations
        let forms = try #require(migrations.firstIndex(of: "v6-formas"))
        #expect(Array(migrations[forms...].prefix(3)) == ["v6-formas", "v7-inventory-stamps", "v8-cambios-del-sitio"])
    }

    @Test func aCatalogOfVersion6IsMigratedToVersion7() throws {
        let folder = TemporaryDirectory("catalog-v6")
        let path = folder.path("catalog.sqlite").path
        do {
            let db = try CatalogDatabase(path: path)
            try db.synchronizeFonds([CatalogFonds(code: "BSH", slug: "banda-sinfonica", title: "Banda Sinfónica de Hidalgo", description: "")])
            try db.store(SearchFormsTests.item("M-1", "Las cartas llegaron."), fondsTitle: "Banda Sinfónica de Hidalgo")
            // Back to version 6: no stamps table, the v7 migration not applied.
            try db.write { db in
                try db.execute(sql: "DROP TABLE inventory_stamps; DELETE FROM grdb_migrations WHERE identifier = 'v7-inventory-stamps'")
            }
            let applied = try db.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
            #expect(applied.contains("v6-formas") && !applied.contains("v7-inventory-stamps"))
        }
        let db = try CatalogDatabase(path: path)
        let applied = try db.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.contains("v7-inventory-stamps"))
        let (heads, stamps) = try db.headVersionsWithStamps()
        #expect(heads == ["M-1": 1])
        #expect(stamps.isEmpty, "nothing stamped yet: the next start reads every inventory once")
        let stamp = CatalogInventoryStamp(inode: 42, size: 1_234, changedNanos: 5, modifiedNanos: 6, headVersion: 1)
        try db.storeInventoryStamps(["M-1": stamp])
        #expect(try db.headVersionsWithStamps().stamps == ["M-1": stamp])
        #expect(try db.search("carta").hits.map(\.itemID) == ["M-1"], "v6's search still answers")
    }
}
