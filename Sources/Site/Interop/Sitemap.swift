import Foundation
import Support

/// sitemap.xml and robots.txt. Sitemaps need absolute addresses: with site.base_url empty, the entries
/// are relative to the site (fine for local use; set base_url before publishing on the web).
enum Sitemap {
    static func xml(paths: [String], baseURL: String, lastModified: [String: String]) -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"]
        for path in paths.sorted() {
            let clean = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
            let location = (baseURL + clean).addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? baseURL + clean
            var entry = "  <url><loc>\(escape(location))</loc>"
            if let date = lastModified[path] { entry += "<lastmod>\(escape(String(date.prefix(10))))</lastmod>" }
            lines.append(entry + "</url>")
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }

    static func robots(baseURL: String) -> String {
        var text = "User-agent: *\nAllow: /\nDisallow: /buscar/indice/\n"
        if !baseURL.isEmpty { text += "Sitemap: \(baseURL)sitemap.xml\n" }
        return text
    }

    static func escape(_ s: String) -> String { MarkupEscaping.escape(s) }
}
