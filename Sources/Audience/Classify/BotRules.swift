import Foundation

/// What a user agent says about its client: a crawler or program (never a visitor), and whether it
/// is a phone or tablet. Computed once per distinct user agent of a run (`UserAgentFacts`).
///
/// The rule, as the README states it: a request is from a bot when its user agent is empty or "-",
/// or contains one of `crawlerTokens` (letter case ignored); and, for the whole day, every request of
/// an address and user agent that asked for robots.txt that day, or that asked only for assets (no
/// page, fonds, item or download answered successfully).
public enum BotRules {
    /// Words that crawlers, link checkers, monitors, scanners and programming libraries put in
    /// their user agents. Lower case; matched anywhere in the user agent.
    public static let crawlerTokens: [String] = [
        "bot", "crawl", "spider", "slurp", "archiver", "facebookexternalhit", "mediapartners", "feedfetcher", "preview",
        "ia_archiver", "yandex", "baidu", "sogou", "seznam", "qwant", "ahrefs", "semrush", "mj12", "bytespider", "petalsearch",
        "gptbot", "ccbot", "claude", "perplexity", "headless", "phantomjs", "lighthouse", "pingdom", "uptime", "monitor",
        "httrack", "scrapy", "curl/", "wget/", "python", "aiohttp", "httpx", "go-http-client", "java/", "okhttp", "libwww",
        "lwp-", "httpclient", "axios/", "node-fetch", "undici", "guzzle", "winhttp", "zgrab", "masscan", "nmap", "nikto",
        "sqlmap", "wpscan", "nuclei", "censys", "expanse", "fetch/", "validator", "checker", "scan",
    ]

    /// Words of phone and tablet browsers (letter case as they are written).
    public static let mobileTokens: [String] = ["Mobi", "Android", "iPhone", "iPad", "iPod", "Windows Phone", "Opera Mini", "BlackBerry", "Kindle", "Silk/"]

    /// Device names that contain "bot" but are phones (the CUBOT brand).
    static let notCrawlers: [String] = ["cubot"]

    public static func isCrawler(_ userAgent: String) -> Bool {
        let lower = userAgent.lowercased()
        if lower.isEmpty || lower == "-" { return true }
        var text = lower
        for name in notCrawlers { text = text.replacingOccurrences(of: name, with: "") }
        return crawlerTokens.contains { text.contains($0) }
    }

    public static func isMobile(_ userAgent: String) -> Bool {
        mobileTokens.contains { userAgent.contains($0) }
    }
}

/// The facts of each distinct user agent seen in a run, looked up by its bytes.
struct UserAgentFacts {
    struct Facts { var crawler: Bool; var mobile: Bool }

    private var interner = ByteInterner(capacity: 4096)
    private var facts: [Facts] = []

    /// The user agent's number in this run (part of the visitor key) and its facts.
    mutating func lookup(_ bytes: UnsafeRawBufferPointer) -> (id: Int32, facts: Facts) {
        let (id, isNew) = interner.intern(bytes)
        if isNew {
            let text = interner.string(id)
            facts.append(Facts(crawler: BotRules.isCrawler(text), mobile: BotRules.isMobile(text)))
        }
        return (id, facts[Int(id)])
    }
}
