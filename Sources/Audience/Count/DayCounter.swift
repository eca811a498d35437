/// Counts one day while it is open. Each address + user agent pair is a visitor of this day only,
/// known by its salted key (`DaySalt`); whether it was a bot is only certain when the day is over (it
/// may ask for robots.txt at 23:59), so what it did is kept as small events and only added to the
/// day's figures, for the pairs that were not bots, when the day is closed. Closing drops the salt,
/// the keys and the events.
final class DayCounter {
    struct Settings {
        var visitGap: Int64 = 30 * 60
        /// Index shards a visitor fetches less than this apart belong to one search.
        var searchGap: Int64 = 3
    }

    private struct Visitor {
        var lines: Int32 = 0
        var views: Int32 = 0
        var pageViews: Int32 = 0
        var itemViews: Int32 = 0
        var downloads: Int32 = 0
        var pageImages: Int32 = 0
        var searches: Int32 = 0
        var visits: Int32 = 0
        var last: Int64 = -(1 << 40)
        var lastShard: Int64 = -(1 << 40)
        var askedForRobots = false
        var mobile = false
        var visitHasView = false
    }

    private enum EventKind: UInt8 { case item, fonds, download, entry, referrer, brokenLink, pageImage, itemDownload }

    private struct Event {
        var visitor: Int32
        var kind: EventKind
        var a: Int32
        var b: Int32
    }

    let day: Int32
    /// Absolute time at which the day ends in the server's time zone.
    let endOfDay: Int64
    /// Per log file (its index in the run), the offset and line number of this day's first line.
    private(set) var firstLines: [Int: (offset: Int64, line: Int)] = [:]

    private let salt = DaySalt()
    private var table = VisitorTable()
    private var visitors: [Visitor] = []
    private var events: [Event] = []
    private var requests = 0
    private var crawlerLines = 0
    private let settings: Settings

    init(day: Int32, endOfDay: Int64, settings: Settings) {
        self.day = day
        self.endOfDay = endOfDay
        self.settings = settings
    }

    private var lastNotedFile = -1

    func noteLine(file: Int, offset: Int64, line: Int) {
        guard file != lastNotedFile else { return }
        lastNotedFile = file
        if firstLines[file] == nil { firstLines[file] = (offset, line) }
    }

    func countCrawlerLine() {
        requests += 1
        crawlerLines += 1
    }

    /// Adds one line of a client that is not a crawler by its user agent.
    func add(_ p: UnsafePointer<UInt8>, _ line: LogLine, agent: Int32, mobile: Bool, request: RequestClassifier.Result,
             names: RunNames, site: SiteShape) {
        requests += 1
        let key = salt.key(address: UnsafeRawBufferPointer(start: p + line.address.lowerBound, count: line.address.count), agent: agent)
        let (index, inserted) = table.find(key, orInsert: Int32(visitors.count))
        if inserted { visitors.append(Visitor(mobile: mobile)) }
        let i = Int(index)
        let t = line.time.epoch
        visitors[i].lines += 1
        if visitors[i].visits == 0 || t - visitors[i].last >= settings.visitGap {
            visitors[i].visits += 1
            visitors[i].visitHasView = false
        }
        if t > visitors[i].last { visitors[i].last = t }

        let kind = request.kind
        if kind == .robots { visitors[i].askedForRobots = true; return }
        let isGet = line.method.count == 3 && p[line.method.lowerBound] == UInt8(ascii: "G")
        let status = line.status
        let success = (status >= 200 && status < 300 && status != 206) || status == 304
        if status == 404 && line.referrer.count > 1 {
            let missing = names.paths.intern(UnsafeRawBufferPointer(start: p + line.path.lowerBound, count: line.path.count)).id
            if let from = referrerName(p, line, names: names, site: site) {
                events.append(Event(visitor: index, kind: .brokenLink, a: missing, b: from))
            }
            return
        }
        guard success && isGet else { return }
        switch kind {
        case .searchShard:
            if t - visitors[i].lastShard >= settings.searchGap { visitors[i].searches += 1 }
            if t > visitors[i].lastShard { visitors[i].lastShard = t }
            return
        case .pageImage:
            visitors[i].pageImages += 1
            let item = names.items.intern(bytes(p, request.name)).id
            events.append(Event(visitor: index, kind: .pageImage, a: item, b: 0))
            return
        case .page, .itemPage, .fondsPage, .download:
            break
        case .asset, .robots, .other:
            return
        }
        visitors[i].views += 1
        if kind == .download {
            visitors[i].downloads += 1
            let path = names.paths.intern(bytes(p, line.path)).id
            events.append(Event(visitor: index, kind: .download, a: path, b: Int32(DownloadKind.allCases.firstIndex(of: request.download ?? .pdf)!)))
            if !request.name.isEmpty {
                events.append(Event(visitor: index, kind: .itemDownload, a: names.items.intern(bytes(p, request.name)).id, b: 0))
            }
        } else {
            visitors[i].pageViews += 1
            if kind == .itemPage {
                visitors[i].itemViews += 1
                events.append(Event(visitor: index, kind: .item, a: names.items.intern(bytes(p, request.name)).id, b: 0))
            } else if kind == .fondsPage {
                events.append(Event(visitor: index, kind: .fonds, a: names.fonds.intern(bytes(p, request.name)).id, b: 0))
            }
        }
        if !visitors[i].visitHasView {
            visitors[i].visitHasView = true
            let entry = names.paths.intern(bytes(p, Self.pagePath(p, line.path, kind: kind))).id
            events.append(Event(visitor: index, kind: .entry, a: entry, b: 0))
            if case .external(let host) = ReferrerOrigin.read(p, line.referrer, own: site.ownHosts) {
                let site = host.withUnsafeBytes { names.referrers.intern($0).id }
                events.append(Event(visitor: index, kind: .referrer, a: site, b: 0))
            }
        }
    }

