import Catalog
import Foundation

/// The IIIF Presentation 3 Collection of a fonds (`fondos/<slug>/coleccion.json`): its published
/// items' manifests, in the order of the fonds' list page. Each manifest's `partOf` points here.
/// Written only with site.base_url set, like the manifests.
enum IIIFCollection {
    static func path(fondsSlug: String) -> String { "fondos/\(fondsSlug)/coleccion.json" }

    static func json(fonds: CatalogFonds, items: [CatalogItemSummary], files: [String: SiteItemFiles], renderer: PageRenderer) -> Data? {
        guard let id = renderer.absoluteURL(path(fondsSlug: fonds.slug)) else { return nil }
        func language(_ text: String) -> [String: [String]] { ["es": [text]] }
        let members: [[String: Any]] = items.map { item in
            var member: [String: Any] = ["id": renderer.absoluteURL(SiteContext.itemFolder(item.id) + "manifest.json") ?? "",
                                         "type": "Manifest", "label": language(item.title)]
            if let image = files[item.id]?.images.first, let thumb = renderer.absoluteURL(SiteContext.itemFolder(item.id) + "\(image.key).thumb.jpg") {
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
            "provider": [["id": renderer.settings.institutionURL.isEmpty ? renderer.absoluteURL("acerca/index.html") ?? "" : renderer.settings.institutionURL,
                          "type": "Agent", "label": language(renderer.settings.institutionName)]],
            "items": members,
        ]
        if !fonds.description.isEmpty { collection["summary"] = language(fonds.description) }
        return Data(ScriptJSON.encode(collection).utf8)
    }
}
