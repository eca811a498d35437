import Foundation
import GRDB

/// "¿Quiso decir …?": for a query that found nothing, each word that the index does not hold (in any
/// form: as written, or another word of its stem) is replaced by an indexed word, chosen by the rules the site's search
/// applies too (Assets/buscar.js, `suggest`):
/// 1. the word with one or more n written as ñ ("espana" → "españa", "ano" → "año"), when indexed;
/// 2. otherwise the indexed word with the same first two letters at the smallest edit distance
///    (Levenshtein, by character): at most 1 for words of 3–4 letters, 2 from 5 letters; ties go to the
///    word more documents hold, then to alphabetical order. Very common words are never suggested.
/// `año` and `ano` stay different words for matching: the suggestion only offers the other form.
public enum SearchSuggestion {
    /// The rule's numbers, shared with the site's search.
    static let maxVariantsOfN = 4
    static func maxDistance(_ word: String) -> Int { word.count >= 5 ? 2 : (word.count >= 3 ? 1 : 0) }

    /// The query with its unknown words replaced, or nil when there is nothing to suggest.
    static func suggestion(for query: SearchQuery, input: String, in db: Database) throws -> String? {
        var replacements: [(typed: String, with: String)] = []
        let typed = SearchText.words(input)
        for clause in query.clauses where !clause.negated {
            guard case .word(let word) = clause.term, !SearchText.stopWords.contains(word) else { continue }
            // The table of forms may name words no page holds any more: each is checked in the index.
            let forms = [word] + (query.forms[word] ?? []).filter { $0 != word }
            if try forms.contains(where: { try isIndexed($0, db) }) { continue }
            guard let better = try replacement(for: word, db),
                  let written = typed.first(where: { SearchText.fold($0) == word }) else { continue }
            replacements.append((written, better))
        }
        guard !replacements.isEmpty else { return nil }
        var text = input.precomposedStringWithCanonicalMapping
        for (written, better) in replacements {
            if let range = text.range(of: written) { text.replaceSubrange(range, with: better) }
        }
        return text
    }

    static func isIndexed(_ term: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM search_vocabulary WHERE term = ?", arguments: [term]) ?? false
    }

    /// The indexed word to offer instead of `word`, by the rules above.
    static func replacement(for word: String, _ db: Database) throws -> String? {
        for variant in enyeVariants(word) where try isIndexed(variant, db) { return variant }
        let limit = maxDistance(word)
        guard limit > 0 else { return nil }
        let head = String(word.prefix(2))
        let letters = Array(word)
        var best: (distance: Int, documents: Int, term: String)?
        let rows = try Row.fetchCursor(db, sql: "SELECT term, doc FROM search_vocabulary WHERE term >= ? AND term < ?",
                                       arguments: [head, head + "\u{10FFFF}"])
        while let row = try rows.next() {
            let term: String = row["term"]
            guard abs(term.count - letters.count) <= limit, !SearchText.stopWords.contains(term) else { continue }
            guard let distance = editDistance(letters, Array(term), limit: limit), distance > 0 else { continue }
            let documents: Int = row["doc"]
            if let known = best, (known.distance, -known.documents, known.term) <= (distance, -documents, term) { continue }
            best = (distance, documents, term)
        }
        return best?.term
    }

    /// The word with one to all of its first `maxVariantsOfN` n written as ñ, fewest changes first.
    static func enyeVariants(_ word: String) -> [String] {
        let letters = Array(word)
        let positions = letters.indices.filter { letters[$0] == "n" }.prefix(maxVariantsOfN)
        guard !positions.isEmpty else { return [] }
        var variants: [(changes: Int, text: String)] = []
        for mask in 1..<(1 << positions.count) {
            var copy = letters
            for (bit, position) in positions.enumerated() where mask & (1 << bit) != 0 { copy[position] = "ñ" }
            variants.append((mask.nonzeroBitCount, String(copy)))
        }
        return variants.sorted { ($0.changes, $0.text) < ($1.changes, $1.text) }.map(\.text)
    }

    /// Levenshtein distance by character, or nil when it exceeds `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
