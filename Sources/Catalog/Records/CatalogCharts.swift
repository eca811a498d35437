import Foundation
import GRDB
import Metadata

/// The classification charts in the catalog: one per fonds (the head version of its `<CODE>.cuadro`
/// object), its units as rows for queries, and the unit each item belongs to.
extension CatalogDatabase {
    /// A fonds' chart as the catalog holds it.
    public struct StoredChart: Sendable {
        public var fondsCode: String
        public var version: Int
        public var updatedAt: String
        public var chart: ClassificationChart

        public init(fondsCode: String, version: Int, updatedAt: String, chart: ClassificationChart) {
            self.fondsCode = fondsCode
            self.version = version
            self.updatedAt = updatedAt
            self.chart = chart
        }
    }

    /// Replaces a fonds' chart and its unit rows.
    public func storeChart(fondsCode: String, version: Int, updatedAt: String, chart: ClassificationChart) throws {
        try write { db in try Self.storeChart(fondsCode: fondsCode, version: version, updatedAt: updatedAt, chart: chart, in: db) }
    }

    static func storeChart(fondsCode: String, version: Int, updatedAt: String, chart: ClassificationChart, in db: Database) throws {
        try db.execute(sql: "DELETE FROM charts WHERE fonds_code = ?", arguments: [fondsCode])
        try db.execute(sql: "INSERT INTO charts (fonds_code, version, updated_at, chart_json) VALUES (?, ?, ?, ?)",
                       arguments: [fondsCode, version, updatedAt, String(decoding: chart.json(), as: UTF8.self)])
        for (position, unit) in chart.units.enumerated() {
            try db.execute(sql: "INSERT INTO units (fonds_code, code, position, parent_code, level, title, date) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [fondsCode, unit.code, position, unit.parentCode, unit.level.rawValue, unit.title, unit.date])
        }
    }

    /// Every chart, by fonds code.
    public func charts() throws -> [String: StoredChart] {
        try read { db in
            var result: [String: StoredChart] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT fonds_code, version, updated_at, chart_json FROM charts") {
                let json: String = row["chart_json"]
                let code: String = row["fonds_code"]
                result[code] = StoredChart(fondsCode: code, version: row["version"], updatedAt: row["updated_at"],
                                           chart: try ClassificationChart.decode(Array(json.utf8)))
            }
            return result
        }
    }

    public func chart(fondsCode: String) throws -> StoredChart? { try charts()[fondsCode] }

    /// Records (or clears) the unit an item belongs to.
    public func setItemUnit(itemID: String, fondsCode: String, unitCode: String?) throws {
        try write { db in try Self.setItemUnit(itemID: itemID, fondsCode: fondsCode, unitCode: unitCode, in: db) }
    }

    static func setItemUnit(itemID: String, fondsCode: String, unitCode: String?, in db: Database) throws {
        try db.execute(sql: "DELETE FROM item_units WHERE item_id = ?", arguments: [itemID])
        if let unitCode {
            try db.execute(sql: "INSERT INTO item_units (item_id, fonds_code, unit_code) VALUES (?, ?, ?)", arguments: [itemID, fondsCode, unitCode])
        }
    }

    /// The unit of each item that has one (item id → unit code).
    public func itemUnits() throws -> [String: String] {
        try read { db in
            var result: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT item_id, unit_code FROM item_units") { result[row["item_id"]] = row["unit_code"] }
            return result
        }
    }

    /// Rebuilds every chart and item unit at once (reindex): what is not given is gone.
    public func replaceCharts(_ charts: [StoredChart], itemUnits: [(itemID: String, fondsCode: String, unitCode: String)]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM item_units")
            try db.execute(sql: "DELETE FROM units")
            try db.execute(sql: "DELETE FROM charts")
            for stored in charts {
                try Self.storeChart(fondsCode: stored.fondsCode, version: stored.version, updatedAt: stored.updatedAt, chart: stored.chart, in: db)
            }
            for link in itemUnits { try Self.setItemUnit(itemID: link.itemID, fondsCode: link.fondsCode, unitCode: link.unitCode, in: db) }
        }
    }
}
