@testable import Catalog
import Foundation
import GRDB
import Metadata
import Testing
import TestSupport

@Suite struct FoldingTests {
    @Test(arguments: [("CANCIÓN", "cancion"), ("Canción", "cancion"), ("Año", "año"), ("AÑO", "año"), ("an\u{0303}o", "año"),
                      ("ſeñor", "señor"), ("Pingüino", "pinguino"), ("Łódź", "lodz"), ("ÇA", "ca"), ("Ærø", "æro"), ("1954", "1954")])
    func foldingIsCaseAndAccentInsensitiveButKeepsEñe(_ input: String, _ expected: String) {
        #expect(SearchText.fold(input) == expected)
    }

    @Test func wordsSplitLikeTheTokenizer() {
        #expect(SearchText.tokens("¿Qué tal?, ¡muy bien! (Pachuca—1954)") == ["que", "tal", "muy", "bien", "pachuca", "1954"])
    }
}

@Suite struct QueryRepairTests {
    @Test(arguments: [
        ("\"banda sinfónica", "\"banda sinfonica\""),
        ("cancion AND", "\"cancion\""),
        ("- carta", "\"carta\""),
        ("OR carta", "\"carta\""),
        ("\"carta\"", "\"carta\""),
        ("carta -poema", "\"carta\" NOT \"poema\""),
        ("carta NO poema", "\"carta\" NOT \"poema\""),
        ("mich*", "\"mich\"*"),
        ("\"carta\" O \"poema\"", "(\"carta\" OR \"poema\")"),
        ("la \"carta\" de \"amor\"", "(\"carta\" AND \"amor\")"),
        ("\"carta de amor\"", "\"carta de amor\""),
        ("cantó", "\"canto\""),
        ("x\"y NEAR(z", "(\"x\" AND \"y near z\")"),
        ("\u{E000}cart", "\"cart\""),
    ])
    func userTextBecomesASafeExpression(_ input: String, _ expected: String) {
        #expect(SearchQuery(input).matchExpression == expected)
    }

    /// With the catalog's forms read, a word asks for itself twice (it ranks first) or any other form.
    @Test func aWordIsWidenedToTheIndexedFormsOfItsStem() {
        var query = SearchQuery("cartas -poema \"carta\"")
        #expect(query.stems["cartas"] == "cart")
        query.forms = ["cartas": ["carta", "cartas"], "poema": ["poema", "poemas"]]
        #expect(query.matchExpression == "((\"cartas\" OR \"cartas\" OR \"carta\") AND \"carta\") NOT (\"poema\" OR \"poema\" OR \"poemas\")")
        query.forms = ["cartas": ["cartas"]]
        #expect(query.render(.word("cartas")) == "\"cartas\"", "no other form: the word alone")
    }

    @Test(arguments: ["", "   ", "-", "AND OR NOT", "\"\"", "***", "()"])
    func nothingSearchableGivesNoExpression(_ input: String) {
        #expect(SearchQuery(input).matchExpression == nil)
    }

    @Test func repairsAreExplained() {
        #expect(SearchQuery("\"banda").notes.contains { $0.contains("comillas") })
        #expect(SearchQuery("de la").onlyCommonWords)
        #expect(SearchQuery("-carta").notes.contains { $0.contains("solo excluye") })
    }
}

/// The catalog's index with real Spanish text (conha19 novels) and real ALTO/hOCR pages.
@Suite struct CatalogSearchTests {
    /// A catalog in a temporary folder that lives as long as the returned value.
    final class TestCatalog {
        let folder: TemporaryDirectory
        let db: CatalogDatabase
        init(_ folder: TemporaryDirectory, _ db: CatalogDatabase) { self.folder = folder; self.db = db }
        func search(_ text: String, limit: Int = 20) throws -> SearchResults { try db.search(text, limit: limit) }
    }

