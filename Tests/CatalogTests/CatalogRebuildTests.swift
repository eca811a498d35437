@testable import Catalog
import Foundation
import GRDB
import Metadata
import Testing
import TestSupport

/// What a rebuild (`replaceAllItems`, the path of `memoria reindex` and of bench/fts.sh) writes: the
/// same rows, with the same SQLite types, as items stored one by one; the full-text tables left with
/// FTS5's defaults and a sound index; a row that cannot be written leaves the catalog as it was.
@Suite struct CatalogRebuildTests {
    static let fondsTitle = "Banda Sinfónica de Hidalgo"

    /// Items with every kind of value the item's rows hold: empty and absent fields, several pages,
    /// files with and without a PRONOM id, access decisions with and without a date.
    static func items() -> [CatalogItem] {
        (1...60).map { n in
            var dc = DublinCoreRecord()
            dc["identifier"] = ["D-\(n)"]
            dc["title"] = [n % 9 == 0 ? "  La carta número \(n) " : "Expediente \(n) de la Banda"]
            if n % 2 == 0 { dc["creator"] = ["Ramírez, José", "Niño \"el Viejo\""] }
            if n % 3 == 0 { dc["subject"] = ["Música", "Bandas"] }
            if n % 4 == 0 { dc["description"] = ["Primera línea", "Segunda\tlínea"] }
            if n % 5 != 0 { dc["date"] = ["18\(10 + n % 80)"] }
            if n % 7 == 0 { dc["type"] = ["Text"] }
            let files: [CatalogItem.File] = (0..<(n % 3)).map { f in
                .init(logicalPath: "objects/\(f).tif", contentPath: "v1/content/objects/\(f).tif", role: f == 0 ? .master : .text,
                      digestAlgorithm: "sha512", digest: String(repeating: "ab", count: 8) + "\(n)-\(f)", size: Int64(1_000 * n + f),
                      formatName: f == 0 ? "TIFF" : "", pronomID: f == 0 ? "fmt/353" : nil, mimeType: "image/tiff", originalName: "")
            }
            let pages: [CatalogItem.Page] = (1...(1 + n % 3)).map { p in
                .init(sequence: p, label: "Página \(p)", masterPath: "objects/\(p).tif", indexInFile: p - 1, width: 2480, height: 3508,
                      textSource: p % 2 == 0 ? nil : "ocr", textPath: p % 2 == 0 ? nil : "text/\(p).txt",
                      text: p == 3 ? "" : "Hoja \(p) del expediente \(n): cartas, sellos y lacre" + String(repeating: " música", count: n % 5))
            }
            let access: AccessDecision? = switch n % 6 {
            case 1: AccessDecision(state: .embargoed, until: "2030-01-01", reason: "Datos personales", hideTitle: true,
                                   decidedAt: "2026-02-01T10:00:00Z", agent: "archivo")
            case 2: AccessDecision(state: .restricted, decidedAt: "2026-02-02T10:00:00Z", agent: "archivo")
            default: nil
            }
            return CatalogItem(id: String(format: "D-%03d", n), fondsCode: "BSH", headVersion: 1 + n % 2, createdAt: "2026-01-01T00:00:00Z",
                               updatedAt: "2026-01-0\(1 + n % 9)T00:00:00Z", dublinCore: dc, batchID: nil, files: files, pages: pages,
                               events: [], access: access)
        }
    }

    static func emptyCatalog(_ folder: TemporaryDirectory, _ name: String) throws -> CatalogDatabase {
        let db = try CatalogDatabase(path: folder.path(name).path)
        try db.synchronizeFonds([CatalogFonds(code: "BSH", slug: "banda-sinfonica", title: fondsTitle, description: "")])
        return db
    }

