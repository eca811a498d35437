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
    /// The text around the matches, matches between « and » (for terminals and logs).
    public var snippet: String
    /// The same, HTML-escaped, matches in <mark> (for pages).
    public var snippetHTML: String
    /// Where the match is: "title", "creator", "subject", "description", "fonds", "date" or "text".
    public var matchedIn: String
    public var score: Double
}

public struct SearchResults: Sendable, Equatable, Codable {
    public var query: String
    public var expression: String?
    public var notes: [String]
    public var hits: [SearchHit]
    /// Matching pages, counted up to `countLimit` (then "more than").
    public var matchingPages: Int
    public var countIsLowerBound: Bool
}

extension CatalogDatabase {
    static let countLimit = 1000
    static let columns = ["title", "creator", "subject", "description", "fonds", "date", "text"]

    /// Ranked full-text search: items whose title matches come before items that only match in their
    /// text (bm25 with column weights 10/5/5/2/1/1/1); one hit per item, its best page.
    public func search(_ text: String, filters: SearchFilters = SearchFilters(), limit: Int = 20, offset: Int = 0) throws -> SearchResults {
        let query = SearchQuery(text)
        var results = SearchResults(query: text, expression: query.matchExpression, notes: query.notes, hits: [], matchingPages: 0,
                                    countIsLowerBound: false)
        guard let expression = query.matchExpression else {
            if text.trimmingCharacters(in: .whitespaces).isEmpty { results.notes.append("Escriba una o más palabras para buscar.") }
            return results
        }
        return try read { db in
            var filterSQL = ""
            var arguments: [DatabaseValueConvertible] = [expression]
            if !filters.isEmpty {
                var conditions: [String] = []
                if !filters.fondsCodes.isEmpty {
                    conditions.append("i.fonds_code IN (\(Array(repeating: "?", count: filters.fondsCodes.count).joined(separator: ",")))")
                    arguments += filters.fondsCodes as [DatabaseValueConvertible]
                }
                if let from = filters.fromYear { conditions.append("i.date_end >= ?"); arguments.append(from) }
                if let to = filters.toYear { conditions.append("i.date_start <= ?"); arguments.append(to) }
                if !filters.types.isEmpty {
                    conditions.append("i.dc_type IN (\(Array(repeating: "?", count: filters.types.count).joined(separator: ",")))")
                    arguments += filters.types as [DatabaseValueConvertible]
                }
                filterSQL = " AND rowid IN (SELECT p.id FROM pages p JOIN items i ON i.id = p.item_id WHERE \(conditions.joined(separator: " AND ")))"
            }
            // Candidate pages: ranked inside FTS5 (bounded), unless only common words were asked for.
            let window = max(100, (offset + limit) * 5)
            let order = query.onlyCommonWords ? "ORDER BY rowid" : "ORDER BY rank"
            let candidates = try Row.fetchAll(db, sql: """
                SELECT rowid AS id, \(query.onlyCommonWords ? "0.0" : "rank") AS score FROM search_fts
                WHERE search_fts MATCH ?\(filterSQL) \(order) LIMIT \(window)
                """, arguments: StatementArguments(arguments))
            let countRow = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ?\(filterSQL) LIMIT \(Self.countLimit + 1))",
                                            arguments: StatementArguments(arguments)) ?? 0
            results.matchingPages = min(countRow, Self.countLimit)
            results.countIsLowerBound = countRow > Self.countLimit

            var seen: Set<String> = []
            var best: [(pageID: Int64, score: Double, itemID: String)] = []
            for row in candidates {
                let pageID: Int64 = row["id"]
                guard let itemID = try String.fetchOne(db, sql: "SELECT item_id FROM pages WHERE id = ?", arguments: [pageID]),
                      !seen.contains(itemID) else { continue }
                seen.insert(itemID)
                best.append((pageID, row["score"], itemID))
            }
            for candidate in best.dropFirst(offset).prefix(limit) {
                guard let info = try Row.fetchOne(db, sql: """
                    SELECT p.sequence, p.label, i.title, i.fonds_code, i.date_text FROM pages p JOIN items i ON i.id = p.item_id WHERE p.id = ?
                    """, arguments: [candidate.pageID]) else { continue }
                let snippets = try Row.fetchOne(db, sql: """
                    SELECT snippet(search_fts, 6, '\u{1}', '\u{2}', '…', 16) AS body, snippet(search_fts, -1, '\u{1}', '\u{2}', '…', 16) AS any,
                           highlight(search_fts, 0, '\u{1}', '\u{2}') AS title FROM search_fts WHERE search_fts MATCH ? AND rowid = ?
                    """, arguments: [expression, candidate.pageID])
                let body: String = snippets?["body"] ?? ""
                let any: String = snippets?["any"] ?? ""
                let titleMarked: String = snippets?["title"] ?? ""
                let matchedIn = body.contains(Self.open) ? "text" : (titleMarked.contains(Self.open) ? "title" : Self.column(db: db, pageID: candidate.pageID, expression: expression))
                let marked = body.contains(Self.open) ? body : any
                results.hits.append(SearchHit(itemID: candidate.itemID, title: info["title"], fondsCode: info["fonds_code"], date: info["date_text"],
                                              page: info["sequence"], pageLabel: info["label"],
                                              snippet: marked.replacingOccurrences(of: Self.open, with: "«").replacingOccurrences(of: Self.close, with: "»"),
                                              snippetHTML: Self.html(marked), matchedIn: matchedIn, score: -candidate.score))
            }
            return results
        }
    }

    static let open = "\u{1}", close = "\u{2}"

    /// Escapes text for HTML and turns the match markers into <mark> elements.
    static func html(_ marked: String) -> String {
        var out = ""
        for ch in marked {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{1}": out += "<mark>"
            case "\u{2}": out += "</mark>"
            default: out.append(ch)
            }
        }
        return out
    }

    private static func column(db: Database, pageID: Int64, expression: String) -> String {
        for (index, name) in columns.enumerated() where index < 6 {
            if let marked = try? String.fetchOne(db, sql: "SELECT highlight(search_fts, \(index), '\u{1}', '\u{2}') FROM search_fts WHERE search_fts MATCH ? AND rowid = ?",
                                                 arguments: [expression, pageID]), marked.contains(open) {
                return name
            }
        }
        return "text"
    }
}
