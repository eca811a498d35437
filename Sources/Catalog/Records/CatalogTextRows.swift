import GRDB

/// One row of the full-text tables: a page with its item's descriptive fields, in search_fts's
/// column order. The first four (title, creator, subject, description) also go into
/// search_description_fts.
struct CatalogTextRow {
    var pageID: Int64
    var title: String
    var creator: String
    var subject: String
    var description: String
    var fonds: String
    var date: String
    var body: String
    var identifier: String

    /// Bytes of text the row brings to the index (what a rebuild gathers before inserting).
    var textBytes: Int {
        title.utf8.count + creator.utf8.count + subject.utf8.count + description.utf8.count + fonds.utf8.count
            + date.utf8.count + body.utf8.count + identifier.utf8.count
    }
}

extension CatalogDatabase {
    /// Indexes the rows, and records the words they bring in the table of forms (`SearchForms`).
    static func insert(_ rows: [CatalogTextRow], in db: Database) throws {
        guard !rows.isEmpty else { return }
        // What the tokenizer met before (the text of deleted rows, which it reads again) is not new.
        try SearchForms.reset(db)
        let pages = SQLiteRowBinding(try db.cachedStatement(sql: """
            INSERT INTO search_fts (rowid, title, creator, subject, description, fonds, date, body, identifier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
        for row in rows {
            try pages.bind(row.pageID, at: 1)
            try pages.bind(row.title, at: 2)
            try pages.bind(row.creator, at: 3)
            try pages.bind(row.subject, at: 4)
            try pages.bind(row.description, at: 5)
            try pages.bind(row.fonds, at: 6)
            try pages.bind(row.date, at: 7)
            try pages.bind(row.body, at: 8)
            try pages.bind(row.identifier, at: 9)
            try pages.run()
        }
        // The same pages' descriptive fields in their own index (v9), after the pages' rows: each
        // FTS5 table keeps the terms of its own rows in memory until the transaction writes them.
        let described = SQLiteRowBinding(try db.cachedStatement(sql: """
            INSERT INTO search_description_fts (rowid, title, creator, subject, description) VALUES (?, ?, ?, ?, ?)
            """))
        for row in rows {
            try described.bind(row.pageID, at: 1)
            try described.bind(row.title, at: 2)
            try described.bind(row.creator, at: 3)
            try described.bind(row.subject, at: 4)
            try described.bind(row.description, at: 5)
            try described.run()
        }
        try SearchForms.store(db)
    }
}
