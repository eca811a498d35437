@testable import Catalog
import Foundation
import Metadata
@testable import Site
import Testing

/// The open-data JSON is written field by field: it must equal, byte for byte, the same objects
/// written through ScriptJSON's dictionary path (sorted keys, script-safe escapes, typed values).
@Suite struct OpenDataWriterTests {
    static func item(_ id: String, _ values: [String: [String]], start: Int?, end: Int?, pages: Int) throws -> CatalogItemSummary {
        var record = DublinCoreRecord()
        for (element, list) in values { record[element] = list }
        return CatalogItemSummary(id: id, fondsCode: "JHD", title: record.title, sortTitle: record.title.lowercased(), dublinCore: record,
                                  dateStart: start, dateEnd: end, pageCount: pages, headVersion: 3, createdAt: "2026-11-01T10:00:00Z",
                                  updatedAt: "2026-12-01T21:27:29Z")
    }

    /// The objects as the dictionary path writes them (what the dump was before it was written by hand).
    static func reference(_ items: [CatalogItemSummary], fondsTitles: [String: String], baseURL: String) -> String {
        var out = "[\n"
        let sorted = items.sorted { $0.id < $1.id }
        for (index, item) in sorted.enumerated() {
            let dc = item.dublinCore
            var object: [String: Any] = [
                "identifier": item.id, "title": dc.title, "fonds": fondsTitles[item.fondsCode] ?? item.fondsCode, "fondsCode": item.fondsCode,
                "pages": item.pageCount, "version": item.headVersion, "updated": item.updatedAt, "url": OpenData.url(item.id, baseURL: baseURL),
                "date": dc["date"].first ?? "",
            ]
            for element in ["creator", "subject", "description", "type", "format", "language", "rights", "source"] { object[element] = dc[element] }
            object["yearStart"] = item.dateStart.map { $0 as Any } ?? NSNull()
            object["yearEnd"] = item.dateEnd.map { $0 as Any } ?? NSNull()
            out += ScriptJSON.encode(object)
            out += index == sorted.count - 1 ? "\n" : ",\n"
        }
        return out + "]\n"
    }

    /// The CSV as it was written from the dump's rows (dictionaries by column).
    static func referenceCSV(_ items: [CatalogItemSummary], fondsTitles: [String: String], baseURL: String, excel: Bool) -> String {
        let separator = excel ? ";" : ","
        var lines = [OpenData.csvColumns.joined(separator: separator)]
        for var row in CatalogueDump.rows(items, fondsTitles: fondsTitles) {
            row["url"] = OpenData.url(row["identifier"] ?? "", baseURL: baseURL)
            lines.append(OpenData.csvColumns.map { CatalogueDump.cell(row[$0] ?? "", separator: separator) }.joined(separator: separator))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    @Test func theHandWrittenDumpEqualsTheDictionaryPath() throws {
        let items = [
            try Self.item("JHD-0002", ["title": ["<script>alert(\"x\")</script> & \u{2028}fin"], "creator": ["Hernández, José", "Anónimo"],
                                       "subject": ["Pruebas de seguridad"], "date": ["195X"], "rights": ["=HYPERLINK(\"x\")"],
                                       "description": ["línea\nsegunda\ttab \\ barra"]], start: 1950, end: 1959, pages: 2),
            try Self.item("JHD-0001", ["title": ["Grabado"], "type": ["Imagen"], "format": ["image/tiff"], "language": ["spa"],
                                       "source": ["Fondo JHD"]], start: nil, end: nil, pages: 1),
        ]
        let titles = ["JHD": "José Hernández Delgadillo"]
        for base in ["", "https://memoria.example.org/archivo/"] {
            let written = String(decoding: OpenData.json(items, fondsTitles: titles, baseURL: base), as: UTF8.self)
            #expect(written == Self.reference(items, fondsTitles: titles, baseURL: base))
            #expect(try JSONSerialization.jsonObject(with: Data(written.utf8)) is [Any])
            for excel in [false, true] {
                #expect(String(decoding: OpenData.csv(items, fondsTitles: titles, baseURL: base, excel: excel), as: UTF8.self)
                        == Self.referenceCSV(items, fondsTitles: titles, baseURL: base, excel: excel))
                #expect(String(decoding: OpenData.csv([], fondsTitles: titles, baseURL: base, excel: excel), as: UTF8.self)
                        == Self.referenceCSV([], fondsTitles: titles, baseURL: base, excel: excel))
            }
        }
        #expect(String(decoding: OpenData.json([], fondsTitles: titles, baseURL: ""), as: UTF8.self) == Self.reference([], fondsTitles: titles, baseURL: ""))
    }

    /// An incremental publish copies the rows of unchanged items from the dumps in the site: the result
    /// must be the dump written anew, with cells that hold quotes, separators and line breaks (a CR LF
    /// inside a quoted cell is not the end of a row); a dump that is not the one written for those
    /// items is not read at all.
    @Test func rowsCopiedFromThePublishedDumpGiveTheDumpWrittenAnew() throws {
        func items(_ title: String) throws -> [CatalogItemSummary] {
            [try Self.item("JHD-0001", ["title": ["Grabado, \"primero\"; uno"], "description": ["dos\r\nlíneas; y \"comillas\""]], start: nil, end: nil, pages: 1),
             try Self.item("JHD-0002", ["title": [title], "rights": ["=HYPERLINK(\"x\")"]], start: 1950, end: 1959, pages: 2),
             try Self.item("JHD-0003", ["title": ["Tercero\n\"x\""], "subject": ["a", "b"]], start: 1901, end: 1901, pages: 3)]
        }
        let titles = ["JHD": "José Hernández Delgadillo"]
        let before = try items("Antes"), after = try items("Después, \"corregido\"")
        let ids = before.map(\.id)
        let unchanged: (String) -> Bool = { $0 != "JHD-0002" }
        for excel in [false, true] {
            let old = OpenData.csv(before, fondsTitles: titles, baseURL: "", excel: excel)
            let rows = try #require(OpenDataRows.csv(old, ids: ids, excel: excel, reused: unchanged))
            #expect(rows.row("JHD-0002") == nil && rows.row("JHD-0001") != nil && rows.row("JHD-0003") != nil)
            #expect(OpenData.csv(after, fondsTitles: titles, baseURL: "", excel: excel, reusing: rows)
                    == OpenData.csv(after, fondsTitles: titles, baseURL: "", excel: excel))
            #expect(OpenDataRows.csv(old, ids: ["JHD-0001", "JHD-0003"], excel: excel, reused: unchanged) == nil, "a row for an item not named")
            #expect(OpenDataRows.csv(old, ids: ids, excel: !excel, reused: unchanged) == nil, "the other separator")
        }
        let old = OpenData.json(before, fondsTitles: titles, baseURL: "")
        let rows = try #require(OpenDataRows.json(old, ids: ids, reused: unchanged))
        #expect(OpenData.json(after, fondsTitles: titles, baseURL: "", reusing: rows) == OpenData.json(after, fondsTitles: titles, baseURL: ""))
        #expect(OpenDataRows.json(old, ids: ["JHD-0001", "JHD-0002", "JHD-0004"], reused: unchanged) == nil, "another identifier")
        #expect(OpenDataRows.json(old, ids: ids + ["JHD-0009"], reused: unchanged) == nil, "one row fewer than items")
        #expect(OpenDataRows.json(Data("[\n]\n".utf8), ids: [], reused: unchanged) != nil)
    }
}
