import Catalog
import Foundation
import Metadata

/// A IIIF Presentation 3 manifest per item: one canvas per page painted with its access image, whose
/// body carries the page's level-0 image service (tiles, or whole images at the copies' sizes), part
/// of the IIIF Collection of its fonds. Presentation 3 wants absolute identifiers, so manifests are
/// written only when site.base_url is set (nil otherwise; publish says so).
enum IIIFManifest {
    static func json(summary: CatalogItemSummary, images: [SitePageImage], fondsTitle: String, fondsSlug: String, renderer: PageRenderer) -> Data? {
        guard renderer.settings.hasBaseURL else { return nil }
        let folder = SiteContext.itemFolder(summary.id)
        func url(_ relative: String) -> String { renderer.absoluteURL(folder + relative) ?? relative }
        func language(_ text: String) -> [String: [String]] { ["es": [text]] }
        let dc = summary.dublinCore
        var metadata: [[String: Any]] = []
        for element in ["creator", "date", "subject", "type", "identifier", "source"] where !dc[element].isEmpty {
            metadata.append(["label": language(Labels.element[element] ?? element), "value": ["es": dc[element]]])
        }
        let canvases: [[String: Any]] = images.map { image in
            let canvas = url("canvas/p\(image.sequence)")
            return [
                "id": canvas, "type": "Canvas", "label": language("Página \(image.sequence)"),
                "width": image.tiles?.width ?? image.accessWidth, "height": image.tiles?.height ?? image.accessHeight,
                "thumbnail": [["id": url(image.thumbnailSitePath), "type": "Image", "format": "image/jpeg",
                               "width": image.thumbnailWidth, "height": image.thumbnailHeight]],
                "items": [[
                    "id": url("canvas/p\(image.sequence)/pagina"), "type": "AnnotationPage",
                    "items": [[
                        "id": url("canvas/p\(image.sequence)/pagina/imagen"), "type": "Annotation", "motivation": "painting",
                        "body": body(image, url: url),
                        "target": canvas,
                    ]],
                ]],
            ]
        }
        var manifest: [String: Any] = [
            "@context": "http://iiif.io/api/presentation/3/context.json",
            "id": url("manifest.json"), "type": "Manifest", "label": language(summary.title), "metadata": metadata,
            "provider": [["id": renderer.settings.institutionURL.isEmpty ? (renderer.absoluteURL("acerca/index.html") ?? "") : renderer.settings.institutionURL,
                          "type": "Agent", "label": language(renderer.settings.institutionName)]],
            "homepage": [["id": url("index.html"), "type": "Text", "label": language(summary.title), "format": "text/html"]],
            "seeAlso": [["id": url("mets.xml"), "type": "Dataset", "format": "application/xml", "profile": "http://www.loc.gov/METS/"],
                        ["id": url("dc.xml"), "type": "Dataset", "format": "application/xml", "profile": "http://www.openarchives.org/OAI/2.0/oai_dc/"]],
            "partOf": [["id": renderer.absoluteURL(IIIFCollection.path(fondsSlug: fondsSlug)) ?? "", "type": "Collection",
                        "label": language("Fondo \(fondsTitle)")]],
            "items": canvases,
        ]
        if let date = dc["date"].first, let navDate = NavDate.iso(edtf: date) { manifest["navDate"] = navDate }
        if let description = dc["description"].first { manifest["summary"] = language(description) }
        // IIIF's `rights` takes only a Creative Commons or RightsStatements.org URI; words go in requiredStatement.
        if let statement = dc["rights"].lazy.compactMap(RightsStatement.recognise).first { manifest["rights"] = statement.uri }
        if let rights = dc["rights"].first {
            let shown = RightsStatement.recognise(rights)?.label ?? rights
            manifest["requiredStatement"] = ["label": language("Derechos"), "value": language(shown)]
        }
        return Data(ScriptJSON.encode(manifest).utf8)
    }

    /// The painted image: the access copy, with the page's static image service (its tiles, or its
    /// whole-image sizes).
    static func body(_ image: SitePageImage, url: (String) -> String) -> [String: Any] {
        var body: [String: Any] = ["id": url(image.accessSitePath), "type": "Image", "format": "image/jpeg",
                                   "width": image.accessWidth, "height": image.accessHeight]
        if image.tiles != nil || image.sizes != nil {
            body["service"] = [["id": url("iiif/\(image.key)"), "type": "ImageService3", "profile": "level0"]]
        }
        return body
    }
}
