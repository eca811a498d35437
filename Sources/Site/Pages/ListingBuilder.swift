import Catalog
import Foundation
import Metadata
import Mustache

/// Every page that lists items: home, fonds (with facets: decade, creator, type, subject), the site-wide
/// browse pages (creators, subjects, dates), plus about, search and the 404 page. Returns the paths it
/// wrote, so stale pages of lists that shrank can be removed.
struct ListingBuilder {
    let context: SiteContext
    let renderer: PageRenderer
    let output: SiteOutput
    private(set) var paths: Set<String> = []
    /// Input fingerprints of the list pages of the last publish (empty for a full publish) and of this one.
    let previousFingerprints: [String: String]
    private(set) var fingerprints: [String: String] = [:]
    /// Fingerprints of the items (what their cards show depends on).
    let itemFingerprints: [String: String]
    /// Cards rendered once per publish and reused on every list that shows the item: the item's HTML
    /// with a marker where the page's path to the site root goes.
    private var cards: [String: [Substring]] = [:]
    private static let rootMarker = "\u{1}RAIZ\u{1}"

    init(context: SiteContext, renderer: PageRenderer, output: SiteOutput,
         previousFingerprints: [String: String] = [:], itemFingerprints: [String: String] = [:]) {
        self.context = context
        self.renderer = renderer
        self.output = output
        self.previousFingerprints = previousFingerprints
        self.itemFingerprints = itemFingerprints
    }

    /// The card of an item as HTML for a page at `root`.
    mutating func cardHTML(_ item: CatalogItemSummary, root: String, showFonds: Bool) -> String {
        let key = item.id + (showFonds ? "+" : "-")
        if cards[key] == nil {
            let html = renderer.library.render(context.card(item, root: Self.rootMarker, showFonds: showFonds), withTemplate: "card") ?? ""
            cards[key] = html.split(separator: Self.rootMarker, omittingEmptySubsequences: false)
        }
        return cards[key]!.joined(separator: root)
    }

    var perPage: Int { context.settings.itemsPerPage }

    mutating func write(_ page: PageRenderer.Page) throws {
        try output.write(page.path, renderer.render(page))
        paths.insert(page.path)
    }

    mutating func buildAll() throws {
        try home()
        for fonds in context.fonds { try fondsPages(fonds) }
        try browse()
        try staticPages()
    }

    // MARK: home

