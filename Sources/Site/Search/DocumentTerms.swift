import Catalog
import Metadata

/// The words of one item as the search index weighs them (BM25F): a title word counts 10, creator and
/// subject 5, description 2, fonds, date and page text 1. For each word, the page where it occurs
/// most, so a result opens at the right page.
struct DocumentTerms {
    static let weights: [(String, Double)] = [("title", 10), ("creator", 5), ("subject", 5), ("description", 2)]

    var terms: [String: (weight: Double, page: Int)] = [:]
    var length: Double = 0

    init(summary: CatalogItemSummary, fondsTitle: String, pages: [CatalogItem.Page]) {
        let dc = summary.dublinCore
        func add(_ text: String, weight: Double, page: Int) {
            var counts: [String: Int] = [:]
            for token in SearchText.tokens(text) where Self.indexable(token) { counts[token, default: 0] += 1 }
            for (token, count) in counts {
                let value = Double(count) * weight
                length += value
                if let existing = terms[token] {
                    terms[token] = (existing.weight + value, existing.page)
                } else {
                    terms[token] = (value, page)
                }
            }
        }
        for (element, weight) in Self.weights { add(dc[element].joined(separator: " "), weight: weight, page: 1) }
        add(fondsTitle, weight: 1, page: 1)
        add(dc["date"].joined(separator: " "), weight: 1, page: 1)
        // Page text: the word's page is the one where it occurs most.
        var best: [String: (count: Int, page: Int)] = [:]
        for page in pages {
            var counts: [String: Int] = [:]
            for token in SearchText.tokens(page.text) where Self.indexable(token) { counts[token, default: 0] += 1 }
            for (token, count) in counts {
                length += Double(count)
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

    /// The shard key of a term: its first two characters.
    static func shardKey(_ term: String) -> String { String(term.prefix(2)) }
}
