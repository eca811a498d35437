import Catalog
import Foundation
import Metadata

/// A IIIF Presentation 3 manifest per item: one canvas per page painted with its access image.
/// Identifiers are absolute when site.base_url is set (as IIIF viewers require), relative otherwise.
enum IIIFManifest {
    static func json(summary: CatalogItemSummary, images: [SitePageImage], fondsTitle: String, fondsSlug: String, renderer: PageRenderer) -> Data {
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
                "width": image.accessWidth, "height": image.accessHeight,
                "thumbnail": [["id": url("\(image.key).thumb.jpg"), "type": "Image", "format": "image/jpeg",
                               "width": image.thumbnailWidth, "height": image.thumbnailHeight]],
                "items": [[
                    "id": url("canvas/p\(image.sequence)/pagina"), "type": "AnnotationPage",
                    "items": [[
                        "id": url("canvas/p\(image.sequence)/pagina/imagen"), "type": "Annotation", "motivation": "painting",
                        "body": ["id": url("\(image.key).jpg"), "type": "Image", "format": "image/jpeg",
                                 "width": image.accessWidth, "height": image.accessHeight],
                        "target": canvas,
                    ]],
                ]],
            ]
        }
        var manifest: [String: Any] = [
            "@context": "http://iiif.io/api/presentation/3/context.json",
            "id": url("manifest.json"), "type": "Manifest", "label": language(summary.title), "metadata": metadata,
            "provider": [["id": renderer.settings.institutionURL.isEmpty ? url("../../acerca/index.html") : renderer.settings.institutionURL,
                          "type": "Agent", "label": language(renderer.settings.institutionName)]],
            "homepage": [["id": url("index.html"), "type": "Text", "label": language(summary.title), "format": "text/html"]],
            "seeAlso": [["id": url("mets.xml"), "type": "Dataset", "format": "application/xml", "profile": "http://www.loc.gov/METS/"],
                        ["id": url("dc.xml"), "type": "Dataset", "format": "application/xml", "profile": "http://www.openarchives.org/OAI/2.0/oai_dc/"]],
            "partOf": [["id": url("../../fondos/\(fondsSlug)/index.html"), "type": "Collection", "label": language("Fondo \(fondsTitle)")]],
            "items": canvases,
        ]
        if let description = dc["description"].first { manifest["summary"] = language(description) }
        // IIIF's `rights` takes only a Creative Commons or RightsStatements.org URI; words go in requiredStatement.
        if let statement = dc["rights"].lazy.compactMap(RightsStatement.recognise).first { manifest["rights"] = statement.uri }
        if let rights = dc["rights"].first {
            let shown = RightsStatement.recognise(rights)?.label ?? rights
            manifest["requiredStatement"] = ["label": language("Derechos"), "value": language(shown)]
        }
        return Data(ScriptJSON.encode(manifest).utf8)
    }
}
