import Catalog
import Metadata

/// What an item is browsed and sorted by, the same on the static pages and in the search page's
/// facets: its decade and year (from the EDTF date), its DCMI type, its places (`dcterms.spatial`,
/// kept in Dublin Core's coverage; a coverage that is an EDTF date is a period, not a place).
enum BrowseValues {
    static func places(_ item: CatalogItemSummary) -> [String] {
        item.dublinCore["coverage"].filter { EDTFDate($0) == nil }
    }

    static func type(_ item: CatalogItemSummary) -> String? {
        item.dublinCore["type"].first { DublinCoreRecord.dcmiTypes.contains($0) }
    }

    /// The year, when the date names a single one (1954, 1954-03-14, 1955?); nil for decades and intervals.
    static func year(_ item: CatalogItemSummary) -> Int? {
        guard let start = item.dateStart, item.dateEnd == start else { return nil }
        return start
    }

    /// True when the date is marked uncertain (`?`) or approximate (`~`, `%`).
    static func isUncertain(_ item: CatalogItemSummary) -> Bool {
        guard let text = item.dublinCore["date"].first, let date = EDTFDate(text) else { return false }
        return date.uncertain || date.approximate
    }

    /// A number that orders items by date: YYYYMMDD of the earliest day the date can mean (a month
    /// or a year start at its first day); undated items last.
    static func dateKey(_ item: CatalogItemSummary) -> Int {
        guard let start = item.dateStart else { return 99_999_999 }
        let text = item.dublinCore["date"].first ?? ""
        let parts = text.split(separator: "/").first.map { $0.split(separator: "-").map { String($0.filter(\.isNumber)) } } ?? []
        let month = parts.count > 1 ? Int(parts[1]).flatMap { (1...12).contains($0) ? $0 : nil } ?? 0 : 0
        let day = parts.count > 2 && month > 0 ? Int(parts[2]) ?? 0 : 0
        return start * 10_000 + month * 100 + day
    }

    /// The items in date order (then by title), each date key computed once.
    static func sortedByDate(_ items: [CatalogItemSummary]) -> [CatalogItemSummary] {
        items.map { (dateKey($0), $0) }.sorted { ($0.0, $0.1.sortTitle, $0.1.id) < ($1.0, $1.1.sortTitle, $1.1.id) }.map(\.1)
    }
}
