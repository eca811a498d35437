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

    static func store(_ item: CatalogItem, fondsTitle: String, in db: Database) throws {
        var rows: [CatalogTextRow] = []
        try store(item, fondsTitle: fondsTitle, in: db, with: CatalogItemStatements(db), textRows: &rows)
        try insert(rows, in: db)
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
        // (the index of the descriptive fields first: it reads its text from search_fts, v11)
        try db.execute(sql: "INSERT INTO search_description_fts (search_description_fts) VALUES ('delete-all')")
        try db.execute(sql: "DELETE FROM search_fts")
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
        try writeWithJournalsInMemory { db in
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
            try SearchIndexBulkLoad.begin(db)
            var rows: [CatalogTextRow] = []
            var pendingBytes = 0
            let statements = try CatalogItemStatements(db)
            // The tables were emptied above: an item met for the first time has no earlier rows to
            // delete (one met again, which no archive should give, is replaced as `store` replaces it).
            var stored = Set<String>()
            try produce { item, fondsTitle in
                do {
                    let before = rows.count
                    let absent = stored.insert(item.id).inserted
                    try Self.store(item, fondsTitle: fondsTitle, in: db, with: statements, absent: absent, textRows: &rows)
                    for row in rows[before...] { pendingBytes += row.textBytes }
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
            try SearchIndexBulkLoad.finish(db)
        }
    }

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
