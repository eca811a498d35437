import Foundation
import Mustache

/// Renders pages: a page template fills the body, the layout wraps it. Mustache escapes every value
/// in text and in attributes; only HTML this room produced itself (a rendered body, JSON-LD that was
/// escaped for a script element) is inserted raw.
struct PageRenderer: @unchecked Sendable {
    let library: MustacheLibrary
    let settings: SiteSettings
    /// Fingerprint of the templates and assets, so a new version of Memoria republishes everything.
    let fingerprint: String
    /// By path under `assets/`: Memoria's own files and the libraries copied in (`leaflet/leaflet.js`).
    let assets: [String: Data]

    init(settings: SiteSettings, libraries: SiteLibraries = SiteLibraries()) throws {
        self.settings = settings
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil),
              let assetFolder = Bundle.module.url(forResource: "Assets", withExtension: nil) else {
            throw SiteError.templates("resource folders not found")
        }
        var library = MustacheLibrary()
        var parts: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path).sorted() where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            do { try library.register(text, named: String(name.dropLast(".mustache".count))) } catch {
                throw SiteError.templates("\(name): \(error)")
            }
            parts.append(text)
        }
        var assets: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: assetFolder.path).sorted() where !name.hasPrefix(".") {
            let source = try Data(contentsOf: assetFolder.appendingPathComponent(name))
            let data = name.hasSuffix(".js") ? ScriptCompaction.compact(source) : source
            assets[name] = data
            parts.append(Fingerprint.of(data))
        }
        for (name, data) in libraries.assets.sorted(by: { $0.key < $1.key }) {
            assets[name] = data
            parts.append(name + ":" + Fingerprint.of(data))
        }
        self.library = library
        self.assets = assets
        fingerprint = Fingerprint.of(parts + [settings.title, settings.tagline, settings.baseURL, String(settings.itemsPerPage),
                                              settings.about, settings.institutionName, settings.institutionURL, settings.contactEmail]
                                   + settings.homeHiddenSubjects)
    }

    struct Page {
        var path: String
        var title: String
        var description: String
        var template: String
        var data: [String: Any]
        var nav: String? = nil
        var breadcrumbs: [(String, String?)] = []
        var scripts: [String] = []
        var jsonLD: Any? = nil
        var ogImage: String? = nil
        var ogType = "website"
        /// Kept out of search engines (a withdrawal notice).
        var noIndex = false
    }

    /// "../" for each folder between the site root and the page.
    static func root(for path: String) -> String {
        String(repeating: "../", count: max(0, path.split(separator: "/").count - 1))
    }

    func absoluteURL(_ path: String) -> String? {
        guard !settings.baseURL.isEmpty else { return nil }
        let clean = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        return settings.baseURL + clean
    }

    func render(_ page: Page) -> String {
        let root = Self.root(for: page.path)
        var data = page.data
        data["root"] = root
        data["siteTitle"] = settings.title
        let body = library.render(data, withTemplate: page.template) ?? ""
        var layout: [String: Any] = [
            "root": root, "body": body, "pageTitle": page.title, "siteTitle": settings.title, "tagline": settings.tagline,
            "description": page.description, "ogType": page.ogType, "institution": settings.institutionName,
            "scripts": page.scripts.map { ["name": $0] },
            "breadcrumbs": page.breadcrumbs.map { label, href -> [String: Any] in href.map { ["label": label, "href": $0] } ?? ["label": label] },
            "hasBreadcrumbs": !page.breadcrumbs.isEmpty,
        ]
        if let nav = page.nav { layout[nav] = true }
        if page.noIndex { layout["noIndex"] = true }
        if !settings.institutionURL.isEmpty { layout["institutionURL"] = settings.institutionURL }
        if !settings.contactEmail.isEmpty { layout["contactEmail"] = settings.contactEmail }
        if let canonical = absoluteURL(page.path) { layout["canonical"] = canonical }
        if let image = page.ogImage, !settings.baseURL.isEmpty { layout["ogImage"] = settings.baseURL + image }
        if let jsonLD = page.jsonLD { layout["jsonld"] = "<script type=\"application/ld+json\">\(Self.scriptSafeJSON(jsonLD))</script>" }
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    /// JSON that cannot end or break a <script> element (every <, >, & escaped as \u00XX).
    static func scriptSafeJSON(_ value: Any) -> String { ScriptJSON.encode(value) }
}
