import Foundation
import Metadata

/// A catalogue dump for spreadsheets and scripts (also published with the site). Cells that a
/// spreadsheet would run as formulas (=, +, -, @, tab, CR first) are prefixed with an apostrophe.
public enum CatalogueDump {
    public static let columns = ["identifier", "title", "creator", "subject", "description", "date", "type", "format", "language",
                                 "rights", "source", "fonds", "pages", "version", "updated"]

    public static func rows(_ catalog: CatalogDatabase) throws -> [[String: String]] {
        let fonds = Dictionary(uniqueKeysWithValues: try catalog.fonds().map { ($0.code, $0.title) })
        return rows(try catalog.itemSummaries(), fondsTitles: fonds)
    }

    public static func rows(_ items: [CatalogItemSummary], fondsTitles fonds: [String: String]) -> [[String: String]] {
        items.sorted { $0.id < $1.id }.map { Dictionary(uniqueKeysWithValues: zip(columns, values($0, fondsTitle: fonds[$0.fondsCode] ?? $0.fondsCode))) }
    }

    /// One item's cells, in the order of `columns` (repeated elements joined by « | »).
    public static func values(_ item: CatalogItemSummary, fondsTitle: String) -> [String] {
        let dc = item.dublinCore
        return [item.id, dc.title, dc["creator"].joined(separator: " | "), dc["subject"].joined(separator: " | "),
                dc["description"].joined(separator: " | "), dc["date"].joined(separator: " | "), dc["type"].joined(separator: " | "),
                dc["format"].joined(separator: " | "), dc["language"].joined(separator: " | "), dc["rights"].joined(separator: " | "),
                dc["source"].joined(separator: " | "), fondsTitle, String(item.pageCount), "v\(item.headVersion)", item.updatedAt]
    }

    /// RFC 4180 CSV. `forExcel`: a UTF-8 byte order mark and `;` between cells, as Excel in a
    /// Spanish locale expects (otherwise it shows accents garbled and everything in one column).
    public static func csv(_ rows: [[String: String]], forExcel: Bool = false) -> String {
        let separator = forExcel ? ";" : ","
        var lines = [columns.joined(separator: separator)]
        for row in rows { lines.append(columns.map { cell(row[$0] ?? "", separator: separator) }.joined(separator: separator)) }
        return (forExcel ? "\u{FEFF}" : "") + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One CSV cell: neutralised against formula injection, then quoted when needed.
    public static func cell(_ raw: String, separator: String = ",") -> String {
        var value = raw
        if let first = value.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first) { value = "'" + value }   // = + - @ tab CR
        let separatorByte = separator.utf8.first ?? 0x2C
        guard value.utf8.contains(where: { $0 == separatorByte || $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A JSON array with one object per line, keys sorted.
    public static func json(_ rows: [[String: String]]) -> Data {
        var out = "[\n"
        let sortedColumns = columns.sorted()
        for (index, row) in rows.enumerated() {
            out += "{"
            let keys = row.count == sortedColumns.count && sortedColumns.allSatisfy({ row[$0] != nil }) ? sortedColumns : row.keys.sorted()
            for (k, key) in keys.enumerated() {
                if k > 0 { out += "," }
                CompactJSON.append(key, to: &out)
                out += ":"
                CompactJSON.append(row[key]!, to: &out)
            }
            out += index == rows.count - 1 ? "}\n" : "},\n"
        }
        return Data((out + "]\n").utf8)
    }
}
