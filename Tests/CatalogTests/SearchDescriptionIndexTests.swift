@testable import Catalog
import Foundation
import GRDB
import Metadata
import Testing
import TestSupport

/// The index of the descriptive fields (search_description_fts, migration v9): one row per page with
/// the title, creator, subject and description that the page's row of search_fts holds, kept so on
/// every write path (a store, a store that replaces an item, a rebuild, an emptied catalog, the
/// migration of an older catalog), and the pages it finds and their scores those of the pages' index
/// under the column filter.
@Suite struct SearchDescriptionIndexTests {
    static let fondsTitle = "Banda Sinfónica de Hidalgo"

    /// An item of `pages` pages, its title, creator and subject given.
    static func item(_ id: String, title: String, creator: String = "", subject: String = "", pages: Int, text: (Int) -> String) -> CatalogItem {
        var dc = DublinCoreRecord()
        dc["title"] = [title]
        dc["identifier"] = [id]
        if !creator.isEmpty { dc["creator"] = [creator] }
        if !subject.isEmpty { dc["subject"] = [subject] }
        return CatalogItem(id: id, fondsCode: "BSH", headVersion: 1, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z",
                           dublinCore: dc, batchID: nil, files: [],
                           pages: (1...pages).map { .init(sequence: $0, label: "Página \($0)", masterPath: "objects/\($0).tif", indexInFile: 0,
                                                          width: 10, height: 10, textSource: "transcription", textPath: nil, text: text($0)) },
                           events: [])
    }

    /// 900 items of 1 to 4 pages (2,250 pages): `sello` in the title of every 7th item and in the text of
    /// every third page, `lacre` in the creator of every 11th item and the text of every other page.
    static func catalog() throws -> (TemporaryDirectory, CatalogDatabase) {
        let folder = TemporaryDirectory("descripciones")
        let db = try CatalogDatabase(path: folder.path("catalog.sqlite").path)
        try db.synchronizeFonds([CatalogFonds(code: "BSH", slug: "banda-sinfonica", title: fondsTitle, description: "")])
        try db.replaceAllItems { store in
            for n in 1...900 {
                let title = "Expediente \(n)" + (n % 7 == 0 ? " con sello" : "")
                let creator = n % 11 == 0 ? "Taller del lacre" : "Anónimo"
                try store(item(String(format: "D-%04d", n), title: title, creator: creator, subject: n % 5 == 0 ? "Sellos y lacres" : "",
                               pages: 1 + n % 4) { page in
                    "Hoja \(page) con tinta" + String(repeating: " y más palabras", count: (n + page) % 6)
                        + ((n + page) % 3 == 0 ? " sello" : "") + ((n + page) % 2 == 0 ? " lacre" : "")
                }, fondsTitle)
            }
        }
        return (folder, db)
    }

    /// Every page's descriptive fields in both indexes, by page.
    static func expectBothIndexesDescribeTheSamePages(_ db: CatalogDatabase, _ comment: Comment? = nil) throws {
        try db.read { db in
            let pages = try Row.fetchAll(db, sql: "SELECT rowid, title, creator, subject, description FROM search_fts ORDER BY rowid")
            let described = try Row.fetchAll(db, sql: "SELECT rowid, title, creator, subject, description FROM search_description_fts ORDER BY rowid")
            #expect(pages == described, comment)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM pages") == described.count, comment)
        }
    }

