import GRDB

extension CatalogDatabase {
    /// The index's terms in [from, below), in order (what the tokenizer wrote: words and stem terms).
    func vocabularyTerms(from: String, below: String) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT term FROM search_vocabulary WHERE term >= ? AND term < ? ORDER BY term",
                                arguments: [from, below])
        }
    }
}
