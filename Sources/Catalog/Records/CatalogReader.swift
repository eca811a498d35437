import Foundation
import GRDB
import Metadata

/// Reads the catalog back as plain values (for the site, status, export and tests).
extension CatalogDatabase {
    public func fonds() throws -> [CatalogFonds] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT code, slug, title, description FROM fonds ORDER BY title").map {
                CatalogFonds(code: $0["code"], slug: $0["slug"], title: $0["title"], description: $0["description"])
            }
        }
    }

    /// Identifiers of archived items, sorted.
    public func itemIDs(fondsCode: String? = nil) throws -> [String] {
        try read { db in
            if let fondsCode {
                return try String.fetchAll(db, sql: "SELECT id FROM items WHERE status = 'archived' AND fonds_code = ? ORDER BY id", arguments: [fondsCode])
            }
            return try String.fetchAll(db, sql: "SELECT id FROM items WHERE status = 'archived' ORDER BY id")
        }
    }

    /// One item with its files, pages (and their text) and events; nil when unknown.
    public func item(_ id: String) throws -> CatalogItem? {
        try read { db in try Self.item(id, in: db) }
    }

    static func item(_ id: String, in db: Database) throws -> CatalogItem? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM items WHERE id = ?", arguments: [id]) else { return nil }
        let dc = try JSONDecoder().decode(DublinCoreRecord.self, from: Data((row["dublin_core"] as String).utf8))
        let files = try Row.fetchAll(db, sql: "SELECT * FROM files WHERE item_id = ? ORDER BY role, logical_path", arguments: [id]).map {
            CatalogItem.File(logicalPath: $0["logical_path"], contentPath: $0["content_path"],
                             role: CatalogItem.File.Role(rawValue: $0["role"]) ?? .master, digestAlgorithm: $0["digest_algorithm"],
                             digest: $0["digest"], size: $0["size"], formatName: $0["format_name"], pronomID: $0["pronom_id"],
                             mimeType: $0["mime_type"], originalName: $0["original_name"])
        }
        let pages = try Row.fetchAll(db, sql: """
            SELECT p.*, f.body AS body FROM pages p LEFT JOIN search_fts f ON f.rowid = p.id
            WHERE p.item_id = ? ORDER BY p.sequence
            """, arguments: [id]).map {
            CatalogItem.Page(sequence: $0["sequence"], label: $0["label"], masterPath: $0["master_path"],
                             indexInFile: $0["index_in_file"], width: $0["width"], height: $0["height"],
                             textSource: $0["text_source"], textPath: $0["text_path"], text: $0["body"] ?? "")
        }
        let events = try Row.fetchAll(db, sql: "SELECT * FROM events WHERE item_id = ? ORDER BY date_time, id", arguments: [id]).map { r -> PremisEvent in
            let agents = (try? JSONDecoder().decode([PremisEvent.LinkedAgent].self, from: Data((r["agents"] as String).utf8))) ?? []
            let objectPath: String? = r["object_path"]
            return PremisEvent(identifier: r["identifier"], type: PremisEventType(rawValue: r["type"]) ?? .validation,
                               dateTime: r["date_time"], detail: r["detail"], outcome: PremisOutcome(rawValue: r["outcome"]) ?? .success,
                               outcomeDetail: r["outcome_detail"], agents: agents, objects: objectPath.map { [$0] } ?? [id])
        }
        let accessJSON: String? = row["access_json"]
        let access = try accessJSON.map { try AccessDecision.decode(Array($0.utf8)) }
        return CatalogItem(id: id, fondsCode: row["fonds_code"], headVersion: row["head_version"], createdAt: row["created_at"],
                           updatedAt: row["updated_at"], dublinCore: dc, batchID: row["batch_id"], files: files, pages: pages, events: events,
                           access: access)
    }

    /// Which item already holds a master with this digest (for duplicate detection).
    public func itemHoldingMaster(digest: String) throws -> (itemID: String, logicalPath: String)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT item_id, logical_path FROM files WHERE digest = ? AND role = 'master' LIMIT 1",
                             arguments: [digest]).map { ($0["item_id"], $0["logical_path"]) }
        }
    }

    /// Counts for `memoria status`.
    public func counts() throws -> (items: Int, pages: Int, files: Int, bytes: Int64, quarantined: Int, events: Int) {
        try read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items WHERE status = 'archived'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pages") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM files") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0)
        }
    }

    /// Whether an earlier run started this batch folder (whatever became of it).
    public func hasBatch(fondsSlug: String, name: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM batches WHERE fonds_slug = ? AND name = ?)", arguments: [fondsSlug, name]) ?? false
        }
    }

    /// Recent batches, newest first.
    public func batches(limit: Int = 20) throws -> [(id: Int64, fonds: String, name: String, started: String, finished: String?, status: String, report: String?)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM batches ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                ($0["id"], $0["fonds_slug"], $0["name"], $0["started_at"], $0["finished_at"], $0["status"], $0["report_path"])
            }
        }
    }

    /// Items per fonds code.
    public func itemCountsByFonds() throws -> [String: Int] {
        try read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT fonds_code, COUNT(*) AS n FROM items WHERE status = 'archived' GROUP BY fonds_code") {
                result[row["fonds_code"]] = row["n"]
            }
            return result
        }
    }

    /// Quarantine entries still pending, of one item or under one folder of the quarantine
    /// (`fonds/batch/`), oldest first.
    public func pendingQuarantine(itemID: String? = nil, under folder: String? = nil) throws -> [CatalogQuarantineEntry] {
        try read { db in
            var sql = "SELECT * FROM quarantine WHERE resolved_at IS NULL"
            var arguments: [DatabaseValueConvertible] = []
            if let itemID { sql += " AND item_id = ?"; arguments.append(itemID) }
            if let folder { sql += " AND substr(quarantine_path, 1, ?) = ?"; arguments += [folder.count, folder] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: StatementArguments(arguments)).map(Self.quarantineEntry)
        }
    }

    /// Every quarantine entry (for `status`: by fonds, by reason, pending or resolved).
    public func quarantineEntries() throws -> [CatalogQuarantineEntry] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM quarantine ORDER BY id").map(Self.quarantineEntry) }
    }

    static func quarantineEntry(_ row: Row) -> CatalogQuarantineEntry {
        CatalogQuarantineEntry(id: row["id"], batchID: row["batch_id"], itemID: row["item_id"], originalPath: row["original_path"],
                               quarantinePath: row["quarantine_path"], reasonCode: row["reason_code"], reason: row["reason"],
                               digest: row["digest"], at: row["at"], resolvedAt: row["resolved_at"],
                               resolution: (row["resolution"] as String?).flatMap(CatalogQuarantineEntry.Resolution.init(rawValue:)))
    }
}
