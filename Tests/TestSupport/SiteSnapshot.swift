import Foundation

/// A published site as data, for the kill tests: every file's content (test sites are small), and the internal links
/// of its pages that lead nowhere.
public struct SiteSnapshot: Equatable, Sendable {
    /// Site-relative path → its bytes.
    public let files: [String: Data]

    public init(_ site: URL) throws {
        var files: [String: Data] = [:]
        for relative in TestDeployment.listFiles(site) {
            files[relative] = try Data(contentsOf: site.appendingPathComponent(relative))
        }
        self.files = files
    }

    /// Paths of this snapshot that differ from `other` (changed, added or missing), sorted.
    public func differences(from other: SiteSnapshot) -> [String] {
        Set(files.keys).union(other.files.keys).filter { files[$0] != other.files[$0] }.sorted()
    }

    /// `page → link` for every relative href/src of the site's HTML pages whose file does not exist.
    public static func brokenLinks(in site: URL) throws -> [String] {
        var broken: [String] = []
        let pattern = try NSRegularExpression(pattern: "(?:href|src)=\"([^\"]*)\"")
        for page in TestDeployment.listFiles(site) where page.hasSuffix(".html") {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            let folder = site.appendingPathComponent(page).deletingLastPathComponent()
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                guard let range = Range(match.range(at: 1), in: html) else { continue }
                var link = String(html[range]).replacingOccurrences(of: "&amp;", with: "&")
                if link.isEmpty || link.hasPrefix("#") || link.contains(":") || link.hasPrefix("/") { continue }
                if let cut = link.firstIndex(where: { $0 == "?" || $0 == "#" }) { link = String(link[..<cut]) }
                if link.isEmpty { continue }
                var target = folder.appendingPathComponent(link.removingPercentEncoding ?? link).standardizedFileURL
                if link.hasSuffix("/") || link == "." || link == ".." { target.appendPathComponent("index.html") }
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder) {
                    if !isFolder.boolValue || FileManager.default.fileExists(atPath: target.appendingPathComponent("index.html").path) { continue }
                }
                broken.append("\(page) → \(link)")
            }
        }
        return broken
    }
}
