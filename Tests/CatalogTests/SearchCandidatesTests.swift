@testable import Catalog
import Foundation
import GRDB
import Metadata
import Testing
import TestSupport

/// The bounded ranking of many matching pages (`SearchCandidates`) gives what the plain way gives:
/// FTS5's own `rank` over the pages whose description matches, then over the newest
/// `rankingBudget` pages, each expression evaluated by FTS5 as often as it takes.
@Suite struct SearchCandidatesTests {
    /// 2,600 one-page items: `tinta` on every page (and the title of every 50th); `sello` on 1,300
    /// pages (the title of every 13th); the phrase "archivo general" on 1,200 (the title of every
    /// 40th); `lacre` on every other page; `expediente` in every title.
    static func catalog() throws -> (TemporaryDirectory, CatalogDatabase) {
        let folder = TemporaryDirectory("candidatos")
        let db = try CatalogDatabase(path: folder.path("catalog.sqlite").path)
        try db.synchronizeFonds([CatalogFonds(code: "BSH", slug: "banda-sinfonica", title: "Banda Sinfónica de Hidalgo", description: "")])
        try db.replaceAllItems { store in
            for n in 1...2600 {
                var title = "Expediente \(n)"
                var text = "Hoja con tinta" + String(repeating: " y más palabras", count: n % 7)
                if n % 2 == 0 { text += " sello" }
                if n % 13 == 0 { title += " con sello" }
                if n <= 1200 { text += " consta en el archivo general de la nación" }
                if n % 40 == 0 { title += " del archivo general" }
                if n % 50 == 0 { title += " en tinta" }
                if n % 2 == 1 { text += " lacre" }
                var dc = DublinCoreRecord()
                dc["title"] = [title]
                dc["identifier"] = [String(format: "X-%04d", n)]
                let page = CatalogItem.Page(sequence: 1, label: "1", masterPath: "objects/1.tif", indexInFile: 0, width: 10, height: 10,
                                            textSource: "transcription", textPath: nil, text: text)
                try store(CatalogItem(id: String(format: "X-%04d", n), fondsCode: "BSH", headVersion: 1, createdAt: "2026-01-01T00:00:00Z",
                                      updatedAt: "2026-01-01T00:00:00Z", dublinCore: dc, batchID: nil, files: [], pages: [page], events: []),
                          "Banda Sinfónica de Hidalgo")
            }
        }
        return (folder, db)
    }

