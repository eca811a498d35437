/// Names the report shows instead of bare identifiers: item titles and their fonds (from the
/// catalog, when there is one), fonds titles (from pipeline.yaml).
public struct ReportLabels: Sendable {
    public struct Item: Sendable {
        public var title: String
        public var fondsSlug: String
        public init(title: String, fondsSlug: String) { self.title = title; self.fondsSlug = fondsSlug }
    }

    public var siteTitle: String
    public var items: [String: Item]
    /// Fonds slug → title, in the order the report lists fonds with equal counts.
    public var fondsTitles: [String: String]
    /// Fonds code → slug, to place an item the catalog does not know by its identifier's prefix (BSH-0001).
    public var fondsByCode: [String: String]

    public init(siteTitle: String, items: [String: Item] = [:], fondsTitles: [String: String] = [:], fondsByCode: [String: String] = [:]) {
        self.siteTitle = siteTitle
        self.items = items
        self.fondsTitles = fondsTitles
        self.fondsByCode = fondsByCode
    }

    func fonds(ofItem id: String) -> String? {
        if let known = items[id] { return known.fondsSlug }
        guard let dash = id.firstIndex(of: "-") else { return nil }
        return fondsByCode[String(id[..<dash])]
    }
}