    static func catalog(pages: [(id: String, title: String, text: String)]) throws -> TestCatalog {
        let folder = TemporaryDirectory("catalog")
        let db = try CatalogDatabase(path: folder.path("catalog.sqlite").path)
        try db.synchronizeFonds([CatalogFonds(code: "BSH", slug: "banda-sinfonica", title: "Banda Sinfónica de Hidalgo", description: "")])
        for page in pages {
            var dc = DublinCoreRecord()
            dc["title"] = [page.title]
            dc["identifier"] = [page.id]
            dc["date"] = ["1954"]
            let item = CatalogItem(id: page.id, fondsCode: "BSH", headVersion: 1, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z",
                                   dublinCore: dc, batchID: nil, files: [],
                                   pages: [.init(sequence: 1, label: "Página 1", masterPath: "objects/1.tif", indexInFile: 0, width: 10, height: 10,
                                                 textSource: "transcription", textPath: nil, text: page.text)],
                                   events: [])
            try db.store(item, fondsTitle: "Banda Sinfónica de Hidalgo")
        }
        return TestCatalog(folder, db)
    }

    static func novels() -> [(id: String, title: String, text: String)] {
        guard let shared = TestPaths.shared else { return [] }
        let folder = shared.appendingPathComponent("corpus/text")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var pages: [(id: String, title: String, text: String)] = []
        for (n, name) in files.enumerated() {
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            let chunks = stride(from: 0, to: text.count, by: 2000).prefix(40).map { offset -> String in
                let start = text.index(text.startIndex, offsetBy: offset)
                return String(text[start..<(text.index(start, offsetBy: 2000, limitedBy: text.endIndex) ?? text.endIndex)])
            }
            for (i, chunk) in chunks.enumerated() { pages.append(("N\(n)-\(String(format: "%03d", i))", name, chunk)) }
        }
        return pages
    }