    /// The items the plain way finds, in order: FTS5's `rank` in every pass.
    static func plainRanking(_ text: String, limit: Int, _ db: CatalogDatabase) throws -> [String] {
        try db.read { db in
            let query = try SearchQuery(text).withForms(from: db)
            let expression = try #require(query.matchExpression)
            let window = max(100, limit * 5)
            let matching = try Int64.fetchAll(db, sql: "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 2001",
                                              arguments: [expression])
            var pages: [Int64]
            let ranked = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT \(window)"
            if matching.count <= SearchCandidates.rankingBudget {
                pages = try Int64.fetchAll(db, sql: ranked, arguments: [expression])
            } else {
                let described = try Int64.fetchAll(db, sql: ranked, arguments: [try #require(query.describedExpression)])
                let recent = try Int64.fetchAll(db, sql: """
                    SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT \(window)
                    """, arguments: [expression, matching[SearchCandidates.rankingBudget - 1]])
                pages = described + recent.filter { !Set(described).contains($0) }
            }
            var items: [String] = []
            for page in pages {
                let item = try #require(try String.fetchOne(db, sql: "SELECT item_id FROM pages WHERE id = ?", arguments: [page]))
                if !items.contains(item) { items.append(item) }
            }
            return Array(items.prefix(limit))
        }
    }

    @Test(arguments: [
        "\"archivo general\"",        // one phrase, 1,200 pages: counted once, described from the count's pass
        "sello",                      // 1,300 pages, 200 described: the recent pages are not needed
        "lacre",                      // 1,300 pages, none described
        "tinta",                      // every page (more than the count's limit): the described pass asked of FTS5
        "tint*",                      // a prefix on every page
        "sello lacre",                // AND of two words, nothing on both
        "tinta -lacre",               // NOT: pages with lacre are never shown
        "\"archivo general\" sello",  // a phrase and a word, some described
        "sello O lacre",              // OR
        "expediente tinta",           // AND of words on every page, 52 described: the described pass asked of FTS5
        "expediente sello tinta",     // three words, described by none
    ])
    func manyMatchingPagesAreRankedAsFTS5RanksThem(query: String) throws {
        let (folder, db) = try Self.catalog()
        defer { _ = folder }
        for limit in [20, 150] {
            let results = try db.search(query, limit: limit)
            let expected = try Self.plainRanking(query, limit: limit, db)
            #expect(!expected.isEmpty)
            #expect(results.hits.map(\.itemID) == expected, "\(query), \(limit) results")
        }
        if query == "tinta -lacre" {
            #expect(try db.search(query, limit: 200).hits.allSatisfy { (Int($0.itemID.dropFirst(2)) ?? 1) % 2 == 0 })
        }
    }

    @Test func scoresAreFTS5sOwn() throws {
        let (folder, db) = try Self.catalog()
        defer { _ = folder }
        try db.read { db in
            for expression in ["\"sello\"", "\"archivo general\"", "{title creator subject description} : (\"sello\")", "(\"sello\" AND \"tinta\")"] {
                let pairs = try Row.fetchAll(db, sql: """
                    SELECT rank AS fts5, memoria_bm25(search_fts, -1, \(SearchCandidates.weights)) AS ours FROM search_fts WHERE search_fts MATCH ?
                    """, arguments: [expression])
                #expect(!pairs.isEmpty)
                #expect(pairs.allSatisfy { ($0["fts5"] as Double) == ($0["ours"] as Double) }, "\(expression)")
            }
            // Told the count of a one-phrase expression, the same scores.
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"sello\"'") ?? 0
            let told = try Row.fetchAll(db, sql: """
                SELECT rank AS fts5, memoria_bm25(search_fts, ?, \(SearchCandidates.weights)) AS ours FROM search_fts WHERE search_fts MATCH '"sello"'
                """, arguments: [count])
            #expect(told.allSatisfy { ($0["fts5"] as Double) == ($0["ours"] as Double) })
        }
    }

    /// The scores a search shows are FTS5's: under the description filter for a described page, of
    /// the whole expression for the others (a one-phrase expression is scored in the count's pass,
    /// weighted 1, then multiplied by its IDF).
    @Test(arguments: ["lacre", "\"archivo general\"", "\"archivo general\" sello", "\"y más palabras\"", "expediente tinta"])
    func theScoresShownAreFTS5s(query text: String) throws {
        let (folder, db) = try Self.catalog()
        defer { _ = folder }
        let results = try db.search(text, limit: 150)
        #expect(!results.hits.isEmpty)
        try db.read { db in
            let query = try SearchQuery(text).withForms(from: db)
            func ranks(_ expression: String) throws -> [Int64: Double] {
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ?",
                                                                  arguments: [expression]).map { ($0[0] as Int64, $0[1] as Double) })
            }
            let whole = try ranks(try #require(query.matchExpression))
            let described = try ranks(try #require(query.describedExpression))
            for hit in results.hits {
                let page = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM pages WHERE item_id = ?", arguments: [hit.itemID]))
                let expected = results.matchingPages > SearchCandidates.rankingBudget ? described[page] ?? whole[page] : whole[page]
                #expect(hit.score == -(try #require(expected)), "\(text): \(hit.itemID)")
            }
        }
    }

    @Test func theDescribedPagesAndTheirScoresAreThePagesIndexsOwn() throws {
        let (folder, db) = try Self.catalog()
        defer { _ = folder }
        try db.read { db in
            for text in ["sello", "\"archivo general\" sello", "sello O lacre", "tinta -lacre", "archivo general", "expediente tint*"] {
                try SearchDescriptionIndexTests.expectDescribedPagesAsThePagesIndexFindsThem(text, db)
            }
        }
    }
}
