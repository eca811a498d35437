import GRDB
import Metadata

/// The statements that write one item's rows (items, files, pages; its earlier rows and full text
/// deleted first), prepared once per transaction: a rebuild runs them for every item, and looking a
/// statement up by its SQL text hashes that text each time.
struct CatalogItemStatements {
    let deleteDescription: SQLiteRowBinding
    let deleteText: SQLiteRowBinding
    let deletePages: SQLiteRowBinding
    let deleteFiles: SQLiteRowBinding
    let insertItem: SQLiteRowBinding
    let insertFile: SQLiteRowBinding
    let insertPage: SQLiteRowBinding

    init(_ db: Database) throws {
        // The index of the descriptive fields first: it reads the text it deletes from search_fts (v11).
        deleteDescription = SQLiteRowBinding(try db.cachedStatement(sql: "DELETE FROM search_description_fts WHERE rowid IN (SELECT id FROM pages WHERE item_id = ?)"))
        deleteText = SQLiteRowBinding(try db.cachedStatement(sql: "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM pages WHERE item_id = ?)"))
        deletePages = SQLiteRowBinding(try db.cachedStatement(sql: "DELETE FROM pages WHERE item_id = ?"))
        deleteFiles = SQLiteRowBinding(try db.cachedStatement(sql: "DELETE FROM files WHERE item_id = ?"))
        insertItem = SQLiteRowBinding(try db.cachedStatement(sql: """
            INSERT INTO items (id, fonds_code, head_version, created_at, updated_at, title, sort_title, creators, subjects,
                               date_text, date_start, date_end, dc_type, description, dublin_core, page_count, batch_id, status,
                               access, access_until, access_reason, access_hide_title, access_at, access_json, missing_since)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'archived', ?, ?, ?, ?, ?, ?, NULL)
            ON CONFLICT(id) DO UPDATE SET fonds_code = excluded.fonds_code, head_version = excluded.head_version,
                updated_at = excluded.updated_at, title = excluded.title, sort_title = excluded.sort_title,
                creators = excluded.creators, subjects = excluded.subjects, date_text = excluded.date_text,
                date_start = excluded.date_start, date_end = excluded.date_end, dc_type = excluded.dc_type,
                description = excluded.description, dublin_core = excluded.dublin_core, page_count = excluded.page_count,
                batch_id = COALESCE(excluded.batch_id, items.batch_id), status = 'archived',
                access = excluded.access, access_until = excluded.access_until, access_reason = excluded.access_reason,
                access_hide_title = excluded.access_hide_title, access_at = excluded.access_at, access_json = excluded.access_json,
                missing_since = NULL
            """))
        insertFile = SQLiteRowBinding(try db.cachedStatement(sql: """
            INSERT INTO files (item_id, logical_path, content_path, role, digest_algorithm, digest, size, format_name,
                               pronom_id, mime_type, original_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
        insertPage = SQLiteRowBinding(try db.cachedStatement(sql: """
            INSERT INTO pages (item_id, sequence, label, master_path, index_in_file, width, height, text_source, text_path)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
    }
}

extension CatalogDatabase {
    /// Writes the item's rows and hands back its full-text rows for the caller to insert. They are kept
    /// apart because every insert into a table with constraints opens a statement savepoint, at which
    /// FTS5 flushes the terms it holds in memory: text inserted between such statements is written as
    /// one tiny segment per page and merged over and over (measured: 3.5 s instead of 1.5 s for 10,000
    /// pages). Inserting the text of many items together keeps FTS5's bulk path.
    /// `absent`: the caller knows the catalog holds no row of this item (a rebuild, which emptied the
    /// tables, storing an identifier for the first time), so its earlier rows are not looked for:
    /// four statements fewer per item, each with its own statement journal (bench/README.md,
    /// "Branch indice2").
    static func store(_ item: CatalogItem, fondsTitle: String, in db: Database, with statements: CatalogItemStatements,
                      absent: Bool = false, textRows: inout [CatalogTextRow]) throws {
        let dc = item.dublinCore
        let title = dc.title
        let (start, end) = item.dateRange
        if !absent {
            for delete in [statements.deleteDescription, statements.deleteText, statements.deletePages, statements.deleteFiles] {
                try delete.bind(item.id, at: 1)
                try delete.run()
            }
        }
        let creators = dc["creator"], subjects = dc["subject"], descriptions = dc["description"], dates = dc["date"]
        let description = descriptions.joined(separator: "\n")
        let insertItem = statements.insertItem
        try insertItem.bind(item.id, at: 1)
        try insertItem.bind(item.fondsCode, at: 2)
        try insertItem.bind(item.headVersion, at: 3)
        try insertItem.bind(item.createdAt, at: 4)
        try insertItem.bind(item.updatedAt, at: 5)
        try insertItem.bind(title, at: 6)
        try insertItem.bind(item.sortTitle, at: 7)
        try insertItem.bind(jsonArray(creators), at: 8)
        try insertItem.bind(jsonArray(subjects), at: 9)
        try insertItem.bind(dates.first ?? "", at: 10)
        try insertItem.bind(start, at: 11)
        try insertItem.bind(end, at: 12)
        try insertItem.bind(dc["type"].first ?? "", at: 13)
        try insertItem.bind(description, at: 14)
        try insertItem.bind(CompactJSON.dublinCore(dc), at: 15)
        try insertItem.bind(item.pages.count, at: 16)
        try insertItem.bind(item.batchID, at: 17)
        try insertItem.bind((item.access?.state ?? .open).rawValue, at: 18)
        try insertItem.bind(item.access?.until, at: 19)
        try insertItem.bind(item.access?.reason, at: 20)
        try insertItem.bind(item.access?.hideTitle == true ? 1 : 0, at: 21)
        try insertItem.bind(item.access?.decidedAt, at: 22)
        try insertItem.bind(try item.access.map { String(decoding: try $0.encoded(), as: UTF8.self) }, at: 23)
        try insertItem.run()
        let insertFile = statements.insertFile
        for file in item.files {
            try insertFile.bind(item.id, at: 1)
            try insertFile.bind(file.logicalPath, at: 2)
            try insertFile.bind(file.contentPath, at: 3)
            try insertFile.bind(file.role.rawValue, at: 4)
            try insertFile.bind(file.digestAlgorithm, at: 5)
            try insertFile.bind(file.digest, at: 6)
            try insertFile.bind(file.size, at: 7)
            try insertFile.bind(file.formatName, at: 8)
            try insertFile.bind(file.pronomID, at: 9)
            try insertFile.bind(file.mimeType, at: 10)
            try insertFile.bind(file.originalName, at: 11)
            try insertFile.run()
        }
        let creator = creators.joined(separator: " ; ")
        let subject = subjects.joined(separator: " ; ")
        let date = dates.joined(separator: " ")
        let insertPage = statements.insertPage
        for page in item.pages {
            try insertPage.bind(item.id, at: 1)
            try insertPage.bind(page.sequence, at: 2)
            try insertPage.bind(page.label, at: 3)
            try insertPage.bind(page.masterPath, at: 4)
            try insertPage.bind(page.indexInFile, at: 5)
            try insertPage.bind(page.width, at: 6)
            try insertPage.bind(page.height, at: 7)
            try insertPage.bind(page.textSource, at: 8)
            try insertPage.bind(page.textPath, at: 9)
            try insertPage.run()
            textRows.append(CatalogTextRow(pageID: db.lastInsertedRowID, title: title, creator: creator, subject: subject,
                                           description: description, fonds: fondsTitle, date: date, body: page.text,
                                           identifier: item.id))
        }
        for event in item.events { try store(event, itemID: item.id, in: db) }
    }
}