    /// Every row of the tables an item's store writes, each value with its SQLite type.
    static func contents(_ db: CatalogDatabase) throws -> [String: [[String]]] {
        try db.read { db in
            var tables: [String: [[String]]] = [:]
            for (table, order) in [("items", "id"), ("files", "id"), ("pages", "id"), ("search_fts", "rowid"),
                                   ("search_description_fts", "rowid"), ("search_forms", "stem, word")] {
                let rows = try Row.fetchAll(db, sql: "SELECT \(order == "rowid" ? "rowid, " : "")* FROM \(table) ORDER BY \(order)")
                tables[table] = rows.map { row in row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" } }
            }
            return tables
        }
    }

    @Test func aRebuildStoresWhatStoringItemByItemStores() throws {
        let folder = TemporaryDirectory("reconstruccion")
        let rebuilt = try Self.emptyCatalog(folder, "rebuilt.sqlite")
        try rebuilt.replaceAllItems { store in for item in Self.items() { try store(item, Self.fondsTitle) } }
        let stored = try Self.emptyCatalog(folder, "stored.sqlite")
        for item in Self.items() { try stored.store(item, fondsTitle: Self.fondsTitle) }
        let (a, b) = (try Self.contents(rebuilt), try Self.contents(stored))
        for table in a.keys.sorted() {
            #expect(a[table]?.isEmpty == false, "\(table)")
            #expect(a[table] == b[table], "\(table)")
        }
        for query in ["expediente", "cartas", "música banda", "\"sellos y lacre\"", "exp*", "ramirez", "D-012"] {
            #expect(try rebuilt.search(query, limit: 100) == stored.search(query, limit: 100), "\(query)")
            #expect(try !rebuilt.search(query, limit: 100).hits.isEmpty, "\(query)")
        }
    }

    /// The values bound to the item's rows keep their types: absent as NULL, an empty text as ''.
    @Test func theRowsHoldTheItemsValuesWithTheirTypes() throws {
        let folder = TemporaryDirectory("tipos")
        let db = try Self.emptyCatalog(folder, "catalog.sqlite")
        let items = Self.items()
        try db.replaceAllItems { store in for item in items { try store(item, Self.fondsTitle) } }
        try db.read { db in
            let embargoed = try #require(try Row.fetchOne(db, sql: "SELECT * FROM items WHERE id = 'D-001'"))
            #expect(embargoed["title"] as String == "Expediente 1 de la Banda")
            #expect(embargoed["sort_title"] as String == "expediente 1 de la banda")
            #expect(embargoed["creators"] as String == "[]")
            #expect(embargoed["date_text"] as String == "1811")
            #expect(embargoed["date_start"] as Int? == 1811)
            #expect(embargoed["dc_type"] as String == "")
            #expect(embargoed["page_count"] as Int == 2)
            #expect(embargoed["head_version"] as Int == 2)
            #expect((embargoed["batch_id"] as DatabaseValue).isNull)
            #expect(embargoed["access"] as String == "embargo")
            #expect(embargoed["access_until"] as String? == "2030-01-01")
            #expect(embargoed["access_hide_title"] as Int == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM items WHERE access_json IS NOT NULL") == 20)
            let dated = try #require(try Row.fetchOne(db, sql: "SELECT * FROM items WHERE id = 'D-036'"))
            #expect(dated["creators"] as String == #"["Ramírez, José","Niño \"el Viejo\""]"#)
            #expect(dated["description"] as String == "Primera línea\nSegunda\tlínea")
            #expect(dated["sort_title"] as String == "carta numero 36")
            #expect((dated["access_until"] as DatabaseValue).isNull)
            let types = try Row.fetchAll(db, sql: """
                SELECT typeof(date_start) AS start, typeof(access_until) AS until, typeof(dc_type) AS type FROM items WHERE id IN ('D-005', 'D-007')
                ORDER BY id
                """)
            #expect(types.map { [$0["start"] as String, $0["until"] as String, $0["type"] as String] } == [["null", "null", "text"], ["integer", "text", "text"]])
            #expect(try String.fetchAll(db, sql: "SELECT DISTINCT typeof(text_source) FROM pages ORDER BY 1") == ["null", "text"])
            #expect(try String.fetchAll(db, sql: "SELECT DISTINCT typeof(pronom_id) || typeof(size) FROM files ORDER BY 1") == ["nullinteger", "textinteger"])
            #expect(try String.fetchAll(db, sql: "SELECT DISTINCT typeof(creator) || typeof(body) FROM search_fts ORDER BY 1") == ["texttext"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM search_fts WHERE body = ''") == items.filter { $0.pages.count == 3 }.count)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM pages") == items.reduce(0) { $0 + $1.pages.count })
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM files") == items.reduce(0) { $0 + $1.files.count })
        }
    }

    /// A rebuild loads the full-text tables with its own FTS5 configuration (SearchIndexBulkLoad)
    /// and leaves them with FTS5's defaults and an index that FTS5 finds sound.
    @Test func theFullTextTablesKeepFTS5sDefaultsAfterARebuild() throws {
        let folder = TemporaryDirectory("configuracion")
        let db = try Self.emptyCatalog(folder, "catalog.sqlite")
        try db.replaceAllItems { store in for item in Self.items() { try store(item, Self.fondsTitle) } }
        try db.write { db in
            for table in SearchIndexBulkLoad.tables {
                let settings = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT k, v FROM \(table)_config")
                    .map { ($0["k"] as String, $0["v"] as DatabaseValue) })
                #expect(settings["automerge"] == 4.databaseValue, "\(table)")
                #expect(settings["hashsize"] == (1 << 20).databaseValue, "\(table)")
                try db.execute(sql: "INSERT INTO \(table) (\(table)) VALUES ('integrity-check')")
            }
            #expect(try Int.fetchOne(db, sql: "PRAGMA temp_store") == 0, "the statement journals' setting is put back")
        }
    }

    /// An item whose pages cannot be written (two of the same sequence) stops the rebuild with an
    /// error, and the catalog keeps what it held.
    @Test func aRowThatCannotBeWrittenLeavesTheCatalogAsItWas() throws {
        let folder = TemporaryDirectory("fallo")
        let db = try Self.emptyCatalog(folder, "catalog.sqlite")
        let items = Self.items()
        try db.replaceAllItems { store in for item in items { try store(item, Self.fondsTitle) } }
        let before = try Self.contents(db)
        var broken = items[10]
        broken.pages.append(broken.pages[0])
        #expect(throws: CatalogError.self) {
            try db.replaceAllItems { store in
                for item in items.prefix(5) { try store(item, Self.fondsTitle) }
                try store(broken, Self.fondsTitle)
            }
        }
        #expect(try db.write { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == 0, "put back after a failed rebuild")
        #expect(throws: CatalogError.self) { try db.store(broken, fondsTitle: Self.fondsTitle) }
        #expect(try Self.contents(db) == before)
        // The prepared statements still work after the failure.
        try db.store(items[10], fondsTitle: Self.fondsTitle)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM pages WHERE item_id = ?", arguments: [items[10].id]) }
                == items[10].pages.count)
    }
}
