import Foundation
import GRDB

/// Filters a search can take.
public struct SearchFilters: Sendable, Equatable {
    public var fondsCodes: [String]
    public var fromYear: Int?
    public var toYear: Int?
    public var types: [String]

    public init(fondsCodes: [String] = [], fromYear: Int? = nil, toYear: Int? = nil, types: [String] = []) {
        self.fondsCodes = fondsCodes
        self.fromYear = fromYear
        self.toYear = toYear
        self.types = types
    }

    var isEmpty: Bool { fondsCodes.isEmpty && fromYear == nil && toYear == nil && types.isEmpty }
}

/// One result: the best-matching page of an item, with a snippet whose matches are marked.
public struct SearchHit: Sendable, Equatable, Codable {
    public var itemID: String
    public var title: String
    public var fondsCode: String
    public var date: String
    public var page: Int
    public var pageLabel: String
    /// The text around the matches, matches between « and » (for JSON and logs).
    public var snippet: String
    /// The same text in pieces, each saying whether it is a match: where it is shown, a terminal makes
    /// matches bold and a page marks them (the catalog writes no markup).
    public var segments: [Segment]
    /// Where the match is: "title", "creator", "subject", "description", "fonds", "date", "text" or
    /// "identifier".
    public var matchedIn: String
    public var score: Double
}

extension SearchHit {
    public struct Segment: Sendable, Equatable, Codable {
        public var text: String
        public var isMatch: Bool
    }

    /// Splits text whose matches sit between SearchSnippet's open and close markers.
    static func segments(_ marked: String) -> [Segment] {
        var result: [Segment] = []
        var current = ""
        var inMatch = false
        for ch in marked {
            let mark = String(ch)
            if mark == SearchSnippet.open || mark == SearchSnippet.close {
                if !current.isEmpty { result.append(Segment(text: current, isMatch: inMatch)) }
                current = ""
                inMatch = mark == SearchSnippet.open
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { result.append(Segment(text: current, isMatch: inMatch)) }
        return result
    }
}

public struct SearchResults: Sendable, Equatable, Codable {
    public var query: String
    public var expression: String?
    public var notes: [String]
    public var hits: [SearchHit]
    /// Matching pages, counted up to `countLimit` (then "more than").
    public var matchingPages: Int
    public var countIsLowerBound: Bool
    /// When nothing matched and a word is not in the index: the query with that word replaced by an
    /// indexed one ("¿Quiso decir …?"; see `SearchSuggestion`).
    public var suggestion: String?
}

extension CatalogDatabase {
    /// Matching pages are counted up to this number (then reported as "more than").
    static let countLimit = SearchCandidates.countLimit
    static let columns = ["title", "creator", "subject", "description", "fonds", "date", "text", "identifier"]

    /// Ranked full-text search: items whose title or identifier matches come before items that only
    /// match in their text (bm25 with column weights 10/5/5/2/1/1/1/10); one hit per item, its best page.
    /// A query that finds nothing comes back with a suggestion when one of its words is not indexed.
    public func search(_ text: String, filters: SearchFilters = SearchFilters(), limit: Int = 20, offset: Int = 0) throws -> SearchResults {
        var results = try rankedSearch(text, filters: filters, limit: limit, offset: offset)
        guard results.hits.isEmpty, results.expression != nil else { return results }
        results.suggestion = try read { db in
            try SearchSuggestion.suggestion(for: try SearchQuery(text).withForms(from: db), input: text, in: db)
        }
        return results
    }

    func rankedSearch(_ text: String, filters: SearchFilters, limit: Int, offset: Int) throws -> SearchResults {
        return try read { db in
            let query = try SearchQuery(text).withForms(from: db)
            var results = SearchResults(query: text, expression: query.matchExpression, notes: query.notes, hits: [], matchingPages: 0,
                                        countIsLowerBound: false, suggestion: nil)
            guard let expression = query.matchExpression else {
                if text.trimmingCharacters(in: .whitespaces).isEmpty { results.notes.append("Escriba una o más palabras para buscar.") }
                return results
            }
            var filterSQL = ""
            var filterArguments: [DatabaseValueConvertible] = []
            if !filters.isEmpty {
                var conditions: [String] = []
                if !filters.fondsCodes.isEmpty {
                    conditions.append("i.fonds_code IN (\(Array(repeating: "?", count: filters.fondsCodes.count).joined(separator: ",")))")
                    filterArguments += filters.fondsCodes as [DatabaseValueConvertible]
                }
                if let from = filters.fromYear { conditions.append("i.date_end >= ?"); filterArguments.append(from) }
                if let to = filters.toYear { conditions.append("i.date_start <= ?"); filterArguments.append(to) }
                if !filters.types.isEmpty {
                    conditions.append("i.dc_type IN (\(Array(repeating: "?", count: filters.types.count).joined(separator: ",")))")
                    filterArguments += filters.types as [DatabaseValueConvertible]
                }
                filterSQL = " AND rowid IN (SELECT p.id FROM pages p JOIN items i ON i.id = p.item_id WHERE \(conditions.joined(separator: " AND ")))"
            }
            var candidates = SearchCandidates(query: query, expression: expression, filterSQL: filterSQL, filterArguments: filterArguments)
            // Statements compiled once per connection (each compilation also runs GRDB's authorizer:
            // a tenth of a search when made for every candidate).
            let itemOfPage = try db.cachedStatement(sql: "SELECT item_id FROM pages WHERE id = ?")
            let pageInfo = try db.cachedStatement(sql: """
                SELECT p.sequence, p.label, i.title, i.fonds_code, i.date_text FROM pages p JOIN items i ON i.id = p.item_id WHERE p.id = ?
                """)
            let storedText = try db.cachedStatement(sql: "SELECT title, creator, subject, description, fonds, date, body, identifier FROM search_fts WHERE rowid = ?")
            let best = try candidates.best(wanted: offset + limit, window: max(100, (offset + limit) * 5), db) { pageID in
                try String.fetchOne(itemOfPage, arguments: [pageID])
            }
            results.matchingPages = candidates.matchingPages
            results.countIsLowerBound = candidates.countIsLowerBound
            results.notes += candidates.notes
            let snippets = SearchSnippet(query)
            for (candidate, itemID) in best.dropFirst(offset) {
                guard let info = try Row.fetchOne(pageInfo, arguments: [candidate.pageID]),
                      let stored = try Row.fetchOne(storedText, arguments: [candidate.pageID]) else { continue }
                // Where the match is: the page's text first, then the item's fields in index order.
                var matchedIn = "text"
                var marked = snippets.snippet(stored["body"] ?? "")
                if marked == nil {
                    for (index, name) in Self.columns.enumerated() where index != 6 {
                        if let found = snippets.snippet(stored[index] ?? "", length: 24) {
                            (matchedIn, marked) = (name, found)
                            break
                        }
                    }
                }
                // A page can match through a word the snippet rules do not see (a NEAR-like OR of
                // prefixes across columns): show the start of its text.
                let shown = marked ?? String((stored["body"] as String? ?? "").prefix(160))
                results.hits.append(SearchHit(itemID: itemID, title: info["title"], fondsCode: info["fonds_code"], date: info["date_text"],
                                              page: info["sequence"], pageLabel: info["label"],
                                              snippet: SearchSnippet.guillemets(shown),
                                              segments: SearchHit.segments(shown), matchedIn: matchedIn, score: -candidate.score))
            }
            return results
        }
    }

    static let open = SearchSnippet.open, close = SearchSnippet.close
}
