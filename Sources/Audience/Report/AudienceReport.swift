import Foundation

/// The report of the closed days of a period (every year in the state, or one year): the
/// institution's indicators by year, month and day, and the curators' tables. Built from the state
/// alone, so it can always be written again; it is what the HTML, the CSV files and `--json` show.
public struct AudienceReport: Codable, Sendable {
    public struct Period: Codable, Sendable {
        /// "2026", "2026-11" or "2026-11-05".
        public var key: String
        public var days: Int
        public var figures: DayFigures
    }

    public struct Document: Codable, Sendable {
        public var id: String
        public var title: String
        public var fonds: String
        public var views: Int
        public var pageImages: Int
        public var downloads: Int
    }

    public struct Fonds: Codable, Sendable {
        public var slug: String
        public var title: String
        public var pageViews: Int
        public var itemViews: Int
        public var total: Int { pageViews + itemViews }
    }

    public struct Download: Codable, Sendable {
        public var path: String
        public var kind: DownloadKind
        public var count: Int
    }

    public struct Count: Codable, Sendable {
        public var name: String
        public var count: Int
    }

    public struct BrokenLink: Codable, Sendable {
        public var path: String
        public var from: String
        public var count: Int
    }

    public var siteTitle: String
    /// When the report was made (ISO 8601, UTC) and the same in the reader's local time, in words.
    public var generated: String
    public var generatedLocal: String
    /// The year shown, or nil for every year in the state.
    public var year: Int?
    public var firstDay: String?
    public var lastDay: String?
    public var total: DayFigures
    public var years: [Period]
    public var months: [Period]
    public var days: [Period]
    public var documents: [Document]
    public var fonds: [Fonds]
    public var downloadKinds: [Count]
    public var downloads: [Download]
    public var entryPages: [Count]
    public var referrers: [Count]
    public var brokenLinks: [BrokenLink]
    /// Lines found after their day had been closed, over every run (not counted).
    public var lateLines: Int

    public init(state: ReadState, labels: ReportLabels, year: Int?, now: Date, zone: TimeZone) {
        siteTitle = labels.siteTitle
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        iso.timeZone = TimeZone(identifier: "UTC")
        generated = iso.string(from: now)
        generatedLocal = SpanishText.dateTime(now, zone: zone)
        self.year = year
        lateLines = state.lateLines
        let inYear: (String) -> Bool = { key in year.map { key.hasPrefix("\($0)") } ?? true }
        let dayKeys = state.days.keys.filter(inYear).sorted()
        firstDay = dayKeys.first
        lastDay = dayKeys.last
        let dayPeriods = dayKeys.map { Period(key: $0, days: 1, figures: state.days[$0]!) }
        days = dayPeriods
        func group(_ length: Int) -> [Period] {
            var result: [String: Period] = [:]
            for day in dayPeriods {
                let key = String(day.key.prefix(length))
                var period = result[key] ?? Period(key: key, days: 0, figures: DayFigures())
                period.days += 1
                period.figures = period.figures + day.figures
                result[key] = period
            }
            return result.keys.sorted().map { result[$0]! }
        }
        months = group(7)
        years = group(4)
        total = dayPeriods.reduce(DayFigures()) { $0 + $1.figures }

        var tables = MonthTables()
        for key in state.months.keys.sorted() where inYear(key) { tables.add(state.months[key]!) }
        let fondsTitle: (String) -> String = { labels.fondsTitles[$0] ?? $0 }
        documents = tables.items.map { id, c in
            let fonds = labels.fonds(ofItem: id)
            return Document(id: id, title: labels.items[id]?.title ?? id, fonds: fonds.map(fondsTitle) ?? "", views: c.views,
                            pageImages: c.pageImages, downloads: c.downloads)
        }.sorted { ($0.views, $0.pageImages + $0.downloads, $1.id) > ($1.views, $1.pageImages + $1.downloads, $0.id) }
        var fondsRows: [String: Fonds] = [:]
        for slug in Set(labels.fondsTitles.keys).union(tables.fonds.keys) {
            fondsRows[slug] = Fonds(slug: slug, title: fondsTitle(slug), pageViews: tables.fonds[slug] ?? 0, itemViews: 0)
        }
        for (id, c) in tables.items {
            guard let slug = labels.fonds(ofItem: id) else { continue }
            fondsRows[slug, default: Fonds(slug: slug, title: fondsTitle(slug), pageViews: 0, itemViews: 0)].itemViews += c.views
        }
        fonds = fondsRows.values.sorted { ($0.total, $1.slug) > ($1.total, $0.slug) }
        var kinds: [DownloadKind: Int] = [:]
        for d in tables.downloads.values { kinds[d.kind, default: 0] += d.count }
        downloadKinds = DownloadKind.allCases.map { Count(name: $0.rawValue, count: kinds[$0] ?? 0) }
        downloads = tables.downloads.map { Download(path: $0.key, kind: $0.value.kind, count: $0.value.count) }
            .sorted { ($0.count, $1.path) > ($1.count, $0.path) }
        entryPages = Self.ranked(tables.entryPages)
        referrers = Self.ranked(tables.referrers)
        brokenLinks = tables.brokenLinks.flatMap { path, from in from.map { BrokenLink(path: path, from: $0.key, count: $0.value) } }
            .sorted { ($0.count, $1.path, $1.from) > ($1.count, $0.path, $0.from) }
    }

    static func ranked(_ counts: [String: Int]) -> [Count] {
        counts.map { Count(name: $0.key, count: $0.value) }.sorted { ($0.count, $1.name) > ($1.count, $0.name) }
    }

    /// Spanish names of download kinds.
    public static func label(of kind: String) -> String {
        switch DownloadKind(rawValue: kind) {
        case .mets: return "Registro METS"
        case .dublinCore: return "Registro Dublin Core"
        case .iiif: return "Manifiesto IIIF"
        case .text: return "Texto de página"
        case .openData: return "Datos abiertos (catálogo)"
        case .pdf: return "PDF"
        case nil: return kind
        }
    }
}
