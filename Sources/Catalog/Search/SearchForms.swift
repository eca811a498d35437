import CSearchTokenizer
import GRDB

/// Which indexed words share a Snowball Spanish stem: the table `search_forms (stem, word)`, one row
/// per distinct pair the tokenizer met while indexing ("cart" → carta, cartas; "cant" → canto,
/// cantaban, cantar). The full-text index holds the folded words only; a query word is asked for as
/// the OR of the indexed words of its stem ("cartas" finds "carta"), which costs a look-up here
/// instead of a second term per word in the index (bench/README.md, "Branch formas").
///
/// The table may hold words no page has any more (an item changed or withdrawn): asking for one finds
/// nothing, and `memoria reindex` makes the table exact again.
enum SearchForms {
    /// Most words a query word is widened to (the shortest first): a stem of noisy OCR text can have
    /// hundreds of forms.
    static let maximumForms = 64

    /// Forgets what the tokenizer collected on this connection (before text is indexed).
    static func reset(_ db: Database) throws {
        try check(memoria_forms_reset(db.sqliteConnection), db)
    }

    /// Writes the pairs the tokenizer met since `reset` into the table, in the current transaction.
    static func store(_ db: Database) throws {
        try check(memoria_forms_store(db.sqliteConnection), db)
    }

    /// The indexed words whose stem is `stem`, shortest first (at most `maximumForms`).
    static func words(ofStem stem: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT word FROM search_forms WHERE stem = ? ORDER BY length(word), word LIMIT \(maximumForms)"),
                            arguments: [stem])
    }

    private static func check(_ code: Int32, _ db: Database) throws {
        guard code != SQLITE_OK else { return }
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? ""
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "search_forms: \(message)")
    }
}

extension SearchQuery {
    /// The query with each word's indexed forms read from the catalog (see `SearchForms`).
    func withForms(from db: Database) throws -> SearchQuery {
        var query = self
        for clause in clauses {
            guard case .word(let word) = clause.term, let stem = stems[word], query.forms[word] == nil else { continue }
            query.forms[word] = try SearchForms.words(ofStem: stem, db)
        }
        return query
    }
}