    @Test func realSpanishTextIsFoundWithoutAccentsAndEneIsKept() throws {
        guard try TestPaths.sharedOrSkip() != nil else { return }
        let db = try Self.catalog(pages: Self.novels())
        let accented = try db.search("México", limit: 50)
        let plain = try db.search("mexico", limit: 50)
        #expect(!accented.hits.isEmpty)
        #expect(accented.hits.map(\.itemID) == plain.hits.map(\.itemID))
        #expect(accented.hits.allSatisfy { $0.snippet.contains("«") })
        let year = try db.search("año", limit: 100)
        let anus = try db.search("ano", limit: 100)
        #expect(!year.hits.isEmpty)
        #expect(year.hits.allSatisfy { $0.snippet.lowercased().contains("«año") || $0.snippet.lowercased().contains("«años") == false })
        #expect(Set(year.hits.map(\.itemID)) != Set(anus.hits.map(\.itemID)), "año and ano must differ")
        for hit in anus.hits { #expect(!hit.snippet.lowercased().contains("«año»"), "ano matched año: \(hit.snippet)") }
    }

    @Test func phrasesPrefixesAndBooleansWork() throws {
        guard try TestPaths.sharedOrSkip() != nil else { return }
        let db = try Self.catalog(pages: Self.novels())
        let phrase = try db.search("\"buenas noches\"", limit: 50)
        #expect(!phrase.hits.isEmpty)
        for hit in phrase.hits { #expect(hit.snippet.lowercased().contains("«buenas noches»"), "\(hit.snippet)") }
        let prefix = try db.search("pesad*", limit: 20)
        #expect(!prefix.hits.isEmpty)
        #expect(prefix.hits.allSatisfy { $0.snippet.lowercased().contains("«pesad") })
        let both = try db.search("iglesia misa", limit: 100).hits.map(\.itemID)
        let either = try db.search("iglesia O misa", limit: 100).hits.map(\.itemID)
        #expect(Set(both).isSubset(of: Set(either)))
        let without = try db.search("iglesia -misa", limit: 100).hits.map(\.itemID)
        #expect(Set(without).isDisjoint(with: Set(both)))
    }

    @Test func aTitleMatchRanksAboveABodyMatch() throws {
        let db = try Self.catalog(pages: [
            ("A-1", "Informe de cuentas", "Se habla del pulque una vez en este texto largo sobre otras cosas y más cosas."),
            ("A-2", "El pulque de Apan", "Texto sin la palabra."),
            ("A-3", "Otra cosa", "pulque pulque pulque en el cuerpo muchas veces pulque"),
        ])
        let results = try db.search("pulque")
        #expect(results.hits.first?.itemID == "A-2")
        #expect(results.hits.first?.matchedIn == "title")
        #expect(results.hits.count == 3)
    }

    @Test func otherFormsOfAWordAreFoundAndTheExactFormRanksFirst() throws {
        let db = try Self.catalog(pages: [
            ("S-1", "Una carta", "La carta llegó tarde."),
            ("S-2", "Cartas", "Las cartas de la familia."),
            ("S-3", "Cantar", "Cantó en la plaza; cantaban todos."),
            ("S-4", "Otra cosa", "Nada que ver con cartones."),
        ])
        let plural = try db.search("cartas")
        #expect(plural.hits.map(\.itemID) == ["S-2", "S-1"])
        let singular = try db.search("carta")
        #expect(singular.hits.map(\.itemID) == ["S-1", "S-2"])
        #expect(try db.search("cantar").hits.map(\.itemID) == ["S-3"])
        let verb = try #require(try db.search("cantaré").hits.first)
        #expect(verb.snippet.contains("«Cantó»"), "\(verb.snippet)")
        #expect(try db.search("\"cartas\"").hits.map(\.itemID) == ["S-2"], "a quoted word is exact")
    }

    @Test func identifiersAreSearchableAsWritten() throws {
        let db = try Self.catalog(pages: [("BSH-0001", "Marcha", "texto"), ("BSH-0002", "Canción", "texto"), ("MMI-0001", "Carta", "texto")])
        for query in ["BSH-0001", "bsh 0001", "bsh-0001"] {
            let hits = try db.search(query).hits
            #expect(hits.map(\.itemID) == ["BSH-0001"], "\(query)")
            #expect(hits.first?.matchedIn == "identifier")
        }
    }

    @Test func aQueryThatFindsNothingIsAnsweredWithAnIndexedWord() throws {
        let db = try Self.catalog(pages: [
            ("Ñ-1", "España", "El año de la añoranza; las partituras del pequeño."),
            ("Ñ-2", "Ano", "Nada."),
        ])
        #expect(try db.search("Espana").suggestion == "España".lowercased())
        #expect(try db.search("anoranza").suggestion == "añoranza")
        #expect(try db.search("partiruras").suggestion == "partituras", "one letter")
        #expect(try db.search("partituaras").suggestion == "partituras", "another letter")
        #expect(try db.search("pequeno").suggestion == "pequeño")
        #expect(try db.search("partiruras españa").suggestion == "partituras españa", "the other words are kept")
        let ano = try db.search("ano")
        #expect(ano.hits.map(\.itemID) == ["Ñ-2"] && ano.suggestion == nil, "ano is a word of its own")
        #expect(try db.search("xyzzy").suggestion == nil)
        #expect(try db.search("españa").suggestion == nil)
    }

    @Test(arguments: ["\"banda", "-", "AND", "carta AND", "NOT carta", "***", "(((", "\"\"", "NEAR(a b)", "title:carta", "^carta", "carta OR OR", "'; DROP TABLE items; --"])
    func malformedQueriesAreAnsweredWithoutError(_ query: String) throws {
        let db = try Self.catalog(pages: [("A-1", "Carta", "carta de amor")])
        _ = try db.search(query)
    }

    @Test func realALTOAndHOCRTextIsSearchable() throws {
        guard let shared = try TestPaths.sharedOrSkip() else { return }
        let ocr = shared.appendingPathComponent("corpus/ocr")
        let alto = try TextSidecarReader.alto([UInt8](Data(contentsOf: ocr.appendingPathComponent("htromance_linaje_ayala_v2.alto.xml"))), file: "alto")
        let hocr = try TextSidecarReader.hocr([UInt8](Data(contentsOf: ocr.appendingPathComponent("hocrtools_alice_1.tesseract.hocr"))), file: "hocr")
        #expect(alto.text.count > 500 && !alto.words.isEmpty)
        #expect(hocr.text.contains("Alice") && !hocr.words.isEmpty)
        let db = try Self.catalog(pages: [("ALTO-1", "Linaje de Ayala", alto.text), ("HOCR-1", "Alice", hocr.text)])
        #expect(try db.search("rabbit").hits.first?.itemID == "HOCR-1")
        let word = try #require(alto.words.first { $0.text.count > 5 && $0.text.allSatisfy(\.isLetter) })
        #expect(try db.search(word.text).hits.contains { $0.itemID == "ALTO-1" })
    }
}

/// The tokenizer remembers the stems of the words it saw last; the table of forms it fills must be
/// exactly what stemming every word gives, with more distinct words than it remembers, in any order.
@Suite struct RememberedStemTests {
    static func words() -> [String] {
        let starts = ["can", "car", "pal", "mar", "sol", "tiem", "pue", "ciu", "mú", "lí", "hon", "bra", "gre", "flo", "tre"]
        let middles = ["t", "ment", "rr", "d", "c", "bl", "ñ", "st", "v", "nt", "l", "g", "p", "s", "ch", "ll", "b", "f", "z", "j", "m", "n", "tr", "pr"]
        let ends = ["a", "as", "o", "os", "ción", "ciones", "ado", "ada", "ando", "ó", "aron", "amente", "ería", "ísimo", "es", "e"]
        let base = starts.flatMap { s in middles.flatMap { m in ends.map { s + m + $0 } } }   // 5,760 words
        return base + base.map { "des" + $0 }
            + starts.flatMap { s in ends.map { "re" + s + $0 } } + ["Canción", "CANCIONES", "años", "Año", "x"]
    }

    @Test func theTableOfFormsIsTheStemmerOwnForEveryWord() throws {
        let words = Self.words()
        var generator = SystemRandomNumberGenerator()
        var text: [String] = []
        for round in 0..<4 { text += (round == 0 ? words : words.shuffled(using: &generator)) }
        text += (0..<20_000).map { _ in words[Int.random(in: 0..<min(50, words.count), using: &generator)] }   // frequent words, remembered
        let catalog = try CatalogSearchTests.catalog(pages: [(id: "P-1", title: "x", text: text.joined(separator: " "))])
        let stemmer = SpanishStemmer()
        func pairs(_ words: [String]) -> Set<String> { Set(words.map { stemmer.stem($0) + " " + SearchText.fold($0) }) }
        let expected = pairs(words)
        // The item's other fields (title, fonds, date, identifier) add their own few words.
        let others = pairs(SearchText.words("x P-1 1954 Banda Sinfónica de Hidalgo BSH banda-sinfonica Página 1"))
        let stored = Set(try catalog.db.read { db in try Row.fetchAll(db, sql: "SELECT stem, word FROM search_forms") }
            .map { ($0["stem"] as String) + " " + ($0["word"] as String) })
        let missing = expected.subtracting(stored).sorted()
        let unexpected = stored.subtracting(expected).subtracting(others).sorted()
        #expect(missing.isEmpty, "missing: \(missing.prefix(10).joined(separator: ", "))")
        #expect(unexpected.isEmpty, "unexpected: \(unexpected.prefix(10).joined(separator: ", "))")
        // 11,500 distinct words in a table of 16,384 slots: thousands share a slot and evict each other.
        #expect(Set(words).count > 11_000)
        #expect(stored.count > 11_000, "too few forms: \(stored.count)")
        // The index itself holds the folded words, no stem terms.
        #expect(try catalog.db.vocabularyTerms(from: SpanishStemmer.mark, below: "\u{E001}").isEmpty)
        for word in ["Canción", "CANCIONES", "años"] {
            let hits = try catalog.search(word).hits
            #expect(!hits.isEmpty, "\(word)")
        }
    }
}
