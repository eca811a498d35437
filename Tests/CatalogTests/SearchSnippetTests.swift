@testable import Catalog
import Foundation
import Metadata
import Testing

/// Snippets are made in Swift with the tokenizer's rules; they must mark exactly what FTS5 matched.
@Suite struct SearchSnippetTests {
    func snippet(_ query: String, _ text: String, length: Int = 16) -> String? {
        SearchSnippet(SearchQuery(query)).snippet(text, length: length)?
            .replacingOccurrences(of: SearchSnippet.open, with: "[").replacingOccurrences(of: SearchSnippet.close, with: "]")
    }

    @Test func accentsAndCaseAreFoldedButEneIsKept() {
        #expect(snippet("cancion", "La CANCIÓN de mayo") == "La [CANCIÓN] de mayo")
        #expect(snippet("ÁRBOL", "un árbol viejo") == "un [árbol] viejo")
        #expect(snippet("año", "el año y el ano") == "el [año] y el ano")
        #expect(snippet("ano", "el año y el ano") == "…y el [ano]", "the window starts two words before the first match")
        #expect(snippet("año", "el an\u{0303}o decomposed") == "el [an\u{0303}o] decomposed")
    }

    @Test func phrasesAreMarkedWholePrefixesByWord() {
        #expect(snippet("\"buenas noches\"", "—¡Buenas noches! dijo; buenas tardes") == "—¡[Buenas noches]! dijo; buenas tardes")
        #expect(snippet("mich*", "Margarita Michelena y Michoacán") == "Margarita [Michelena] y [Michoacán]")
        #expect(snippet("carta", "ninguna coincidencia aquí") == nil)
    }

    @Test func longTextsAreCutAroundTheDensestMatches() {
        let text = (1...40).map { "w\($0)" }.joined(separator: " ") + " pulque maguey pulque " + (41...80).map { "w\($0)" }.joined(separator: " ")
        let cut = snippet("pulque", text, length: 8)
        #expect(cut == "…w39 w40 [pulque] maguey [pulque] w41 w42 w43…")
    }

    @Test func markupInTheTextIsLeftForTheCallerToEscape() {
        #expect(snippet("script", "<script>alert(1)</script>") == "<[script]>alert(1)</[script]>")
    }
}

/// The catalog's hand-written JSON must be what JSONEncoder would write, and read back the same.
@Suite struct CompactJSONTests {
    @Test func dublinCoreAndArraysMatchFoundationsEncoder() throws {
        var dc = DublinCoreRecord()
        dc["title"] = ["Carta «íntima» con \"comillas\", barra \\ y / y\nsalto\tde línea \u{1} control"]
        dc["creator"] = ["Michelena, Margarita", "Villasana, Guillermo"]
        dc["subject"] = ["Poesía 🌵"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(CompactJSON.dublinCore(dc) == String(decoding: try encoder.encode(dc), as: UTF8.self))
        #expect(try JSONDecoder().decode(DublinCoreRecord.self, from: Data(CompactJSON.dublinCore(dc).utf8)) == dc)
        #expect(CompactJSON.array(dc["creator"]) == String(decoding: try encoder.encode(dc["creator"]), as: UTF8.self))
        #expect(CompactJSON.array([]) == "[]")
    }
}
