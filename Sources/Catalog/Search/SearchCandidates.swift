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
/// buscar3" and "Branch buscar4"): one newest-first pass gives the count and the budget's boundary;
/// the pages whose description matches are found and ranked in the index of the descriptive fields
/// (search_description_fts, no page text: `memoria_bm25_described` gives the score the pages' index
/// would); bm25 (`memoria_bm25`, FTS5's formula) is told the number of matching pages when the
/// expression is one phrase, and counts a repeated phrase once; the recent pages are ranked only
/// when the described ones do not fill the page of results asked for, and for one phrase in the
/// count's own pass (its order does not depend on its IDF, which the count then gives).
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
    /// The same weights of the four descriptive columns (search_description_fts).
    static let describedWeights = "10.0, 5.0, 5.0, 2.0"

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

        // A one-phrase expression's order does not depend on its IDF: when the described pages cannot
        // fill the results (looked up first: the index of the descriptive fields is small), the count's
        // pass also scores the pages it sees, weighted 1, and the scores are finished with the IDF
        // once the count is known: the phrase is evaluated once instead of twice.
        let onePhrase = query.isOnePhrase && filterSQL.isEmpty
        var inDescription: [Candidate]?
        var scoreNewest = false
        if onePhrase {
            let described = try rankedByDescription(window: window, db)
            var items: Set<String> = []
            for candidate in described where items.count < wanted { if let item = try itemOf(candidate.pageID) { items.insert(item) } }
            scoreNewest = items.count < wanted
            inDescription = described
        }

        // Newest first: the count and the boundary of the ranking budget.
        let score = scoreNewest ? ", memoria_bm25(search_fts, '*', \(Self.weights))" : ""
        let newest = try Row.fetchAll(db, sql: """
            SELECT rowid\(score) FROM search_fts WHERE search_fts MATCH ?\(filterSQL) ORDER BY rowid DESC LIMIT \(Self.countLimit + 1)
            """, arguments: StatementArguments([expression as DatabaseValueConvertible] + filterArguments))
        record(matching: newest.count)
        // bm25 counts the pages holding each phrase in the whole index; the pass above counted them
        // when the expression is one phrase, nothing filtered them and none was left out.
        let onePhraseHits = onePhrase && !countIsLowerBound ? newest.count : nil
        let knownHits = knownHitsArgument(onePhraseHits: onePhraseHits)
        var scored: [Candidate]?
        if scoreNewest, let onePhraseHits, !newest.isEmpty {
            guard let idf = try Double.fetchOne(db, sql: "SELECT memoria_idf(search_fts, ?) FROM search_fts LIMIT 1", arguments: [onePhraseHits]) else {
                throw CatalogError.query(reason: "memoria_idf: el índice no tiene filas")
            }
            scored = newest.prefix(Self.rankingBudget).map { Candidate(pageID: $0[0], score: idf * ($0[1] as Double)) }
        }
        func byScore(_ candidates: [Candidate]) -> [Candidate] {
            Array(candidates.sorted { ($0.score, $0.pageID) < ($1.score, $1.pageID) }.prefix(window))
        }

        if newest.count <= Self.rankingBudget {
            try take(try scored.map(byScore) ?? ranked(expression, knownHits: knownHits, from: nil, window: window, db))
            return best
        }
        notes.append("Coinciden muchas páginas: se ordenan por relevancia las descripciones que coinciden y las \(Self.rankingBudget) páginas ingresadas más recientemente. Añada palabras, una frase entre comillas o filtros para afinar.")

        let described = try inDescription ?? rankedByDescription(window: window, db)
        try take(described)
        guard best.count < wanted else { return best }

        let boundary: Int64 = newest[Self.rankingBudget - 1][0]
        let known = Set(described.map(\.pageID))
        let recent = try scored.map(byScore) ?? ranked(expression, knownHits: knownHits, from: boundary, window: window, db)
        try take(recent.filter { !known.contains($0.pageID) })
        return best
    }

    /// What bm25 is told of the number of pages holding each phrase of the expression (see
    /// `memoria_bm25` in search_rank.c): the count of a one-phrase expression when the caller made it,
    /// otherwise each phrase that repeats one before it (a word asked for twice, so that its exact
    /// form ranks first) is counted once.
    private func knownHitsArgument(onePhraseHits: Int?) -> String {
        if let onePhraseHits { return String(onePhraseHits) }
        var first: [String: Int] = [:]
        return query.phrases.enumerated().map { index, phrase in
            if let earlier = first[phrase] { return "=\(earlier)" }
            first[phrase] = index
            return "?"
        }.joined(separator: " ")
    }

    /// The best `window` pages whose title, creator, subject or description match the query's positive
    /// part, by bm25 as the pages' index scores them under that column filter (FTS5's order: score,
    /// then rowid), found and ranked in the index of the descriptive fields (`memoria_bm25_described`)
    /// instead of evaluating the expression over every page's text. A page holding an excluded term
    /// anywhere is left out.
    private func rankedByDescription(window: Int, _ db: Database) throws -> [Candidate] {
        guard let positive = query.positiveExpression else { return [] }
        var arguments: [DatabaseValueConvertible] = [positive]
        var excluded = ""
        if let exclusion = query.exclusionExpression {
            excluded = " AND rowid NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)"
            arguments.append(exclusion)
        }
        return try Row.fetchAll(db, sql: """
            SELECT rowid, memoria_bm25_described(search_description_fts, (SELECT block FROM search_fts_data WHERE id = 1),
                (SELECT sz FROM search_fts_docsize WHERE id = search_description_fts.rowid), \(Self.describedWeights)) AS score
            FROM search_description_fts WHERE search_description_fts MATCH ?\(excluded)\(filterSQL)
            ORDER BY score, rowid LIMIT \(window)
            """, arguments: StatementArguments(arguments + filterArguments)).map { Candidate(pageID: $0[0], score: $0[1]) }
    }

    private mutating func record(matching rows: Int) {
        matchingPages = min(rows, Self.countLimit)
        countIsLowerBound = rows > Self.countLimit
    }

    /// The best `window` pages matching `match` (from rowid `from` on), by bm25.
    private func ranked(_ match: String, knownHits: String, from: Int64?, window: Int, _ db: Database) throws -> [Candidate] {
        var arguments: [DatabaseValueConvertible] = [knownHits, match]
        var bound = ""
        if let from { bound = " AND rowid >= ?"; arguments.append(from) }
        return try Row.fetchAll(db, sql: """
            SELECT rowid, memoria_bm25(search_fts, ?, \(Self.weights)) AS score FROM search_fts WHERE search_fts MATCH ?\(bound)\(filterSQL)
            ORDER BY score, rowid LIMIT \(window)
            """, arguments: StatementArguments(arguments + filterArguments)).map { Candidate(pageID: $0[0], score: $0[1]) }
    }
}
