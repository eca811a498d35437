import Foundation
import GRDB
import Metadata

/// Every write to the catalog goes through here, each in one transaction.
extension CatalogDatabase {
    /// Makes the catalog's fonds table match the configuration.
    public func synchronizeFonds(_ fonds: [CatalogFonds]) throws {
        try write { db in
            for f in fonds {
                try db.execute(sql: """
                    INSERT INTO fonds (code, slug, title, description) VALUES (?, ?, ?, ?)
                    ON CONFLICT(code) DO UPDATE SET slug = excluded.slug, title = excluded.title, description = excluded.description
                    WHERE slug IS NOT excluded.slug OR title IS NOT excluded.title OR description IS NOT excluded.description
                    """, arguments: [f.code, f.slug, f.title, f.description])
                // (a fonds as it was is not written again: every command opens the catalog through here,
                // and a write would count as a change of the site's inputs, CatalogSiteStamp)
            }
        }
    }

    /// Starts a batch record; returns its id.
    public func beginBatch(fondsSlug: String, name: String, startedAt: String, agent: String) throws -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO batches (fonds_slug, name, started_at, status, agent) VALUES (?, ?, ?, 'running', ?)",
                           arguments: [fondsSlug, name, startedAt, agent])
            return db.lastInsertedRowID
        }
    }

    /// Batches still marked running when an ingest starts (it holds the ingest lock, so no other run
    /// is active) belong to a run that was killed: they are closed as aborted. Returns how many.
    @discardableResult
    public func closeInterruptedBatches(finishedAt: String) throws -> Int {
        try write { db in
            try db.execute(sql: "UPDATE batches SET status = 'aborted', finished_at = ? WHERE status = 'running'", arguments: [finishedAt])
            return db.changesCount
        }
    }

    public func finishBatch(_ id: Int64, finishedAt: String, status: String, reportPath: String?) throws {
        try write { db in
            try db.execute(sql: "UPDATE batches SET finished_at = ?, status = ?, report_path = ? WHERE id = ?",
                           arguments: [finishedAt, status, reportPath, id])
        }
    }

    /// Stores an item (replacing any earlier state of it) with its files, pages, events and full text.
    public func store(_ item: CatalogItem, fondsTitle: String) throws {
        try write { db in try Self.store(item, fondsTitle: fondsTitle, in: db) }
    }

    /// One row of the full-text table: a page with its item's descriptive fields.
    struct TextRow {
        var pageID: Int64
        /// search_fts's columns in order; the first four (title, creator, subject, description) also
        /// go into search_description_fts.
        var values: [String]
    }

    static func store(_ item: CatalogItem, fondsTitle: String, in db: Database) throws {
        var rows: [TextRow] = []
        try store(item, fondsTitle: fondsTitle, in: db, textRows: &rows)
        try insert(rows, in: db)
    }

    /// Indexes the rows, and records the words they bring in the table of forms (`SearchForms`).
    static func insert(_ rows: [TextRow], in db: Database) throws {
        guard !rows.isEmpty else { return }
        // What the tokenizer met before (the text of deleted rows, which it reads again) is not new.
        try SearchForms.reset(db)
        let statement = try db.cachedStatement(sql: """
            INSERT INTO search_fts (rowid, title, creator, subject, description, fonds, date, body, identifier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in rows {
            var arguments: [(any DatabaseValueConvertible)?] = [row.pageID]
            for value in row.values { arguments.append(value) }
            try statement.execute(arguments: StatementArguments(arguments))
        }
        // The same pages' descriptive fields in their own index (v9), after the pages' rows: each
        // FTS5 table keeps the terms of its own rows in memory until the transaction writes them.
        let described = try db.cachedStatement(sql: """
            INSERT INTO search_description_fts (rowid, title, creator, subject, description) VALUES (?, ?, ?, ?, ?)
            """)
        for row in rows {
            try described.execute(arguments: [row.pageID, row.values[0], row.values[1], row.values[2], row.values[3]])
        }
        try SearchForms.store(db)
    }

    /// Writes the item's rows and hands back its full-text rows for the caller to insert. They are kept
    /// apart because every insert into a table with constraints opens a statement savepoint, at which
    /// FTS5 flushes the terms it holds in memory: text inserted between such statements is written as
    /// one tiny segment per page and merged over and over (measured: 3.5 s instead of 1.5 s for 10,000
    /// pages). Inserting the text of many items together keeps FTS5's bulk path.
    static func store(_ item: CatalogItem, fondsTitle: String, in db: Database, textRows: inout [TextRow]) throws {
        let dc = item.dublinCore
        let (start, end) = item.dateRange
        try db.cachedStatement(sql: "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM pages WHERE item_id = ?)").execute(arguments: [item.id])
        try db.cachedStatement(sql: "DELETE FROM search_description_fts WHERE rowid IN (SELECT id FROM pages WHERE item_id = ?)").execute(arguments: [item.id])
        try db.cachedStatement(sql: "DELETE FROM pages WHERE item_id = ?").execute(arguments: [item.id])
        try db.cachedStatement(sql: "DELETE FROM files WHERE item_id = ?").execute(arguments: [item.id])
        let dcJSON = CompactJSON.dublinCore(dc)
        try db.cachedStatement(sql: """
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
            """).execute(arguments: [item.id, item.fondsCode, item.headVersion, item.createdAt, item.updatedAt, dc.title, item.sortTitle,
                             jsonArray(dc["creator"]), jsonArray(dc["subject"]), dc["date"].first ?? "", start, end,
                             dc["type"].first ?? "", dc["description"].joined(separator: "\n"), dcJSON, item.pages.count, item.batchID,
                             (item.access?.state ?? .open).rawValue, item.access?.until, item.access?.reason,
                             item.access?.hideTitle == true ? 1 : 0, item.access?.decidedAt,
                             try item.access.map { String(decoding: try $0.encoded(), as: UTF8.self) }])
        for file in item.files {
            try db.cachedStatement(sql: """
                INSERT INTO files (item_id, logical_path, content_path, role, digest_algorithm, digest, size, format_name,
                                   pronom_id, mime_type, original_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [item.id, file.logicalPath, file.contentPath, file.role.rawValue, file.digestAlgorithm, file.digest,
                                 file.size, file.formatName, file.pronomID, file.mimeType, file.originalName])
        }
        let creator = dc["creator"].joined(separator: " ; ")
        let subject = dc["subject"].joined(separator: " ; ")
        let description = dc["description"].joined(separator: "\n")
        let date = dc["date"].joined(separator: " ")
        for page in item.pages {
            try db.cachedStatement(sql: """
                INSERT INTO pages (item_id, sequence, label, master_path, index_in_file, width, height, text_source, text_path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [item.id, page.sequence, page.label, page.masterPath, page.indexInFile, page.width, page.height,
                                 page.textSource, page.textPath])
            textRows.append(TextRow(pageID: db.lastInsertedRowID, values: [dc.title, creator, subject, description, fondsTitle, date, page.text, item.id]))
        }
        for event in item.events { try store(event, itemID: item.id, in: db) }
    }

    static func store(_ event: PremisEvent, itemID: String, in db: Database) throws {
        let agents = String(decoding: try JSONEncoder.sorted.encode(event.agents), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO events (identifier, item_id, object_path, type, date_time, outcome, detail, outcome_detail, agents)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(identifier) DO NOTHING
            """).execute(arguments: [event.identifier, itemID, event.objects.first { $0 != itemID }, event.type.rawValue, event.dateTime,
                             event.outcome.rawValue, event.detail, event.outcomeDetail, agents])
    }

    /// Records events that are not part of an archived version (fixity checks, quarantine outcomes).
    public func record(_ events: [PremisEvent], itemID: String) throws {
        try write { db in for event in events { try Self.store(event, itemID: itemID, in: db) } }
    }

    /// Records events of many items in one transaction (an audit of the whole archive).
    public func record(_ events: [(event: PremisEvent, itemID: String)]) throws {
        try write { db in for (event, itemID) in events { try Self.store(event, itemID: itemID, in: db) } }
    }

    public func recordQuarantine(_ entry: CatalogQuarantineEntry) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO quarantine (batch_id, item_id, original_path, quarantine_path, reason_code, reason, digest, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.batchID, entry.itemID, entry.originalPath, entry.quarantinePath, entry.reasonCode,
                                 entry.reason, entry.digest, entry.at])
        }
    }

    /// Marks quarantine entries as no longer pending.
    public func resolveQuarantine(_ ids: [Int64], as resolution: CatalogQuarantineEntry.Resolution, at: String) throws {
        guard !ids.isEmpty else { return }
        try write { db in
            for id in ids {
                try db.execute(sql: "UPDATE quarantine SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL",
                               arguments: [at, resolution.rawValue, id])
            }
        }
    }

    /// Marks items the archive no longer holds ("falta en el archivo"): kept in the catalog, never shown.
    public func markMissing(_ ids: [String], since: String) throws {
        try write { db in
            for id in ids { try db.execute(sql: "UPDATE items SET missing_since = COALESCE(missing_since, ?) WHERE id = ?", arguments: [since, id]) }
        }
    }

    /// Empties the derived tables, keeping batches and quarantine history.
    public func clearItems() throws {
        try write { db in try Self.clearItems(in: db) }
    }

    static func clearItems(in db: Database) throws {
        try db.execute(sql: "DELETE FROM search_fts")
        try db.execute(sql: "DELETE FROM search_description_fts")
        try db.execute(sql: "DELETE FROM search_forms")
        try db.execute(sql: "DELETE FROM pages")
        try db.execute(sql: "DELETE FROM files")
        // Every event comes back from the archive: those of a version from its METS, the others (fixity
        // checks, quarantine) from the objects' logs/ and the quarantine's register.
        try db.execute(sql: "DELETE FROM events")
        try db.execute(sql: "DELETE FROM items")
    }

    /// Replaces every item in one transaction (`memoria reindex`): `produce` hands items to `store`
    /// one by one. A run that fails or is stopped leaves the catalog exactly as it was, and one
    /// commit instead of one per item makes a rebuild of 100,000 pages take seconds, not minutes.
    public func replaceAllItems(quarantine: [CatalogQuarantineEntry]? = nil, events: [(event: PremisEvent, itemID: String)] = [],
                                _ produce: (_ store: (_ item: CatalogItem, _ fondsTitle: String) throws -> Void) throws -> Void) throws {
        try write { db in
            try Self.clearItems(in: db)
            if let quarantine {
                try db.execute(sql: "DELETE FROM quarantine")
                for entry in quarantine {
                    try db.execute(sql: """
                        INSERT INTO quarantine (batch_id, item_id, original_path, quarantine_path, reason_code, reason, digest, at, resolved_at, resolution)
                        VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [entry.itemID, entry.originalPath, entry.quarantinePath, entry.reasonCode, entry.reason, entry.digest,
                                         entry.at, entry.resolvedAt, entry.resolution?.rawValue])
                }
            }
            for (event, itemID) in events { try Self.store(event, itemID: itemID, in: db) }
            // FTS5 writes the terms it holds as a new segment whenever they pass 'hashsize' (1 MiB by
            // default) and merges segments as they pile up; a rebuild merges everything at the end
            // anyway, so it holds more (bench/fts-parts.sh: 10,000 pages in 2.1 s instead of 3.5 s).
            try db.execute(sql: "INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', \(Self.rebuildPendingTermBytes))")
            var rows: [TextRow] = []
            var pendingBytes = 0
            try produce { item, fondsTitle in
                do {
                    let before = rows.count
                    try Self.store(item, fondsTitle: fondsTitle, in: db, textRows: &rows)
                    for row in rows[before...] { pendingBytes += row.values.reduce(0) { $0 + $1.utf8.count } }
                    if pendingBytes >= Self.rebuildBatchTextBytes {
                        try Self.insert(rows, in: db)
                        rows.removeAll(keepingCapacity: true)
                        pendingBytes = 0
                    }
                } catch let error as DatabaseError {
                    throw error   // said by CatalogDatabase.write (a full disk stays a full disk)
                } catch {
                    throw CatalogError.query(reason: "storing \(item.id): \(error)")
                }
            }
            try Self.insert(rows, in: db)
            // One merged index instead of the segments of a bulk load: queries read one b-tree per
            // term (measured at 100,000 pages: see bench/README.md).
            try db.execute(sql: "INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            try db.execute(sql: "INSERT INTO search_description_fts (search_description_fts) VALUES ('optimize')")
            try db.execute(sql: "INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', \(Self.defaultPendingTermBytes))")
        }
    }

    /// What FTS5 may hold in memory during a rebuild before writing a segment (its default: 1 MiB).
    static let rebuildPendingTermBytes = 32 << 20
    static let defaultPendingTermBytes = 1 << 20
    /// Text gathered before it goes into the index together (items and pages are written meanwhile:
    /// each of those statements makes FTS5 write what it holds, so fewer, larger groups).
    static let rebuildBatchTextBytes = 24 << 20

    public func setSetting(_ key: String, _ value: String) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

    /// Every setting whose key starts with `prefix`, by key.
    public func settings(withPrefix prefix: String) throws -> [(key: String, value: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
                             arguments: [prefix.count, prefix]).map { (key: $0["key"], value: $0["value"]) }
        }
    }

    public func removeSetting(_ key: String) throws {
        try write { db in try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [key]) }
    }

    public func setting(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
    }

    static func jsonArray(_ values: [String]) -> String {
        CompactJSON.array(values)
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
