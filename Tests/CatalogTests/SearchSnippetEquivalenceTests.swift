@testable import Catalog
import Testing

/// The one-pass snippet scan must give, byte for byte, the snippets and highlights of the algorithm
/// it replaced (`SearchSnippetReference`), on generated texts and queries: accents, capitals,
/// decomposed and lone combining marks, letters of other scripts, symbols, digits, long words,
/// repeated and overlapping phrases, prefixes, stems and the catalog's forms.
@Suite struct SearchSnippetEquivalenceTests {
    /// A small deterministic generator (SplitMix64), so that a failure can be run again.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let vocabulary = [
        "de", "la", "el", "en", "un", "lugar", "mancha", "archivo", "General", "INDIAS", "Indias", "indias", "indio",
        "caballero", "Cabildo", "cabo", "cab", "CABEZA", "canción", "CANCIÓN", "Canciones", "año", "an\u{0303}o", "ano",
        "árbol", "ÁRBOLES", "Ñandú", "niño", "NIÑOS", "carta", "cartas", "Cartagena", "remo", "remos", "paunpo",
        "quebimibi", "pingüino", "PINGÜINOS", "über", "Straße", "İstanbul", "Ωmega", "ΑΘΗΝΑ", "Москва", "ПРИВЕТ",
        "東京", "データ", "\u{0301}", "e\u{0301}poca", "1810", "s.XVI", "K\u{212A}elvin", "ǅemal", "ǄEMAL", "Ⅻ", "½",
        "\u{E000}marca", String(repeating: "á", count: 70), String(repeating: "Ab", count: 80), "señor", "SEÑOR",
    ]
    static let separators = [" ", " ", " ", "  ", ", ", ". ", "; ", "—", "¡", "!", "¿", "? ", "\n", "\t", " «", "» ", " 🌵 ", "·", "’", "-"]

    static func text(_ generator: inout Generator) -> String {
        let count = Int.random(in: 0...400, using: &generator)
        var text = ""
        for _ in 0..<count {
            text += vocabulary.randomElement(using: &generator) ?? ""
            text += separators.randomElement(using: &generator) ?? " "
        }
        return text
    }

    static func query(_ generator: inout Generator) -> SearchQuery {
        var parts: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let word = vocabulary.randomElement(using: &generator) ?? "de"
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: parts.append(String(word.prefix(Int.random(in: 1...3, using: &generator))) + "*")
            case 1:
                let phrase = (0..<Int.random(in: 2...4, using: &generator)).map { _ in vocabulary.randomElement(using: &generator) ?? "de" }
                parts.append("\"" + phrase.joined(separator: " ") + "\"")
            default: parts.append(word)
            }
        }
        var query = SearchQuery(parts.joined(separator: Bool.random(using: &generator) ? " " : " OR "))
        // Half the time the catalog answered with the indexed forms of each word's stem.
        if Bool.random(using: &generator) {
            for clause in query.clauses {
                guard case .word(let word) = clause.term else { continue }
                query.forms[word] = [word] + (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                    SearchText.fold(vocabulary.randomElement(using: &generator) ?? "de")
                }
            }
        }
        return query
    }

    @Test func snippetsAndHighlightsEqualTheReferenceOnGeneratedTexts() {
        var generator = Generator(state: 20_261_203)
        var compared = 0, found = 0, differing: [String] = []
        for _ in 0..<600 {
            let query = Self.query(&generator)
            let new = SearchSnippet(query), old = SearchSnippetReference(query)
            for _ in 0..<5 {
                let text = Self.text(&generator)
                for length in [16, 24, 3] {
                    let mine = new.snippet(text, length: length), theirs = old.snippet(text, length: length)
                    compared += 1
                    if mine != nil { found += 1 }
                    if mine != theirs && differing.count < 5 { differing.append("\(query.clauses) «\(text.prefix(80))» \(length)") }
                }
                if new.highlight(text) != old.highlight(text) && differing.count < 5 { differing.append("highlight \(query.clauses)") }
            }
        }
        #expect(differing.isEmpty, "\(differing)")
        #expect(compared == 9_000)
        // The generated cases must mostly match something, or the comparison proves little.
        #expect(found > compared / 3, "only \(found) of \(compared) snippets found a match")
    }

    @Test func theScansWordsAreTheReferenceTokenizers() {
        var generator = Generator(state: 7)
        var query = SearchQuery("cab* indias")
        query.forms["indias"] = ["indias", "indio"]
        let terms = SearchSnippetTerms(query)
        for _ in 0..<300 {
            let text = Self.text(&generator)
            let theirs = SearchSnippetReference.words(Array(text.utf8))
            let scan = Array(text.utf8).withUnsafeBufferPointer { SearchSnippetScan($0, terms, stemmer: SpanishStemmer()) }
            #expect(scan.starts == theirs.map(\.start))
            #expect(scan.ends == theirs.map(\.end))
            #expect(scan.hits == theirs.indices.filter { theirs[$0].folded.starts(with: Array("cab".utf8)) || ["indias", "indio"].contains(String(decoding: theirs[$0].folded, as: UTF8.self)) })
            #expect(!scan.hits.isEmpty || !text.lowercased().contains("cab"))
        }
    }
}
