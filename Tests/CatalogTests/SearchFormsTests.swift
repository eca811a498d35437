@testable import Catalog
import Foundation
import GRDB
import Metadata
import Testing
import TestSupport

/// The table of forms (`SearchForms`): filled as pages are indexed, rebuilt by the v6 migration, and
/// harmless when it names a word no page holds any more.
@Suite struct SearchFormsTests {
    static func item(_ id: String, _ text: String) -> CatalogItem {
        var dc = DublinCoreRecord()
        dc["title"] = ["Documento"]
        dc["identifier"] = [id]
        return CatalogItem(id: id, fondsCode: "BSH", headVersion: 1, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z",
                           dublinCore: dc, batchID: nil, files: [],
                           pages: [.init(sequence: 1, label: "Página 1", masterPath: "objects/1.tif", indexInFile: 0, width: 10, height: 10,
                                         textSource: "transcription", textPath: nil, text: text)],
                           events: [])
    }

    static func forms(_ db: CatalogDatabase, stem: String) throws -> [String] {
        try db.read { try SearchForms.words(ofStem: stem, $0) }
    }

    @Test func aCatalogOfVersion5IsMigratedWithItsForms() throws {
        let folder = TemporaryDirectory("catalog")
        let path = folder.path("catalog.sqlite").path
        do {
            let db = try CatalogDatabase(path: path)
            try db.synchronizeFonds([CatalogFonds(code: "BSH", slug: "banda-sinfonica", title: "Banda Sinfónica de Hidalgo", description: "")])
            try db.store(Self.item("M-1", "Las cartas llegaron; cantaban en la plaza."), fondsTitle: "Banda Sinfónica de Hidalgo")
            // Back to version 5: no table of forms, the migration not applied.
            try db.write { db in
                try db.execute(sql: "DROP TABLE search_forms; DELETE FROM grdb_migrations WHERE identifier = 'v6-formas'")
            }
        }
        let db = try CatalogDatabase(path: path)
        #expect(try Self.forms(db, stem: "cart") == ["cartas"])
        #expect(try Self.forms(db, stem: "cant") == ["cantaban"])
        #expect(try db.search("carta").hits.map(\.itemID) == ["M-1"])
        #expect(try db.search("cantar").hits.map(\.itemID) == ["M-1"])
    }

    @Test func aChangedItemKeepsItsNewWordsFindableAndItsOldOnesFindNothing() throws {
        let catalog = try CatalogSearchTests.catalog(pages: [("C-1", "Documento", "Cantaban todos."), ("C-2", "Otro", "Nada que ver.")])
        #expect(try catalog.search("cantar").hits.map(\.itemID) == ["C-1"])
        try catalog.db.store(Self.item("C-1", "Las cartas."), fondsTitle: "Banda Sinfónica de Hidalgo")
        #expect(try catalog.search("carta").hits.map(\.itemID) == ["C-1"])
        // The table still names «cantaban» (no page holds it): asking for it finds nothing, and the
        // word is not taken for indexed when a suggestion is looked for.
        #expect(try Self.forms(catalog.db, stem: "cant").contains("cantaban"))
        let gone = try catalog.search("cantaban")
        #expect(gone.hits.isEmpty)
        try catalog.db.replaceAllItems { store in try store(Self.item("C-2", "Nada que ver."), "Banda Sinfónica de Hidalgo") }
        #expect(try Self.forms(catalog.db, stem: "cant").isEmpty, "a rebuild makes the table exact")
        #expect(try Self.forms(catalog.db, stem: "ver") == ["ver"])
    }

    @Test func theIndexHoldsFoldedWordsAndTheTableTheirStems() throws {
        let catalog = try CatalogSearchTests.catalog(pages: [("F-1", "Canción", "CANCIONES de año")])
        #expect(try Self.forms(catalog.db, stem: "cancion") == ["cancion", "canciones"])
        let terms = try catalog.db.vocabularyTerms(from: "", below: "\u{10FFFF}")
        #expect(terms.contains("canciones") && terms.contains("año"))
        #expect(!terms.contains { $0.hasPrefix(SpanishStemmer.mark) })
    }
}
