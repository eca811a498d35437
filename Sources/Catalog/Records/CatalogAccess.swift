import Foundation
import GRDB
import Metadata

/// An item's access as the catalog indexes it (from the object's metadata/access.json), and whether
/// the archive still holds it.
public struct CatalogAccess: Sendable, Equatable {
    public var state: AccessDecision.State
    public var until: String?
    public var missing: Bool

    /// Why the public site does not show it on `day`, in Spanish; nil when it does.
    public func notPublicLabel(on day: String) -> String? {
        if missing { return "falta en el archivo" }
        switch state {
        case .open: return nil
        case .embargoed: return until.map { $0 <= day } == true ? nil : "en embargo hasta \(until ?? "?")"
        case .restricted, .withdrawn: return state.label
        }
    }
}

extension CatalogDatabase {
    /// The access of the given items (those the catalog does not know are absent).
    public func access(of itemIDs: [String]) throws -> [String: CatalogAccess] {
        var result: [String: CatalogAccess] = [:]
        for chunk in stride(from: 0, to: itemIDs.count, by: 500).map({ Array(itemIDs[$0..<min($0 + 500, itemIDs.count)]) }) {
            try read { db in
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT id, access, access_until, missing_since FROM items WHERE id IN (\(marks))",
                                            arguments: StatementArguments(chunk)) {
                    result[row[0]] = CatalogAccess(state: AccessDecision.State(rawValue: row[1]) ?? .open, until: row[2],
                                                   missing: (row[3] as String?) != nil)
                }
            }
        }
        return result
    }

    /// Items the archive no longer holds, with the time reindex first missed them.
    public func missingItems() throws -> [(id: String, since: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, missing_since FROM items WHERE missing_since IS NOT NULL ORDER BY id").map { ($0[0], $0[1]) }
        }
    }

    /// How many items are in each access state (public ones included), for `memoria status`.
    public func accessCounts() throws -> [AccessDecision.State: Int] {
        try read { db in
            var counts: [AccessDecision.State: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT access, COUNT(*) FROM items WHERE status = 'archived' GROUP BY access") {
                counts[AccessDecision.State(rawValue: row[0]) ?? .open, default: 0] += row[1] as Int
            }
            return counts
        }
    }
}

extension CatalogDatabase {
    /// Every event the catalog holds, one line each (identifier, item, type, time, outcome, details,
    /// agents), sorted: what `memoria reindex` must give back one for one from the archive.
    public func eventLines() throws -> [String] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT identifier, item_id, type, date_time, outcome, detail, outcome_detail, agents FROM events ORDER BY identifier
                """).map { row in (0..<8).map { (row[$0] as String?) ?? "" }.joined(separator: " | ") }
        }
    }
}
