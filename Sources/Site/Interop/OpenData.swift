import Catalog
import Foundation
import Metadata

/// The open data published with the site (datos/): the catalogue as CSV that spreadsheets open with
/// their accents (a UTF-8 byte order mark; `catalogo.csv` with `,`, `catalogo-excel.csv` with `;` for
/// Excel set to Spanish, which reads `,` as the decimal mark), and as JSON with typed values. Every
/// row carries the item's address (absolute when site.base_url is set).
enum OpenData {
    static let csvColumns = CatalogueDump.columns + ["url"]

    static func url(_ id: String, baseURL: String) -> String { baseURL + SiteContext.itemFolder(id) }

    /// The byte order mark and the column names, ended by CR LF.
    static func csvHeader(separator: String) -> String { "\u{FEFF}" + csvColumns.joined(separator: separator) + "\r\n" }

    /// - Parameter reusing: rows of unchanged items, copied from the dump already published (OpenDataRows).
    static func csv(_ items: [CatalogItemSummary], fondsTitles: [String: String], baseURL: String, excel: Bool,
                    reusing rows: OpenDataRows? = nil) -> Data {
        let separator = excel ? ";" : ","
        var out = Array(csvHeader(separator: separator).utf8)
        out.reserveCapacity(items.count * 400)
        var line = ""
        for item in items.sorted(by: { $0.id < $1.id }) {
            if let row = rows?.row(item.id) {
                out.append(contentsOf: row)
            } else {
                line.removeAll(keepingCapacity: true)
                let values = CatalogueDump.values(item, fondsTitle: fondsTitles[item.fondsCode] ?? item.fondsCode) + [url(item.id, baseURL: baseURL)]
                for (index, value) in values.enumerated() {
                    if index > 0 { line += separator }
                    line += CatalogueDump.cell(value, separator: separator)
                }
                out.append(contentsOf: line.utf8)
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return Data(out)
    }

    /// One object per item, one per line: repeatable elements as arrays, pages and version as numbers,
    /// the date as written in EDTF plus its first and last year as numbers (null when unknown),
    /// `updated` in ISO 8601.
    static func json(_ items: [CatalogItemSummary], fondsTitles: [String: String], baseURL: String,
                     reusing rows: OpenDataRows? = nil) -> Data {
        var out = Array("[\n".utf8)
        out.reserveCapacity(items.count * 600)
        let sorted = items.sorted { $0.id < $1.id }
        var object = ""
        for (index, item) in sorted.enumerated() {
            if let row = rows?.row(item.id) {
                out.append(contentsOf: row)
            } else {
                object.removeAll(keepingCapacity: true)
                appendObject(item, fondsTitle: fondsTitles[item.fondsCode] ?? item.fondsCode, baseURL: baseURL, to: &object)
                out.append(contentsOf: object.utf8)
            }
            out.append(contentsOf: index == sorted.count - 1 ? [0x0A] : [0x2C, 0x0A])
        }
        out.append(contentsOf: "]\n".utf8)
        return Data(out)
    }

    /// One item's object, its keys in sorted order (as ScriptJSON writes a dictionary), written
    /// field by field: boxing every value as `Any` made the dump a tenth of an incremental publish.
    static func appendObject(_ item: CatalogItemSummary, fondsTitle: String, baseURL: String, to out: inout String) {
        let dc = item.dublinCore
        out.append("{")
        func key(_ name: String, first: Bool = false) {
            if !first { out.append(",") }
            out.append("\"")
            out.append(name)
            out.append("\":")
        }
        func strings(_ name: String) {
            key(name)
            ScriptJSON.appendArray(dc[name], to: &out) { ScriptJSON.appendString($0, to: &$1) }
        }
        func year(_ value: Int?) { out.append(value.map(String.init) ?? "null") }
        key("creator", first: true); ScriptJSON.appendArray(dc["creator"], to: &out) { ScriptJSON.appendString($0, to: &$1) }
        key("date"); ScriptJSON.appendString(dc["date"].first ?? "", to: &out)
        strings("description")
        key("fonds"); ScriptJSON.appendString(fondsTitle, to: &out)
        key("fondsCode"); ScriptJSON.appendString(item.fondsCode, to: &out)
        strings("format")
        key("identifier"); ScriptJSON.appendString(item.id, to: &out)
        strings("language")
        key("pages"); out.append(String(item.pageCount))
        strings("rights")
        strings("source")
        strings("subject")
        key("title"); ScriptJSON.appendString(dc.title, to: &out)
        strings("type")
        key("updated"); ScriptJSON.appendString(item.updatedAt, to: &out)
        key("url"); ScriptJSON.appendString(url(item.id, baseURL: baseURL), to: &out)
        key("version"); out.append(String(item.headVersion))
        key("yearEnd"); year(item.dateEnd)
        key("yearStart"); year(item.dateStart)
        out.append("}")
    }
}
