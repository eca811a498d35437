import Foundation
import GRDB
import Metadata

/// What a list page or the search index needs of an item, read for every item in one query.
public struct CatalogItemSummary: Sendable, Equatable {
    public var id: String
    public var fondsCode: String
    public var title: String
    public var sortTitle: String
    public var dublinCore: DublinCoreRecord
    public var dateStart: Int?
    public var dateEnd: Int?
    public var pageCount: Int
    public var headVersion: Int
    public var createdAt: String
    public var updatedAt: String
    /// The access decision in force (public when the object holds none).
    public var access: AccessDecision.State = .open
    public var accessUntil: String? = nil
    public var accessHideTitle = false
    /// When the decision was taken (ISO 8601 UTC), for the withdrawal notice.
    public var accessDecidedAt: String? = nil
    /// The archive no longer holds the object ("falta en el archivo"): kept in the catalog, never published.
    public var missing = false

    /// True when the public site shows the item on `day` (AAAA-MM-DD, local).
    public func isPublished(on day: String) -> Bool {
        guard !missing else { return false }
        switch access {
        case .open: return true
        case .embargoed: return accessUntil.map { $0 <= day } ?? false
        case .restricted, .withdrawn: return false
        }
    }
}

extension CatalogDatabase {
    /// Every catalogued item's head version, by identifier, in one query (what an ingest compares
    /// with the archive's inventories at start; reading each item whole made it linear in the catalog).
    public func headVersions() throws -> [String: Int] {
        try read { db in
            var versions: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, head_version FROM items")
            while let row = try rows.next() {
                let id: String = row["id"]
                let head: Int = row["head_version"]
                versions[id] = head
            }
            return versions
        }
    }

    /// Every archived item, sorted by fonds and title, whatever its access (the site keeps the published
    /// ones with `isPublished(on:)`; export and status need them all).
    public func itemSummaries() throws -> [CatalogItemSummary] {
        try read { db in
            let decoder = JSONDecoder()
            return try Row.fetchAll(db, sql: """
                SELECT id, fonds_code, title, sort_title, dublin_core, date_start, date_end, page_count, head_version, created_at, updated_at,
                       access, access_until, access_hide_title, access_at, missing_since
                FROM items WHERE status = 'archived' ORDER BY fonds_code, sort_title, id
                """).map { row in
                // Columns by position (the SELECT above): looking each up by name cost a tenth of a publish.
                CatalogItemSummary(id: row[0], fondsCode: row[1], title: row[2], sortTitle: row[3],
                                   dublinCore: Self.dublinCore(row[4], decoder: decoder),
                                   dateStart: row[5], dateEnd: row[6], pageCount: row[7],
                                   headVersion: row[8], createdAt: row[9], updatedAt: row[10],
                                   access: AccessDecision.State(rawValue: row[11]) ?? .open, accessUntil: row[12],
                                   accessHideTitle: (row[13] as Int? ?? 0) != 0, accessDecidedAt: row[14],
                                   missing: (row[15] as String?) != nil)
            }
        }
    }

    /// The stored record, read by the fast reader; JSONDecoder for anything it does not expect.
    static func dublinCore(_ json: String, decoder: JSONDecoder) -> DublinCoreRecord {
        CompactJSON.readDublinCore(json) ?? (try? decoder.decode(DublinCoreRecord.self, from: Data(json.utf8))) ?? DublinCoreRecord()
    }

    /// The pages (with their text) of the given items, in page order.
    public func pages(of itemIDs: [String]) throws -> [String: [CatalogItem.Page]] {
        var result: [String: [CatalogItem.Page]] = [:]
        for chunk in stride(from: 0, to: itemIDs.count, by: 500).map({ Array(itemIDs[$0..<min($0 + 500, itemIDs.count)]) }) {
            try read { db in
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT p.item_id, p.sequence, p.label, p.master_path, p.index_in_file, p.width, p.height, p.text_source, p.text_path, f.body
                    FROM pages p LEFT JOIN search_fts f ON f.rowid = p.id WHERE p.item_id IN (\(marks)) ORDER BY p.item_id, p.sequence
                    """, arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    result[row["item_id"], default: []].append(CatalogItem.Page(
                        sequence: row["sequence"], label: row["label"], masterPath: row["master_path"], indexInFile: row["index_in_file"],
                        width: row["width"], height: row["height"], textSource: row["text_source"], textPath: row["text_path"],
                        text: row["body"] ?? ""))
                }
            }
        }
        return result
    }
}

extension CatalogDatabase {
    /// For every item, its pages' master file and image index, in page order (to match derivatives).
    public func pageMasters() throws -> [String: [(sequence: Int, masterPath: String, indexInFile: Int)]] {
        try read { db in
            var result: [String: [(sequence: Int, masterPath: String, indexInFile: Int)]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT item_id, sequence, master_path, index_in_file FROM pages ORDER BY item_id, sequence")
            while let row = try rows.next() { result[row["item_id"], default: []].append((row["sequence"], row["master_path"], row["index_in_file"])) }
            return result
        }
    }

    /// Where the given items' files are stored in the archive: content paths (inside each item's
    /// object) by logical path.
    public func contentPaths(of itemIDs: [String]) throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for chunk in stride(from: 0, to: itemIDs.count, by: 500).map({ Array(itemIDs[$0..<min($0 + 500, itemIDs.count)]) }) {
            try read { db in
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: "SELECT item_id, logical_path, content_path FROM files WHERE item_id IN (\(marks))",
                                               arguments: StatementArguments(chunk))
                while let row = try rows.next() { result[row["item_id"], default: [:]][row["logical_path"]] = row["content_path"] }
            }
        }
        return result
    }

    /// For every item, where its metadata files are stored in the archive (content paths by logical path).
    public func metadataContentPaths() throws -> [String: [String: String]] { try contentPaths(role: .metadata) }

    /// For every item, where its text files (transcriptions, ALTO, hOCR, OCR) are stored in the archive.
    public func textContentPaths() throws -> [String: [String: String]] { try contentPaths(role: .text) }

    private func contentPaths(role: CatalogItem.File.Role) throws -> [String: [String: String]] {
        try read { db in
            var result: [String: [String: String]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT item_id, logical_path, content_path FROM files WHERE role = ?", arguments: [role.rawValue])
            while let row = try rows.next() { result[row["item_id"], default: [:]][row["logical_path"]] = row["content_path"] }
            return result
        }
    }
}
