import Metadata
import Catalog
import Foundation

/// `buscar/indice/meta.js`: what the search page filters, counts and sorts by, for every document.
/// Values are numbered once (`v`: types, subjects, creators, places), and each document (`d`, by its
/// number in the index) is `[fonds, first year, last year, type, [subjects], [creators], [places],
/// date key, title rank]`, with null for an unknown year or type or no value, a number for one value. Loaded once per visit, only when
/// a search shows facets or sorts by date or title.
struct SearchMeta {
    let fondsCodes: [String]
    private var tables: [String: [String: Int]] = ["tipo": [:], "tema": [:], "creador": [:], "lugar": [:]]
    private var docs: [(doc: Int, summary: CatalogItemSummary)] = []

    init(fondsCodes: [String]) { self.fondsCodes = fondsCodes }

    mutating func add(doc: Int, summary: CatalogItemSummary) { docs.append((doc, summary)) }

    private mutating func number(_ table: String, _ value: String) -> Int {
        if let known = tables[table]?[value] { return known }
        let next = tables[table]!.count
        tables[table]![value] = next
        return next
    }

    /// Written directly (boxing 10,000 rows in `[Any]` for ScriptJSON took most of an incremental publish).
    mutating func script() -> String {
        let ranks = Dictionary(uniqueKeysWithValues: docs.map(\.summary).sorted { ($0.sortTitle, $0.id) < ($1.sortTitle, $1.id) }
            .enumerated().map { ($1.id, $0) })
        func year(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        func list(_ numbers: [Int]) -> String {
            numbers.isEmpty ? "null" : numbers.count == 1 ? String(numbers[0]) : "[" + numbers.map(String.init).joined(separator: ",") + "]"
        }
        var rows: [String] = []
        rows.reserveCapacity(docs.count)
        for (doc, summary) in docs.sorted(by: { $0.doc < $1.doc }) {
            let dc = summary.dublinCore
            let type = BrowseValues.type(summary).map { String(number("tipo", $0)) } ?? "null"
            let subjects = Array(Set(dc["subject"])).sorted().map { number("tema", $0) }
            let creators = Array(Set(dc["creator"])).sorted().map { number("creador", $0) }
            let places = Array(Set(BrowseValues.places(summary))).sorted().map { number("lugar", $0) }
            let fonds = fondsCodes.firstIndex(of: summary.fondsCode) ?? -1
            rows.append("\"\(doc)\":[\(fonds),\(year(summary.dateStart)),\(year(summary.dateEnd)),\(type),\(list(subjects)),\(list(creators)),"
                        + "\(list(places)),\(BrowseValues.dateKey(summary)),\(ranks[summary.id] ?? 0)]")
        }
        var values: [String: Any] = [:]
        for (table, numbers) in tables {
            var names = [String](repeating: "", count: numbers.count)
            for (value, index) in numbers { names[index] = value }
            values[table] = names
        }
        // The types' labels in Spanish, in the same order.
        values["tipoNombre"] = (values["tipo"] as? [String] ?? []).map(Labels.typeName)
        return "Memoria.meta({\"v\":\(PageRenderer.scriptSafeJSON(values)),\"d\":{" + rows.joined(separator: ",") + "}});\n"
    }
}