    /// The pages the index of the descriptive fields finds for the query's positive part (without those
    /// holding an excluded term) are those the pages' index finds for `describedExpression`, with the
    /// same scores, bit for bit.
    static func expectDescribedPagesAsThePagesIndexFindsThem(_ text: String, _ db: Database) throws {
        let query = try SearchQuery(text).withForms(from: db)
        let expected = try Row.fetchAll(db, sql: """
            SELECT rowid, memoria_bm25(search_fts, -1, \(SearchCandidates.weights)) AS score FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid
            """, arguments: [try #require(query.describedExpression)])
        var excluded = ""
        var arguments: [DatabaseValueConvertible] = [try #require(query.positiveExpression)]
        if let exclusion = query.exclusionExpression {
            excluded = " AND rowid NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)"
            arguments.append(exclusion)
        }
        let found = try Row.fetchAll(db, sql: """
            SELECT rowid, memoria_bm25_described(search_description_fts, (SELECT block FROM search_fts_data WHERE id = 1),
                (SELECT sz FROM search_fts_docsize WHERE id = search_description_fts.rowid), \(SearchCandidates.describedWeights)) AS score
            FROM search_description_fts WHERE search_description_fts MATCH ?\(excluded) ORDER BY rowid
            """, arguments: StatementArguments(arguments))
        #expect(!expected.isEmpty, "\(text)")
        #expect(found.map { $0[0] as Int64 } == expected.map { $0[0] as Int64 }, "\(text)")
        #expect(found.map { $0[1] as Double } == expected.map { $0[1] as Double }, "\(text)")
    }

    @Test func theDescribedPagesOfItemsOfManyPagesAreThePagesIndexsOwn() throws {
        let (folder, db) = try Self.catalog()
        defer { _ = folder }
        try db.read { db in
            for text in ["sello", "lacre", "sellos", "sello lacre", "sello O lacre", "sello -lacre", "expediente sel*", "\"taller del lacre\""] {
                try Self.expectDescribedPagesAsThePagesIndexFindsThem(text, db)
            }
        }
    }

    /// Items of several pages, more matching pages than the ranking budget: the same items in the same
    /// order as FTS5's own rank in every pass.
    @Test(arguments: ["sello", "lacre", "tinta", "sello lacre", "sello -lacre", "tint* sello"])
    func itemsOfManyPagesAreRankedAsFTS5RanksThem(query: String) throws {
        let (folder, db) = try Self.catalog()
        defer { _ = folder }
        for limit in [20, 150] {
            let expected = try SearchCandidatesTests.plainRanking(query, limit: limit, db)
            #expect(!expected.isEmpty)
            #expect(try db.search(query, limit: limit).hits.map(\.itemID) == expected, "\(query), \(limit) results")
        }
    }

    /// A filter applies to the described pages as to the others (more pages match than the budget).
    @Test func filtersApplyToTheDescribedPages() throws {
        let (folder, db) = try Self.catalog()
        defer { _ = folder }
        for text in ["tinta", "tinta lacre", "tinta -partitura"] {
            let all = try db.search(text, limit: 150)
            #expect(all.matchingPages > SearchCandidates.rankingBudget, "\(text)")
            #expect(try db.search(text, filters: SearchFilters(fondsCodes: ["BSH"]), limit: 150).hits.map(\.itemID) == all.hits.map(\.itemID), "\(text)")
            #expect(try db.search(text, filters: SearchFilters(fondsCodes: ["OTRO"]), limit: 150).hits.isEmpty, "\(text)")
        }
    }

    @Test func everyWritePathKeepsTheIndexOfTheDescriptiveFields() throws {
        let (folder, db) = try Self.catalog()
        defer { _ = folder }
        try Self.expectBothIndexesDescribeTheSamePages(db, "after a rebuild")
        // An item stored again with another title and fewer pages; a new item; an item withdrawn.
        try db.store(Self.item("D-0007", title: "Partitura nueva", creator: "Otro autor", pages: 1) { _ in "texto" }, fondsTitle: Self.fondsTitle)
        try db.store(Self.item("D-0901", title: "Carta con sello", pages: 3) { "hoja \($0)" }, fondsTitle: Self.fondsTitle)
        try Self.expectBothIndexesDescribeTheSamePages(db, "after stores")
        #expect(try db.search("partitura").hits.map(\.itemID) == ["D-0007"])
        let titles = try db.read { try String.fetchAll($0, sql: "SELECT title FROM search_description_fts WHERE search_description_fts MATCH 'expediente' AND rowid IN (SELECT id FROM pages WHERE item_id = 'D-0007')") }
        #expect(titles.isEmpty, "the old title is gone from the index of the descriptive fields")
        try db.clearItems()
        try Self.expectBothIndexesDescribeTheSamePages(db, "after clearing")
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_description_fts") } == 0)
        #expect(try db.search("expediente").hits.isEmpty, "an empty catalog answers a one-phrase query with nothing")
    }

    @Test func aCatalogOfVersion8GainsTheIndexOfTheDescriptiveFields() throws {
        let folder = TemporaryDirectory("catalog-v8")
        let path = folder.path("catalog.sqlite").path
        do {
            let db = try CatalogDatabase(path: path)
            try db.synchronizeFonds([CatalogFonds(code: "BSH", slug: "banda-sinfonica", title: Self.fondsTitle, description: "")])
            try db.store(Self.item("M-1", title: "Cartas de mayo", creator: "Juan", pages: 2) { "hoja \($0)" }, fondsTitle: Self.fondsTitle)
            try db.store(Self.item("M-2", title: "Canción", subject: "Música", pages: 1) { _ in "las cartas" }, fondsTitle: Self.fondsTitle)
            // Back to version 8: no index of the descriptive fields, the v9 migration not applied.
            try db.write { db in
                try db.execute(sql: "DROP TABLE search_description_fts; DELETE FROM grdb_migrations WHERE identifier = 'v9-descripciones'")
            }
        }
        let db = try CatalogDatabase(path: path)
        let applied = try db.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.contains("v9-descripciones"))
        try Self.expectBothIndexesDescribeTheSamePages(db)
        let counter = try db.read { try Int.fetchOne($0, sql: "SELECT counter FROM site_changes") }
        try db.store(Self.item("M-3", title: "Otra carta", pages: 1) { _ in "texto" }, fondsTitle: Self.fondsTitle)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT counter FROM site_changes") } != counter, "v8's triggers still count the changes")
        try Self.expectBothIndexesDescribeTheSamePages(db)
        #expect(try db.search("cartas").hits.map(\.itemID).sorted() == ["M-1", "M-2", "M-3"])
    }
}