    mutating func home() throws {
        let root = ""
        let hidden = Set(context.settings.homeHiddenSubjects)
        let highlighted = context.items.filter { item in !item.dublinCore["subject"].contains(where: hidden.contains) }
        let counts = Dictionary(grouping: context.items, by: \.fondsCode)
        let covers = Dictionary(grouping: highlighted, by: \.fondsCode)
        let fonds: [[String: Any]] = context.fonds.map { f in
            var entry: [String: Any] = ["title": f.title, "description": f.description, "count": counts[f.code]?.count ?? 0,
                                        "href": "fondos/\(f.slug)/index.html"]
            if let first = covers[f.code]?.first(where: { context.files[$0.id]?.images.first != nil }),
               let image = context.files[first.id]?.images.first {
                entry["cover"] = SiteContext.itemFolder(first.id) + image.thumbnailSitePath
                entry["coverWidth"] = image.thumbnailWidth
                entry["coverHeight"] = image.thumbnailHeight
            }
            return entry
        }
        let recent = highlighted.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }.prefix(8).map { context.card($0, root: root, showFonds: true) }
        let intro = context.settings.about.components(separatedBy: "\n\n").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? context.settings.tagline
        try write(.init(path: "index.html", title: "Inicio", description: intro, template: "home", data: [
            "intro": intro.replacingOccurrences(of: "\n", with: " "), "itemCount": context.items.count,
            "pageCount": context.items.reduce(0) { $0 + $1.pageCount }, "fondsCount": context.fonds.count,
            "fonds": fonds, "recent": Array(recent), "hasRecent": !recent.isEmpty,
        ], nav: "navHome", jsonLD: [
            "@context": "https://schema.org", "@type": "ArchiveOrganization", "name": context.settings.institutionName,
            "description": context.settings.tagline,
        ]))
    }

    // MARK: fonds and facets

    struct Facet {
        var label: String
        var folder: String
        /// The search page's parameter for this facet (`decada`, `creador`...).
        var param: String
        var values: [(label: String, slug: String, value: String, items: [CatalogItemSummary])]
    }

    func facets(of items: [CatalogItemSummary]) -> [Facet] {
        typealias Value = (label: String, slug: String, value: String, items: [CatalogItemSummary])
        func top(_ groups: [String: [CatalogItemSummary]], _ limit: Int, slug: (String) -> String) -> [Value] {
            groups.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.prefix(limit).map { ($0.key, slug($0.key), $0.key, $0.value) }
        }
        var decades: [String: [CatalogItemSummary]] = [:]
        var creators: [String: [CatalogItemSummary]] = [:], subjects: [String: [CatalogItemSummary]] = [:], types: [String: [CatalogItemSummary]] = [:]
        var places: [String: [CatalogItemSummary]] = [:]
        for item in items {
            if let decade = SiteContext.decade(item) { decades["\(decade)", default: []].append(item) }
            for creator in Set(item.dublinCore["creator"]) { creators[creator, default: []].append(item) }
            for subject in Set(item.dublinCore["subject"]) { subjects[subject, default: []].append(item) }
            for place in Set(BrowseValues.places(item)) { places[place, default: []].append(item) }
            if let type = BrowseValues.type(item) { types[type, default: []].append(item) }
        }
        return [
            Facet(label: "Década", folder: "decada", param: "decada",
                  values: decades.sorted { $0.key < $1.key }.map { (Labels.decade(Int($0.key) ?? 0), $0.key, $0.key, $0.value) }),
            Facet(label: "Creador", folder: "creador", param: "creador", values: top(creators, 20) { context.creatorSlugs[$0] ?? SlugMaker.base($0) }),
            Facet(label: "Tipo", folder: "tipo", param: "tipo",
                  values: types.sorted { $0.key < $1.key }.map { (Labels.typeName($0.key), $0.key.lowercased(), $0.key, $0.value) }),
            Facet(label: "Tema", folder: "tema", param: "tema", values: top(subjects, 20) { context.subjectSlugs[$0] ?? SlugMaker.base($0) }),
            Facet(label: "Lugar", folder: "lugar", param: "lugar", values: top(places, 20) { context.placeSlugs[$0] ?? SlugMaker.base($0) }),
        ].filter { !$0.values.isEmpty }
    }

    mutating func fondsPages(_ fonds: CatalogFonds) throws {
        let items = context.items.filter { $0.fondsCode == fonds.code }
        let base = "fondos/\(fonds.slug)/"
        let facetList = facets(of: items)
        let fondsFacets = facetData(facetList, filtered: nil, fonds: fonds, root: "../../")
        let fondsFacetsKey = Self.facetsKey(fondsFacets)
        let signatures = Dictionary(uniqueKeysWithValues: items.map { ($0.id, FacetSignature.of($0)) })
        let units = UnitPageBuilder(context: context, renderer: renderer, output: output, previousFingerprints: [:], itemFingerprints: [:])
        try listing(folder: base, heading: fonds.title, lead: fonds.description, items: items,
                    facets: ListingFacets(key: fondsFacetsKey) { fondsFacets }, fondsBase: base,
                    filterLabel: nil, showFonds: false,
                    crumbs: [("Inicio", "index.html"), ("Fondo \(fonds.title)", nil)], nav: nil,
                    extra: units.fondsPageData(fondsCode: fonds.code, root: "../../"), extraKey: units.treeKey(fondsCode: fonds.code))
        for facet in facetList {
            for value in facet.values {
                let folder = base + "\(facet.folder)-\(value.slug)/"
                // The narrowed facets follow from the fonds' facets and what they count of the value's
                // items (FacetSignature): computed only for a page that is written.
                var counted = FacetSignature()
                for item in value.items { counted.add(signatures[item.id] ?? FacetSignature.of(item)) }
                let key = fondsFacetsKey + "\u{3}" + facet.folder + "=" + value.slug + "\u{3}" + value.value + "\u{3}" + counted.key
                let root = PageRenderer.root(for: folder + "index.html")
                let builder = self
                let narrowed = ListingFacets(key: key) {
                    builder.facetData(facetList, filtered: (facet, value.slug, value.value, value.items), fonds: fonds, root: root)
                }
                try listing(folder: folder, heading: "\(fonds.title): \(value.label)", lead: nil,
                            items: value.items, facets: narrowed, fondsBase: base,
                            filterLabel: "\(facet.label): \(value.label)", showFonds: false,
                            crumbs: [("Inicio", "index.html"), ("Fondo \(fonds.title)", base + "index.html"), (value.label, nil)], nav: nil)
            }
        }
    }

    /// The facets beside a fonds list. Unfiltered: each value leads to its own page. On a value's page,
    /// that facet's values still lead to their pages, while the other facets count only the items of
    /// the page (the counts follow the filter) and lead to the search page with both filters combined.
    func facetData(_ list: [Facet], filtered: (facet: Facet, slug: String, value: String, items: [CatalogItemSummary])?,
                   fonds: CatalogFonds, root: String) -> [[String: Any]] {
        let narrowed = filtered.map { facets(of: $0.items) } ?? []
        return list.map { facet -> [String: Any] in
            if let filtered, filtered.facet.folder != facet.folder {
                let values = narrowed.first { $0.folder == facet.folder }?.values ?? []
                return ["label": facet.label, "values": values.map { value -> [String: Any] in
                    let query = [("fondo", fonds.code), (filtered.facet.param, filtered.value), (facet.param, value.value)]
                        .map { "\($0.0)=\(Self.queryValue($0.1))" }.joined(separator: "&amp;")
                    return ["label": value.label, "count": value.items.count, "rawHref": root + "buscar/index.html?" + query]
                }]
            }
            return ["label": facet.label, "values": facet.values.map { value -> [String: Any] in
                var entry: [String: Any] = ["label": value.label, "count": value.items.count,
                                            "href": root + "fondos/\(fonds.slug)/\(facet.folder)-\(value.slug)/index.html"]
                if filtered.map({ $0.facet.folder == facet.folder && $0.slug == value.slug }) == true { entry["current"] = true }
                return entry
            }]
        }.filter { !(($0["values"] as? [[String: Any]])?.isEmpty ?? true) }
    }

    /// What the facets beside a list show, as one string for the page's fingerprint.
    static func facetsKey(_ facets: [[String: Any]]) -> String {
        var key = ""
        for facet in facets {
            key += "\u{1}" + (facet["label"] as? String ?? "")
            for value in facet["values"] as? [[String: Any]] ?? [] {
                key += "\u{2}" + (value["label"] as? String ?? "") + "|" + String(value["count"] as? Int ?? 0) + "|" + (value["href"] as? String ?? "")
                    + "|" + (value["rawHref"] as? String ?? "") + (value["current"] == nil ? "" : "|*")
            }
        }
        return key
    }

    /// A query-string value (percent-encoded, so it is also safe inside an HTML attribute).
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A paged list of items in `folder` (index.html, pagina-2.html, ...).
    mutating func listing(folder: String, heading: String, lead: String?, items: [CatalogItemSummary], facets: ListingFacets = .none, fondsBase: String?,
                          filterLabel: String?, showFonds: Bool, crumbs: [(String, String?)], nav: String?,
                          extra: [String: Any] = [:], extraKey: String = "") throws {
        let pages = max(1, (items.count + perPage - 1) / perPage)
        let facetsKey = facets.key
        var facetValues: [[String: Any]]?
        for page in 1...pages {
            let path = folder + (page == 1 ? "index.html" : "pagina-\(page).html")
            let root = PageRenderer.root(for: path)
            let slice = items.dropFirst((page - 1) * perPage).prefix(perPage)
            // Unchanged inputs, unchanged page: an incremental publish leaves it as it is.
            let inputs = Fingerprint.of([renderer.fingerprint, path, heading, lead ?? "", filterLabel ?? "", String(items.count),
                                         String(pages), showFonds ? "1" : "0", facetsKey, nav ?? "", extraKey]
                                        + slice.map { $0.id + ":" + (itemFingerprints[$0.id] ?? "") })
            fingerprints[path] = inputs
            if previousFingerprints[path] == inputs, FileManager.default.fileExists(atPath: output.path(path)) {
                paths.insert(path)
                continue
            }
            var data: [String: Any] = [
                "heading": heading, "items": slice.map { ["html": cardHTML($0, root: root, showFonds: showFonds)] },
                "total": items.count, "totalWord": items.count == 1 ? "documento" : "documentos",
            ]
            if let lead { data["lead"] = lead }
            if page == 1 { data.merge(extra) { a, _ in a } }
            if let filterLabel, let fondsBase {
                data["filterLabel"] = filterLabel
                data["clearHref"] = root + fondsBase + "index.html"
            }
            if facetValues == nil { facetValues = facets.make() }
            if let facetValues, !facetValues.isEmpty {
                data["hasFacets"] = true
                data["facets"] = facetValues
            }
            let pager = Self.pager(page: page, pages: pages)
            data["start"] = (page - 1) * perPage + 1
            data["pager"] = pager
            data["hasPager"] = !pager.isEmpty
            let title = page == 1 ? heading : "\(heading) (página \(page))"
            try write(.init(path: path, title: title, description: lead ?? "\(heading): \(items.count) documentos en \(context.settings.title).",
                            template: "listing", data: data, nav: nav,
                            breadcrumbs: crumbs.map { ($0.0, $0.1.map { root + $0 }) }))
        }
    }

    static func pager(page: Int, pages: Int) -> [[String: Any]] {
        guard pages > 1 else { return [] }
        func file(_ n: Int) -> String { n == 1 ? "index.html" : "pagina-\(n).html" }
        var entries: [[String: Any]] = []
        if page > 1 { entries.append(["label": "Anterior", "href": file(page - 1), "rel": "prev"]) }
        let window = Set([1, pages] + Array(max(1, page - 3)...min(pages, page + 3)))
        var last = 0
        for n in window.sorted() {
            if n > last + 1 { entries.append(["label": "…"]) }
            entries.append(n == page ? ["label": "\(n)"] : ["label": "\(n)", "href": file(n)])
            last = n
        }
        if page < pages { entries.append(["label": "Siguiente", "href": file(page + 1), "rel": "next"]) }
        return entries
    }

    // MARK: browse

    mutating func browse() throws {
        let root = "../"
        let years = Set(context.items.compactMap(BrowseValues.year)).count
        try write(.init(path: "explorar/index.html", title: "Explorar", description: "Explore los fondos, creadores, temas, lugares y fechas de \(context.settings.title).",
                        template: "index-list", data: [
                            "heading": "Explorar el archivo",
                            "groups": [
                                ["id": "fondos", "label": "Fondos", "entries": context.fonds.map { f in
                                    ["label": f.title, "href": root + "fondos/\(f.slug)/index.html", "count": context.items.filter { $0.fondsCode == f.code }.count] }],
                                ["id": "indices", "label": "Índices", "entries": [
                                    ["label": "Creadores", "href": "creadores/index.html", "count": context.creatorSlugs.count],
                                    ["label": "Temas", "href": "temas/index.html", "count": context.subjectSlugs.count],
                                    ["label": "Lugares", "href": "lugares/index.html", "count": context.placeSlugs.count],
                                    ["label": "Línea del tiempo (décadas y años)", "href": "fechas/index.html",
                                     "count": Set(context.items.compactMap(SiteContext.decade)).count + years],
                                ]],
                            ],
                        ], nav: "navBrowse", breadcrumbs: [("Inicio", root + "index.html"), ("Explorar", nil)]))
        try nameIndex(folder: "creadores", title: "Creadores", slugs: context.creatorSlugs) { $0.dublinCore["creator"] }
        try nameIndex(folder: "temas", title: "Temas", slugs: context.subjectSlugs) { $0.dublinCore["subject"] }
        try nameIndex(folder: "lugares", title: "Lugares", slugs: context.placeSlugs, values: BrowseValues.places)
        try timeline()
    }

    /// An A–Z index of names (creators, subjects or places) and one list page per name.
    mutating func nameIndex(folder: String, title: String, slugs: [String: String], values: (CatalogItemSummary) -> [String]) throws {
        var byName: [String: [CatalogItemSummary]] = [:]
        for item in context.items { for name in Set(values(item)) { byName[name, default: []].append(item) } }
        // Each name folded once (not once per comparison of the sort).
        let folded = Dictionary(uniqueKeysWithValues: byName.keys.map { ($0, SearchText.fold($0)) })
        let names = byName.keys.sorted { (folded[$0]!, $0) < (folded[$1]!, $1) }
        var groups: [(String, [String])] = []
        for name in names {
            let letter = String(folded[name]!.prefix(1)).uppercased()
            if groups.last?.0 == letter { groups[groups.count - 1].1.append(name) } else { groups.append((letter, [name])) }
        }
        var data: [String: Any] = [
            "heading": title,
            "groups": groups.enumerated().map { index, group in
                ["id": "grupo-\(index)", "label": group.0, "entries": group.1.map { name in
                    ["label": name, "href": "\(slugs[name] ?? SlugMaker.base(name))/index.html", "count": byName[name]!.count] }] as [String: Any]
            },
        ]
        if names.isEmpty { data["lead"] = "Todavía no hay documentos con \(title.lowercased()) en su ficha." }
        try write(.init(path: "explorar/\(folder)/index.html", title: title, description: "\(title) de \(context.settings.title).", template: "index-list",
                        data: data, nav: "navBrowse", breadcrumbs: [("Inicio", "../../index.html"), ("Explorar", "../index.html"), (title, nil)]))
        for name in names {
            try listing(folder: "explorar/\(folder)/\(slugs[name] ?? SlugMaker.base(name))/", heading: name, lead: nil,
                        items: byName[name]!, fondsBase: nil, filterLabel: nil, showFonds: true,
                        crumbs: [("Inicio", "index.html"), ("Explorar", "explorar/index.html"), (title, "explorar/\(folder)/index.html"), (name, nil)],
                        nav: "navBrowse")
        }
    }

    // MARK: about, search, 404

    /// "/memoria/" for "https://example.org/memoria/", "/" when there is no base_url.
    static func rootPath(baseURL: String) -> String {
        guard !baseURL.isEmpty, let url = URL(string: baseURL), !url.path.isEmpty else { return "/" }
        return url.path.hasSuffix("/") ? url.path : url.path + "/"
    }

    mutating func staticPages() throws {
        let fonds = context.fonds.map { ["title": $0.title, "description": $0.description, "href": "../fondos/\($0.slug)/index.html"] }
        let paragraphs = context.settings.about.components(separatedBy: "\n\n").map {
            $0.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var about: [String: Any] = ["paragraphs": paragraphs, "fonds": fonds]
        if !context.settings.contactEmail.isEmpty { about["contactEmail"] = context.settings.contactEmail }
        try write(.init(path: "acerca/index.html", title: "Acerca de", description: paragraphs.first ?? context.settings.tagline,
                        template: "about", data: about, nav: "navAbout", breadcrumbs: [("Inicio", "../index.html"), ("Acerca de", nil)]))
        try write(.init(path: "buscar/index.html", title: "Buscar", description: "Búsqueda en el texto completo y las fichas de \(context.settings.title).",
                        template: "search", data: ["fonds": context.fonds.map { ["code": $0.code, "title": $0.title] }],
                        nav: "navSearch", breadcrumbs: [("Inicio", "../index.html"), ("Buscar", nil)], scripts: ["buscar.js"]))
        var guide = OpenDataGuide.data(exampleID: context.items.map(\.id).min())
        guide["institution"] = context.settings.institutionName
        try write(.init(path: "datos/index.html", title: "Datos abiertos", description: "El catálogo de \(context.settings.title) en CSV y JSON, y qué contiene cada columna.",
                        template: "datos", data: guide, breadcrumbs: [("Inicio", "../index.html"), ("Datos abiertos", nil)]))
        // Served for any missing address, so its links start from the site's root.
        var notFound = renderer.render(.init(path: "404.html", title: "Página no encontrada", description: "Página no encontrada",
                                            template: "notfound", data: [:]))
        // The site's path on its server (from site.base_url, "/" without one), not its full address: the
        // page keeps its style under a sub-path and on any host that serves the same folder.
        let rootURL = Self.rootPath(baseURL: context.settings.baseURL)
        notFound = notFound.replacingOccurrences(of: "href=\"assets/", with: "href=\"\(rootURL)assets/")
            .replacingOccurrences(of: "href=\"index.html", with: "href=\"\(rootURL)index.html")
            .replacingOccurrences(of: "href=\"explorar/", with: "href=\"\(rootURL)explorar/")
            .replacingOccurrences(of: "href=\"buscar/", with: "href=\"\(rootURL)buscar/")
            .replacingOccurrences(of: "href=\"acerca/", with: "href=\"\(rootURL)acerca/")
            .replacingOccurrences(of: "href=\"datos/", with: "href=\"\(rootURL)datos/")
            .replacingOccurrences(of: "href=\"sitemap.xml", with: "href=\"\(rootURL)sitemap.xml")
            .replacingOccurrences(of: "action=\"buscar/", with: "action=\"\(rootURL)buscar/")
        try output.write("404.html", notFound)
        paths.insert("404.html")
    }
}
