import Catalog
import Foundation

/// The IIIF Presentation 3 Collections of the site: one per fonds (`fondos/<slug>/coleccion.json`,
/// its published items' manifests in the order of the fonds' list page; each manifest's `partOf`
/// points there) and one of the whole site (`iiif/coleccion.json`, the fonds collections, each of
/// them `partOf` it). Written only with site.base_url set, like the manifests.
enum IIIFCollection {
    static func path(fondsSlug: String) -> String { "fondos/\(fondsSlug)/coleccion.json" }
    static let sitePath = "iiif/coleccion.json"

    private static func language(_ text: String) -> [String: [String]] { ["es": [text]] }

    private static func provider(_ renderer: PageRenderer) -> [[String: Any]] {
        [["id": renderer.settings.institutionURL.isEmpty ? renderer.absoluteURL("acerca/index.html") ?? "" : renderer.settings.institutionURL,
          "type": "Agent", "label": language(renderer.settings.institutionName)]]
    }

    /// The site's Collection: the collections of the fonds that have published items, in the order given.
    static func siteJSON(fonds: [CatalogFonds], renderer: PageRenderer) -> Data? {
        guard let id = renderer.absoluteURL(sitePath), !fonds.isEmpty else { return nil }
        let members: [[String: Any]] = fonds.map { f in
            ["id": renderer.absoluteURL(path(fondsSlug: f.slug)) ?? "", "type": "Collection", "label": language("Fondo \(f.title)")]
        }
        let collection: [String: Any] = [
            "@context": "http://iiif.io/api/presentation/3/context.json",
            "id": id, "type": "Collection", "label": language(renderer.settings.title),
            "homepage": [["id": renderer.absoluteURL("index.html") ?? "", "type": "Text", "label": language(renderer.settings.title), "format": "text/html"]],
            "provider": provider(renderer),
            "items": members,
        ]
        return Data(ScriptJSON.encode(collection).utf8)
    }

    static func json(fonds: CatalogFonds, items: [CatalogItemSummary], files: [String: SiteItemFiles], renderer: PageRenderer) -> Data? {
        guard let id = renderer.absoluteURL(path(fondsSlug: fonds.slug)) else { return nil }
        let members: [[String: Any]] = items.map { item in
            var member: [String: Any] = ["id": renderer.absoluteURL(SiteContext.itemFolder(item.id) + "manifest.json") ?? "",
                                         "type": "Manifest", "label": language(item.title)]
            if let image = files[item.id]?.images.first, let thumb = renderer.absoluteURL(SiteContext.itemFolder(item.id) + image.thumbnailSitePath) {
                member["thumbnail"] = [["id": thumb, "type": "Image", "format": "image/jpeg",
                                        "width": image.thumbnailWidth, "height": image.thumbnailHeight]]
            }
            return member
        }
        var collection: [String: Any] = [
            "@context": "http://iiif.io/api/presentation/3/context.json",
            "id": id, "type": "Collection", "label": language("Fondo \(fonds.title)"),
            "homepage": [["id": renderer.absoluteURL("fondos/\(fonds.slug)/index.html") ?? "", "type": "Text",
                          "label": language("Fondo \(fonds.title)"), "format": "text/html"]],
            "provider": provider(renderer),
            "items": members,
        ]
        if let site = renderer.absoluteURL(sitePath) {
            collection["partOf"] = [["id": site, "type": "Collection", "label": language(renderer.settings.title)]]
        }
        if !fonds.description.isEmpty { collection["summary"] = language(fonds.description) }
        return Data(ScriptJSON.encode(collection).utf8)
    }
}
