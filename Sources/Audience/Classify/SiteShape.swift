/// Where and under which names the site is served: the path prefix (`/` or `/memoria/`) and its host
/// names (to tell its own pages from other sites in the Referer header).
public struct SiteShape: Sendable {
    public let prefix: String
    let ownHosts: Set<[UInt8]>
    let classifier: RequestClassifier

    /// - Parameters:
    ///   - prefix: the path under which the site is served, e.g. "/" or "/memoria/".
    ///   - hosts: the site's host names ("memoria.hidalgo.gob.mx"); "www." and letter case do not matter.
    public init(prefix: String, hosts: [String]) {
        var text = prefix.hasPrefix("/") ? prefix : "/" + prefix
        if !text.hasSuffix("/") { text += "/" }
        self.prefix = text
        ownHosts = Set(hosts.map { host in
            var h = host.lowercased()
            if h.hasPrefix("www.") { h.removeFirst(4) }
            return Array(h.utf8)
        })
        classifier = RequestClassifier(sitePrefix: text)
    }

    /// A path as the report shows it: from the site's root ("/items/X/"), without the site's prefix.
    func shown(_ path: String) -> String {
        if path.isEmpty { return "/" }
        guard prefix.count > 1, path.hasPrefix(prefix) else { return path }
        return "/" + path.dropFirst(prefix.count)
    }
}
