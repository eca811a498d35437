import Foundation
import GRDB
import Metadata

/// The figures of the director's dashboard (`memoria informe`), read from the catalog in one
/// transaction: growth by fonds and month, master formats, and the fixity audits over time.
public struct CatalogDashboardFigures: Sendable, Equatable {
    public struct Growth: Sendable, Equatable, Codable {
        public var fondsCode: String
        /// AAAA-MM of the item's first version (UTC, as the catalog records it).
        public var month: String
        public var items: Int
        public var pages: Int
        public var bytes: Int64
    }

    public struct Format: Sendable, Equatable, Codable {
        public var name: String
        /// PRONOM PUID (fmt/353), empty when none was identified.
        public var pronomID: String
        public var mimeType: String
        public var files: Int
        public var bytes: Int64
    }

    public struct Audit: Sendable, Equatable {
        /// When the audit ran (UTC record time; every event of one audit shares it).
        public var dateTime: String
        public var objectsChecked: Int
        public var objectsWithProblems: Int
    }

    public var growth: [Growth]
    public var formats: [Format]
    public var audits: [Audit]

    /// Growth and formats count every archived item and master file, and depend on nothing but the
    /// items and files tables: with the site stamp they were counted at (`siteInputStamp`, whose
    /// triggers see every change to those tables), a later dashboard whose stamp is the same reuses
    /// them. After a verify only the audits have changed (events are not counted by the stamp).
    public struct Holdings: Sendable, Equatable, Codable {
        public var stamp: String
        public var growth: [Growth]
        public var formats: [Format]
        /// Archived items, pages and the bytes of every file (as `counts()` gives them).
        public var items: Int
        public var pages: Int
        public var bytes: Int64
        /// Archived items by access state (raw value of `AccessDecision.State`), as `accessCounts()`.
        public var access: [String: Int]
    }
}

extension CatalogDatabase {
    public func dashboardFigures() throws -> CatalogDashboardFigures {
        try dashboardFigures(reusing: nil).figures
    }

    /// The figures, with growth and formats taken from `holdings` when the catalog's site stamp is
    /// still the one they were counted at (read in the same transaction), counted again otherwise;
    /// returns the holdings to keep for the next time.
    public func dashboardFigures(reusing holdings: CatalogDashboardFigures.Holdings?) throws
        -> (figures: CatalogDashboardFigures, holdings: CatalogDashboardFigures.Holdings) {
        try read { db in
            let stamp = try Self.siteInputStamp(db)
            let current = try holdings.flatMap { $0.stamp == stamp && !stamp.isEmpty ? $0 : nil } ?? Self.holdings(db, stamp: stamp)
            let audits = try Row.fetchAll(db, sql: """
                SELECT date_time, COUNT(DISTINCT item_id), COUNT(DISTINCT CASE WHEN outcome = 'failure' THEN item_id END)
                FROM events WHERE type = 'fixity check' GROUP BY date_time ORDER BY date_time
                """).map { row in
                CatalogDashboardFigures.Audit(dateTime: row[0], objectsChecked: row[1], objectsWithProblems: row[2])
            }
            return (CatalogDashboardFigures(growth: current.growth, formats: current.formats, audits: audits), current)
        }
    }

    /// Growth by fonds and month, the masters by format, and the archive's totals, counted.
    private static func holdings(_ db: Database, stamp: String) throws -> CatalogDashboardFigures.Holdings {
        let growth = try Row.fetchAll(db, sql: """
            SELECT i.fonds_code, substr(i.created_at, 1, 7), COUNT(*), COALESCE(SUM(i.page_count), 0),
                   COALESCE(SUM((SELECT COALESCE(SUM(f.size), 0) FROM files f WHERE f.item_id = i.id)), 0)
            FROM items i WHERE i.status = 'archived' GROUP BY 1, 2 ORDER BY 2, 1
            """).map { row in
            CatalogDashboardFigures.Growth(fondsCode: row[0], month: row[1], items: row[2], pages: row[3], bytes: row[4])
        }
        let formats = try Row.fetchAll(db, sql: """
            SELECT format_name, COALESCE(pronom_id, ''), mime_type, COUNT(*), COALESCE(SUM(size), 0)
            FROM files WHERE role = 'master' GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1
            """).map { row in
            CatalogDashboardFigures.Format(name: row[0], pronomID: row[1], mimeType: row[2], files: row[3], bytes: row[4])
        }
        var access: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT access, COUNT(*) FROM items WHERE status = 'archived' GROUP BY access") {
            access[AccessDecision.State(rawValue: row[0])?.rawValue ?? AccessDecision.State.open.rawValue, default: 0] += row[1] as Int
        }
        return CatalogDashboardFigures.Holdings(
            stamp: stamp, growth: growth, formats: formats,
            items: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items WHERE status = 'archived'") ?? 0,
            pages: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pages") ?? 0,
            bytes: try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM files") ?? 0,
            access: access)
    }
}
