import Catalog
import Metadata

/// The words of one item as the search index weighs them (BM25F): a title word counts 10, creator and
/// subject 5, description 2, fonds, date and page text 1. For each word, the page where it occurs
/// most, so a result opens at the right page. The item's identifier counts like its title
/// ("BSH-0001" → bsh, 0001). Each word whose Snowball Spanish stem differs from it also gives the stem
/// term (`SpanishStemmer.mark` + stem; the catalog keeps its stems in a table instead), which does not
/// add to the item's length.
struct DocumentTerms {
    static let weights: [(String, Double)] = [("title", 10), ("creator", 5), ("subject", 5), ("description", 2)]

    var terms: [String: (weight: Double, page: Int)] = [:]
    var length: Double = 0

    init(summary: CatalogItemSummary, fondsTitle: String, pages: [CatalogItem.Page], stems: StemTermCache = StemTermCache()) {
        let dc = summary.dublinCore
        /// The index terms of a text: its indexable words and their stem terms.
        func tokens(_ text: String) -> [(term: String, isStem: Bool)] {
            var result: [(String, Bool)] = []
            for word in SearchText.indexWords(text) where Self.indexable(word.folded) {
                result.append((word.folded, false))
                if let stem = stems.stemTerm(word.lowered) { result.append((stem, true)) }
            }
            return result
        }
        func add(_ text: String, weight: Double, page: Int) {
            var counts: [String: Int] = [:]
            var stems: Set<String> = []
            for (token, isStem) in tokens(text) {
                counts[token, default: 0] += 1
                if isStem { stems.insert(token) }
            }
            for (token, count) in counts {
                let value = Double(count) * weight
                if !stems.contains(token) { length += value }
                if let existing = terms[token] {
                    terms[token] = (existing.weight + value, existing.page)
                } else {
                    terms[token] = (value, page)
                }
            }
        }
        for (element, weight) in Self.weights { add(dc[element].joined(separator: " "), weight: weight, page: 1) }
        add(summary.id, weight: 10, page: 1)
        add(fondsTitle, weight: 1, page: 1)
        add(dc["date"].joined(separator: " "), weight: 1, page: 1)
        // Page text: the word's page is the one where it occurs most.
        var best: [String: (count: Int, page: Int)] = [:]
        for page in pages {
            var counts: [String: Int] = [:]
            var stems: Set<String> = []
            for (token, isStem) in tokens(page.text) {
                counts[token, default: 0] += 1
                if isStem { stems.insert(token) }
            }
            for (token, count) in counts {
                if !stems.contains(token) { length += Double(count) }
                if let known = terms[token] { terms[token] = (known.weight + Double(count), known.page) } else { terms[token] = (Double(count), page.sequence) }
                if count > (best[token]?.count ?? 0) { best[token] = (count, page.sequence) }
            }
        }
        for (token, value) in best where terms[token] != nil {
            // Metadata words keep page 1 unless the text mentions them more than once on another page.
            if terms[token]!.page == 1 || value.count > 1 { terms[token]!.page = value.page }
        }
    }

    /// Very common words and single letters are not indexed (the search page explains it).
    static func indexable(_ token: String) -> Bool {
        guard !SearchText.stopWords.contains(token) else { return false }
        return token.count > 1 || token.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
    }

    /// The shard key of a term: its first two characters (a stem term's, after the mark: a stem lives
    /// beside the words it comes from).
    static func shardKey(_ term: String) -> String { String(keyText(term).prefix(2)) }

    /// A term without the stem mark: what shard keys are prefixes of.
    static func keyText(_ term: String) -> Substring {
        term.hasPrefix(SpanishStemmer.mark) ? term.dropFirst() : Substring(term)
    }
}
