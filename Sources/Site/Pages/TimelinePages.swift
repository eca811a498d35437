import Catalog
import Foundation

/// The timeline (explorar/fechas/): decades, and inside each the years that items name exactly, from
/// the EDTF dates. An item dated to a decade, a century or an interval appears on its decade's page
/// but on no year's; an uncertain or approximate date is counted and labelled as such. Every list is
/// sorted by date. Plain pages: they work without JavaScript.
extension ListingBuilder {
    mutating func timeline() throws {
        var decades: [Int: [CatalogItemSummary]] = [:]
        var undated: [CatalogItemSummary] = []
        for item in context.items {
            if let decade = SiteContext.decade(item) { decades[decade, default: []].append(item) } else { undated.append(item) }
        }
        var entries: [[String: Any]] = []
        for decade in decades.keys.sorted() {
            let items = BrowseValues.sortedByDate(decades[decade]!)
            var byYear: [Int: [CatalogItemSummary]] = [:]
            for item in items { if let year = BrowseValues.year(item) { byYear[year, default: []].append(item) } }
            let imprecise = items.filter { BrowseValues.year($0) == nil }.count
            var entry: [String: Any] = [
                "start": decade, "label": Labels.decade(decade).capitalizedFirst, "href": "\(decade)/index.html", "count": items.count,
                "hasYears": !byYear.isEmpty,
                "years": byYear.keys.sorted().map { year -> [String: Any] in
                    let uncertain = byYear[year]!.filter(BrowseValues.isUncertain).count
                    var value: [String: Any] = ["year": year, "href": "\(decade)/\(year)/index.html", "count": byYear[year]!.count]
                    if uncertain > 0 { value["uncertain"] = uncertain == 1 ? "1 con fecha dudosa o aproximada" : "\(uncertain) con fecha dudosa o aproximada" }
                    return value
                },
            ]
            if imprecise > 0 {
                entry["imprecise"] = imprecise == 1 ? "1 documento fechado solo por década, siglo o intervalo"
                    : "\(imprecise) documentos fechados solo por década, siglo o intervalo"
            }
            entries.append(entry)
            let label = Labels.decade(decade).capitalizedFirst
            try listing(folder: "explorar/fechas/\(decade)/", heading: label,
                        lead: byYear.isEmpty ? nil : "Años: " + byYear.keys.sorted().map(String.init).joined(separator: ", ") + ".",
                        items: items, fondsBase: nil, filterLabel: nil, showFonds: true,
                        crumbs: [("Inicio", "index.html"), ("Explorar", "explorar/index.html"), ("Línea del tiempo", "explorar/fechas/index.html"), (label, nil)],
                        nav: "navBrowse")
            for (year, yearItems) in byYear {
                try listing(folder: "explorar/fechas/\(decade)/\(year)/", heading: "Año \(year)", lead: nil,
                            items: yearItems, fondsBase: nil, filterLabel: nil, showFonds: true,
                            crumbs: [("Inicio", "index.html"), ("Explorar", "explorar/index.html"), ("Línea del tiempo", "explorar/fechas/index.html"),
                                     (label, "explorar/fechas/\(decade)/index.html"), ("\(year)", nil)],
                            nav: "navBrowse")
            }
        }
        var data: [String: Any] = ["decades": entries, "hasDecades": !entries.isEmpty]
        if !undated.isEmpty {
            data["undated"] = ["href": "sin-fecha/index.html", "count": undated.count]
            try listing(folder: "explorar/fechas/sin-fecha/", heading: "Sin fecha", lead: nil, items: undated.sorted { $0.sortTitle < $1.sortTitle },
                        fondsBase: nil, filterLabel: nil, showFonds: true,
                        crumbs: [("Inicio", "index.html"), ("Explorar", "explorar/index.html"), ("Línea del tiempo", "explorar/fechas/index.html"), ("Sin fecha", nil)],
                        nav: "navBrowse")
        }
        try write(.init(path: "explorar/fechas/index.html", title: "Línea del tiempo", description: "Documentos por década y por año.",
                        template: "timeline", data: data, nav: "navBrowse",
                        breadcrumbs: [("Inicio", "../../index.html"), ("Explorar", "../index.html"), ("Línea del tiempo", nil)]))
    }
}

extension String {
    /// The text with its first letter in capitals ("década de 1950" → "Década de 1950").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
