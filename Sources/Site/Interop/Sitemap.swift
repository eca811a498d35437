import Catalog
import Foundation
import Support

/// sitemap.xml and robots.txt. The sitemap lists what a search engine should show: every published
/// item and every fonds that has one, each with the date it last changed (a fonds: its newest item);
/// no lists, browse pages, search or 404 page. Sitemaps need absolute addresses: with site.base_url
/// empty, the entries are relative to the site (fine for local use; set base_url before publishing on
/// the web).
enum Sitemap {
    static func xml(items: [CatalogItemSummary], fonds: [CatalogFonds], units: [String] = [], baseURL: String) -> String {
        var entries: [(path: String, lastModified: String)] = items.map { (SiteContext.itemFolder($0.id), $0.updatedAt) }
        // The classification chart's pages (cuadro/<fondo>/<código>/index.html), without a date of their own.
        entries += units.filter { $0.hasSuffix("index.html") }.map { (String($0.dropLast("index.html".count)), "") }
        for f in fonds {
            guard let newest = items.filter({ $0.fondsCode == f.code }).map(\.updatedAt).max() else { continue }
            entries.append(("fondos/\(f.slug)/", newest))
        }
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"]
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            let location = (baseURL + entry.path).addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? baseURL + entry.path
            var line = "  <url><loc>\(escape(location))</loc>"
            if entry.lastModified.count >= 10 { line += "<lastmod>\(escape(String(entry.lastModified.prefix(10))))</lastmod>" }
            lines.append(line + "</url>")
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
