/// A query's positive terms as folded UTF-8 bytes, grouped by kind, for `SearchSnippetScan`: a text's
/// word matches when it matches any of them.
struct SearchSnippetTerms: Sendable {
    /// A word and its folded stem: a word of the text matches when either is its own, or when it is
    /// one of the indexed forms the query asked for (`forms`, the index's own answer).
    struct Word: Sendable {
        var folded: [UInt8]
        var stem: [UInt8]?
        var forms: [[UInt8]]
    }

    var words: [Word] = []
    var prefixes: [[UInt8]] = []
    var phrases: [[[UInt8]]] = []

    init(_ query: SearchQuery) {
        for clause in query.clauses where !clause.negated {
            switch clause.term {
            case .word(let w):
                // With the forms the catalog indexed for the word's stem, a text's word has that stem
                // exactly when it is one of them: no word of the text needs stemming.
                if let forms = query.forms[w] {
                    words.append(Word(folded: Array(w.utf8), stem: nil, forms: Set(forms.map { Array($0.utf8) }).sorted { $0.lexicographicallyPrecedes($1) }))
                } else {
                    words.append(Word(folded: Array(w.utf8), stem: query.stems[w].map { Array($0.utf8) }, forms: []))
                }
            case .prefix(let p): prefixes.append(Array(p.utf8))
            case .phrase(let phrase): phrases.append(phrase.map { Array($0.utf8) })
            }
        }
    }
}
