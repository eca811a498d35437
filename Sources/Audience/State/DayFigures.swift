/// The figures of one closed day (or, summed, of a month or a year). Only counts: no address, no
/// user agent, no key of a visitor.
public struct DayFigures: Codable, Sendable, Equatable {
    /// Every line of the day in the combined format, bots included.
    public var requests = 0
    /// Distinct visitors (address + user agent) of the day that are not bots.
    public var visitors = 0
    /// Their visits: runs of requests with gaps under the visit gap (30 minutes).
    public var visits = 0
    /// Successful requests for HTML pages (home, lists, fonds, items, search page...).
    public var pageViews = 0
    /// Of which, item pages.
    public var itemViews = 0
    /// Files taken away: METS, Dublin Core, IIIF, page texts, PDF, open data.
    public var downloads = 0
    /// Access images of pages served (viewer or download: the log cannot tell).
    public var pageImages = 0
    /// Searches made in the static search (bursts of index shard requests).
    public var searches = 0
    /// Visitors whose browser is a phone or tablet.
    public var mobileVisitors = 0
    /// Lines from crawler user agents.
    public var crawlerLines = 0
    /// Lines of address + user agent pairs that asked for robots.txt that day.
    public var robotsLines = 0
    /// Lines of pairs that asked only for assets (no page, item, fonds or download answered).
    public var assetOnlyLines = 0

    public init() {}

    public var botLines: Int { crawlerLines + robotsLines + assetOnlyLines }

    public static func + (a: DayFigures, b: DayFigures) -> DayFigures {
        var s = DayFigures()
        s.requests = a.requests + b.requests
        s.visitors = a.visitors + b.visitors
        s.visits = a.visits + b.visits
        s.pageViews = a.pageViews + b.pageViews
        s.itemViews = a.itemViews + b.itemViews
        s.downloads = a.downloads + b.downloads
        s.pageImages = a.pageImages + b.pageImages
        s.searches = a.searches + b.searches
        s.mobileVisitors = a.mobileVisitors + b.mobileVisitors
        s.crawlerLines = a.crawlerLines + b.crawlerLines
        s.robotsLines = a.robotsLines + b.robotsLines
        s.assetOnlyLines = a.assetOnlyLines + b.assetOnlyLines
        return s
    }
}

/// What curators want to know, per month: counts by item, fonds page, download, entry page, referring
/// site and broken link. Keys are the site's own paths and identifiers, and host names of other sites.
public struct MonthTables: Codable, Sendable, Equatable {
    public struct ItemCounts: Codable, Sendable, Equatable {
        public var views = 0
        public var pageImages = 0
        public var downloads = 0
    }

    public struct DownloadCounts: Codable, Sendable, Equatable {
        public var kind: DownloadKind
        public var count = 0
    }

    /// Item identifier → its page's views, images and downloads.
    public var items: [String: ItemCounts] = [:]
    /// Fonds slug → views of the fonds' own pages.
    public var fonds: [String: Int] = [:]
    /// Path of the file (`/items/BSH-0001/mets.xml`) → kind and count.
    public var downloads: [String: DownloadCounts] = [:]
    /// First page of a visit → visits that began there.
    public var entryPages: [String: Int] = [:]
    /// Site of the link a visit came from → visits.
    public var referrers: [String: Int] = [:]
    /// Missing path → the page or site that links to it → requests answered 404.
    public var brokenLinks: [String: [String: Int]] = [:]

    public init() {}

    mutating func add(_ other: MonthTables) {
        for (id, c) in other.items {
            items[id, default: ItemCounts()].views += c.views
            items[id, default: ItemCounts()].pageImages += c.pageImages
            items[id, default: ItemCounts()].downloads += c.downloads
        }
        for (k, v) in other.fonds { fonds[k, default: 0] += v }
        for (k, v) in other.downloads { downloads[k, default: DownloadCounts(kind: v.kind)].count += v.count }
        for (k, v) in other.entryPages { entryPages[k, default: 0] += v }
        for (k, v) in other.referrers { referrers[k, default: 0] += v }
        for (path, from) in other.brokenLinks {
            for (k, v) in from { brokenLinks[path, default: [:]][k, default: 0] += v }
        }
    }
}
