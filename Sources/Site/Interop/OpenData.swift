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

    static func csv(_ items: [CatalogItemSummary], fondsTitles: [String: String], baseURL: String, excel: Bool) -> String {
        let separator = excel ? ";" : ","
        var lines = [csvColumns.joined(separator: separator)]
        for var row in CatalogueDump.rows(items, fondsTitles: fondsTitles) {
            row["url"] = url(row["identifier"] ?? "", baseURL: baseURL)
            lines.append(csvColumns.map { CatalogueDump.cell(row[$0] ?? "", separator: separator) }.joined(separator: separator))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One object per item, one per line: repeatable elements as arrays, pages and version as numbers,
    /// the date as written in EDTF plus its first and last year as numbers (null when unknown),
    /// `updated` in ISO 8601.
    static func json(_ items: [CatalogItemSummary], fondsTitles: [String: String], baseURL: String) -> Data {
        var out = "[\n"
        let sorted = items.sorted { $0.id < $1.id }
        for (index, item) in sorted.enumerated() {
            let dc = item.dublinCore
            var object: [String: Any] = [
                "identifier": item.id, "title": dc.title, "fonds": fondsTitles[item.fondsCode] ?? item.fondsCode, "fondsCode": item.fondsCode,
                "pages": item.pageCount, "version": item.headVersion, "updated": item.updatedAt, "url": url(item.id, baseURL: baseURL),
                "date": dc["date"].first ?? "",
            ]
            for element in ["creator", "subject", "description", "type", "format", "language", "rights", "source"] {
                object[element] = dc[element]
            }
            object["yearStart"] = item.dateStart.map { $0 as Any } ?? NSNull()
            object["yearEnd"] = item.dateEnd.map { $0 as Any } ?? NSNull()
            out += ScriptJSON.encode(object)
            out += index == sorted.count - 1 ? "\n" : ",\n"
        }
        return Data((out + "]\n").utf8)
    }
}