    /// Ends the day: figures and tables of the visitors that were not bots.
    func close(names: RunNames, site: SiteShape) -> (DayFigures, MonthTables) {
        var figures = DayFigures()
        figures.requests = requests
        figures.crawlerLines = crawlerLines
        for v in visitors {
            if v.askedForRobots {
                figures.robotsLines += Int(v.lines)
            } else if v.views == 0 {
                figures.assetOnlyLines += Int(v.lines)
            } else {
                figures.visitors += 1
                figures.visits += Int(v.visits)
                figures.pageViews += Int(v.pageViews)
                figures.itemViews += Int(v.itemViews)
                figures.downloads += Int(v.downloads)
                figures.pageImages += Int(v.pageImages)
                figures.searches += Int(v.searches)
                if v.mobile { figures.mobileVisitors += 1 }
            }
        }
        var tables = MonthTables()
        for e in events {
            let v = visitors[Int(e.visitor)]
            if v.askedForRobots { continue }
            if v.views == 0 && e.kind != .brokenLink { continue }   // a broken link followed is worth knowing even so
            switch e.kind {
            case .item: tables.items[names.items.string(e.a), default: .init()].views += 1
            case .pageImage: tables.items[names.items.string(e.a), default: .init()].pageImages += 1
            case .itemDownload: tables.items[names.items.string(e.a), default: .init()].downloads += 1
            case .fonds: tables.fonds[names.fonds.string(e.a), default: 0] += 1
            case .download:
                let kind = DownloadKind.allCases[Int(e.b)]
                tables.downloads[site.shown(names.paths.string(e.a)), default: .init(kind: kind)].count += 1
            case .entry: tables.entryPages[site.shown(names.paths.string(e.a)), default: 0] += 1
            case .referrer: tables.referrers[names.referrers.string(e.a), default: 0] += 1
            case .brokenLink:
                tables.brokenLinks[site.shown(names.paths.string(e.a)), default: [:]][names.referrers.string(e.b), default: 0] += 1
            }
        }
        visitors = []
        events = []
        table = VisitorTable(capacity: 16)
        return (figures, tables)
    }

    /// The referring page (this site's path) or site of a 404, as a name number.
    private func referrerName(_ p: UnsafePointer<UInt8>, _ line: LogLine, names: RunNames, site: SiteShape) -> Int32? {
        switch ReferrerOrigin.read(p, line.referrer, own: site.ownHosts) {
        case .none: return nil
        case .internalPage(let range):
            var text = Array("página ".utf8)
            let path = site.shown(String(decoding: UnsafeBufferPointer(start: p + range.lowerBound, count: range.count), as: UTF8.self))
            text.append(contentsOf: Array(path.utf8))
            return text.withUnsafeBytes { names.referrers.intern($0).id }
        case .external(let host):
            return host.withUnsafeBytes { names.referrers.intern($0).id }
        }
    }

    /// A page's path in the form the site links to it: `items/X/index.html` → `items/X/`.
    private static func pagePath(_ p: UnsafePointer<UInt8>, _ path: Range<Int>, kind: RequestKind) -> Range<Int> {
        let suffix = Array("index.html".utf8)
        guard path.count >= suffix.count + 1, p[path.upperBound - suffix.count - 1] == UInt8(ascii: "/") else { return path }
        for (k, c) in suffix.enumerated() where p[path.upperBound - suffix.count + k] != c { return path }
        return path.lowerBound..<(path.upperBound - suffix.count)
    }

    @inline(__always) private func bytes(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: p + range.lowerBound, count: range.count)
    }
}
