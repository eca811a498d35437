/// What an EAD3 finding aid of one fonds says: its classification chart, the archived items with the
/// unit each belongs to and the address of its page on the site, and who made the document and when.
public struct FindingAid: Sendable {
    public struct Item: Sendable, Equatable {
        public var id: String
        public var title: String
        public var date: String?
        public var unitCode: String?
        /// Absolute address of the item's page on the site (the `<dao>` link), when the site has one.
        public var pageURL: String?

        public init(id: String, title: String, date: String?, unitCode: String?, pageURL: String?) {
            self.id = id
            self.title = title
            self.date = date
            self.unitCode = unitCode
            self.pageURL = pageURL
        }
    }

    public var chart: ClassificationChart
    public var items: [Item]
    public var institution: String
    /// ISO 8601 date-time of the export (UTC, from the injected clock).
    public var created: String
    public var software: String

    public init(chart: ClassificationChart, items: [Item], institution: String, created: String, software: String) {
        self.chart = chart
        self.items = items
        self.institution = institution
        self.created = created
        self.software = software
    }
}
