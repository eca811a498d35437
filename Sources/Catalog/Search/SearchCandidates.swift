import GRDB

/// The pages a search shows, best first, and how many pages match: what `CatalogDatabase.search`
/// turns into hits.
///
/// Ranking (bm25 inside FTS5) reads every page it ranks, so it is bounded: when more pages match than
/// `rankingBudget`, the ranked pages are those whose title, creator, subject or description match,
/// then the most recently archived pages up to the budget. A word on half the archive costs what a
/// rare one does.
///
/// Each evaluation of the expression costs (a phrase with `de` intersects the positions of a word on
/// every page), so it is evaluated as few times as the answer allows (bench/README.md, "Branch
/// buscar3"): one newest-first pass gives the count, the budget's boundary and, from
/// `memoria_columns`, which of those pages match in their description; bm25 (`memoria_bm25`, FTS5's
/// formula) is told the number of matching pages when the expression is one phrase, instead of
/// counting them again; and the recent pages are ranked only when the described ones do not fill
/// the page of results asked for.
struct SearchCandidates {
    struct Candidate {
        var pageID: Int64
        var score: Double
    }

    /// Matching pages, counted up to this number (then reported as "more than").
    static let countLimit = 2000
    /// Most pages ranked by bm25 for one query.
    static let rankingBudget = 1000
    /// The column weights of bm25, as the table's own `rank` is configured (CatalogSchema, v5).
    static let weights = "10.0, 5.0, 5.0, 2.0, 1.0, 1.0, 1.0, 10.0"

    let query: SearchQuery
    let expression: String
    /// " AND rowid IN (...)" when filters apply, with its arguments.
    let filterSQL: String
    let filterArguments: [DatabaseValueConvertible]

    var matchingPages = 0
    var countIsLowerBound = false
    var notes: [String] = []

    init(query: SearchQuery, expression: String, filterSQL: String, filterArguments: [DatabaseValueConvertible]) {
        self.query = query
        self.expression = expression
        self.filterSQL = filterSQL
        self.filterArguments = filterArguments
    }

    /// The ranked pages, one item at most once, until `wanted` items are found (or none is left).
    /// `itemOf` says which item a page belongs to.
    mutating func best(wanted: Int, window: Int, _ db: Database, itemOf: (Int64) throws -> String?) throws -> [(candidate: Candidate, itemID: String)] {
        var seen: Set<String> = []
        var best: [(candidate: Candidate, itemID: String)] = []
        func take(_ candidates: [Candidate]) throws {
            for candidate in candidates where best.count < wanted {
                guard let itemID = try itemOf(candidate.pageID), !seen.contains(itemID) else { continue }
                seen.insert(itemID)
                best.append((candidate, itemID))
            }
        }

        if query.onlyCommonWords {
            let newest = try Int64.fetchAll(db, sql: """
                SELECT rowid FROM search_fts WHERE search_fts MATCH ?\(filterSQL) ORDER BY rowid DESC LIMIT \(max(window, Self.countLimit + 1))
                """, arguments: StatementArguments([expression as DatabaseValueConvertible] + filterArguments))
            record(matching: newest.count)
            try take(newest.prefix(window).map { Candidate(pageID: $0, score: 0) })
            return best
        }

        // Newest first: the count, the boundary of the ranking budget, and which pages match in
        // their description (bit i of `described`: phrase i has a match in the first four columns).
        let newest = try Row.fetchAll(db, sql: """
            SELECT rowid, memoria_columns(search_fts) AS described FROM search_fts WHERE search_fts MATCH ?\(filterSQL)
            ORDER BY rowid DESC LIMIT \(Self.countLimit + 1)
            """, arguments: StatementArguments([expression as DatabaseValueConvertible] + filterArguments))
        record(matching: newest.count)
        let seenAll = !countIsLowerBound
        // bm25 counts the pages holding each phrase in the whole index; the pass above counted them
        // when the expression is one phrase, nothing filtered them and none was left out.
        let phraseHitsKnown = query.isOnePhrase && filterSQL.isEmpty && seenAll

        if newest.count <= Self.rankingBudget {
            try take(try ranked(expression, knownHits: phraseHitsKnown ? newest.count : nil, from: nil, window: window, db))
            return best
        }
        notes.append("Coinciden muchas páginas: se ordenan por relevancia las descripciones que coinciden y las \(Self.rankingBudget) páginas ingresadas más recientemente. Añada palabras, una frase entre comillas o filtros para afinar.")

        guard let describedExpression = query.describedExpression else { return best }
        var inDescription: [Candidate] = []
        let flags = newest.map { $0["described"] as Int64? }
        if seenAll, !flags.contains(nil) {
            var described: [Int64] = []
            for (row, bits) in zip(newest, flags) where query.isDescribed(phrasesInDescription: bits ?? 0) { described.append(row["rowid"]) }
            if let first = described.last {
                inDescription = try ranked(describedExpression, knownHits: phraseHitsKnown ? described.count : nil, from: first, window: window, db)
            }
        } else {
            inDescription = try ranked(describedExpression, knownHits: nil, from: nil, window: window, db)
        }
        try take(inDescription)
        guard best.count < wanted else { return best }

        let boundary: Int64 = newest[Self.rankingBudget - 1]["rowid"]
        let known = Set(inDescription.map(\.pageID))
        let recent = try ranked(expression, knownHits: phraseHitsKnown ? newest.count : nil, from: boundary, window: window, db)
        try take(recent.filter { !known.contains($0.pageID) })
        return best
    }

    private mutating func record(matching rows: Int) {
        matchingPages = min(rows, Self.countLimit)
        countIsLowerBound = rows > Self.countLimit
    }

    /// The best `window` pages matching `match` (from rowid `from` on), by bm25.
    private func ranked(_ match: String, knownHits: Int?, from: Int64?, window: Int, _ db: Database) throws -> [Candidate] {
        var arguments: [DatabaseValueConvertible] = [knownHits ?? -1, match]
        var bound = ""
        if let from { bound = " AND rowid >= ?"; arguments.append(from) }
        return try Row.fetchAll(db, sql: """
            SELECT rowid, memoria_bm25(search_fts, ?, \(Self.weights)) AS score FROM search_fts WHERE search_fts MATCH ?\(bound)\(filterSQL)
            ORDER BY score, rowid LIMIT \(window)
            """, arguments: StatementArguments(arguments + filterArguments)).map { Candidate(pageID: $0["rowid"], score: $0["score"]) }
    }
}
