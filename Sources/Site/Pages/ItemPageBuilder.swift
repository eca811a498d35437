import Catalog
import Foundation
import Metadata
import Support
import Mustache

/// One item's files in the site: its page (viewer, Dublin Core with Spanish labels, transcription,
/// citation, rights, downloads), the page images, per-page text files, METS and DC copies, and its
/// IIIF Presentation 3 manifest.
struct ItemPageBuilder {
    let context: SiteContext
    let renderer: PageRenderer
    let output: SiteOutput
    /// Related documents' cards, rendered once per publish (every item page has the same root).
    let cards = CardCache()

    final class CardCache {
        var html: [String: String] = [:]
    }

    static let sourceLabels = ["transcription": "Transcripción", "alto": "Texto tomado de un archivo ALTO",
                               "hocr": "Texto tomado de un archivo hOCR", "ocr": "Texto automático (OCR): puede contener errores"]

    func build(_ summary: CatalogItemSummary, pages: [CatalogItem.Page]) throws {
        let folder = SiteContext.itemFolder(summary.id)
        let path = folder + "index.html"
        let root = PageRenderer.root(for: path)
        let dc = summary.dublinCore
        let files = context.files[summary.id] ?? SiteItemFiles(images: [], metsFile: nil, dcFile: nil)
        let images = Dictionary(files.images.map { ($0.sequence, $0) }, uniquingKeysWith: { a, _ in a })
        let fondsTitle = context.fondsTitle(summary.fondsCode)

        var pageData: [[String: Any]] = []
        let inlineTexts = ViewerTexts.inline(pages)
        var viewerTexts: [String: Any] = [:]
        for page in pages {
            guard let image = images[page.sequence] else { continue }
            // A page with a whole-image service is served from its IIIF paths only (the same files);
            // a page with tiles keeps its copies beside the page (its tiles are made from the master).
            if let sizes = image.sizes {
                try publishSizes(sizes, itemID: summary.id, key: image.key)
            } else {
                try output.link(folder + image.accessSitePath, from: image.accessFile)
                try output.link(folder + image.thumbnailSitePath, from: image.thumbnailFile)
                if let tiles = image.tiles { try publishTiles(tiles, itemID: summary.id, key: image.key) }
            }
            if let medium = image.medium, let path = image.mediumSitePath { try output.link(folder + path, from: medium.file) }
            let label = Self.sourceLabels[page.textSource ?? ""] ?? ""
            // The page at full size: the coordinates of its tiles and of its ALTO/hOCR words.
            let scanned = page.width > 0 && page.height > 0
            let fullWidth = image.tiles?.width ?? (scanned ? page.width : image.accessWidth)
            let fullHeight = image.tiles?.height ?? (scanned ? page.height : image.accessHeight)
            var words: String?
            if let source = page.textSource, let textPath = page.textPath,
               let script = WordBoxScript.script(page: .init(sequence: page.sequence, source: source, path: textPath), file: files.textFiles[textPath],
                                                 width: fullWidth, height: fullHeight, ocrWordConfidenceFloor: context.settings.ocrWordConfidenceFloor) {
                try output.write(folder + "w/\(page.sequence).js", script)
                words = "w/\(page.sequence).js"
            }
            // The viewer's copy of the text: inside the page when the document's text is short
            // (ViewerTexts), one script per page otherwise (loaded when the page is shown).
            let textHref: String? = inlineTexts ? nil : "t/\(page.sequence).js"
            if let textHref {
                try output.write(folder + textHref, "MemoriaTexto(\(page.sequence),\(PageRenderer.scriptSafeJSON(["f": label, "t": page.text])));\n")
            } else {
                viewerTexts[String(page.sequence)] = ["f": label, "t": page.text]
            }
            // A byte order mark: browsers read the file as UTF-8 even when the server names no charset.
            try output.write(folder + "t/\(page.sequence).txt", "\u{FEFF}" + page.text + "\n")
            var entry: [String: Any] = ["sequence": page.sequence, "label": page.label, "access": image.accessSitePath, "thumb": image.thumbnailSitePath,
                             "width": image.accessWidth, "height": image.accessHeight, "thumbWidth": image.thumbnailWidth,
                             "thumbHeight": image.thumbnailHeight, "textFile": "t/\(page.sequence).txt",
                             "textSourceLabel": label,
                             "fullWidth": fullWidth, "fullHeight": fullHeight,
                             "hasText": !page.text.isEmpty,
                             "paragraphs": page.text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }]
            if let tiles = image.tiles {
                entry["tiles"] = "iiif/\(image.key)/"
                entry["tileSize"] = tiles.tileSize
                entry["scaleFactors"] = tiles.scaleFactors.map(String.init).joined(separator: ",")
            }
            if let words { entry["words"] = words }
            if let textHref { entry["textHref"] = textHref }
            // Only pages with a medium copy get srcset/sizes (a nil value would render as text).
            if let srcset = Self.srcset(image) {
                entry["srcset"] = srcset
                entry["sizes"] = Self.sizes(width: image.accessWidth, height: image.accessHeight)
            }
            pageData.append(entry)
        }
        if let mets = files.metsFile { try output.link(folder + "mets.xml", from: mets) }
        if let pdf = files.pdf { try output.link(SiteItemPDF.sitePath(itemID: summary.id), from: pdf.file) }
        if let dcFile = files.dcFile { try output.link(folder + "dc.xml", from: dcFile) }

        let itemURL = renderer.absoluteURL(path) ?? ""
        let item = CatalogItem(id: summary.id, fondsCode: summary.fondsCode, headVersion: summary.headVersion, createdAt: summary.createdAt,
                               updatedAt: summary.updatedAt, dublinCore: dc, batchID: nil, files: [], pages: pages, events: [])
        var data: [String: Any] = [
            "title": summary.title, "fondsTitle": fondsTitle,
            "fondsHref": root + "fondos/\(context.fondsSlug(summary.fondsCode))/index.html",
            "pageCount": pageData.count, "pageCountLabel": pageData.count == 1 ? "1 página" : "\(pageData.count) páginas",
            "pages": pageData, "hasPages": !pageData.isEmpty, "fields": fields(dc, root: root),
            "searchable": pageData.contains { $0["hasText"] as? Bool == true },
            "leaflet": renderer.assets["leaflet/leaflet.js"] == nil ? "" : root + "assets/leaflet/",
            "citation": Citation.text(item: item, fondsTitle: fondsTitle, settings: context.settings, url: itemURL, accessed: context.accessed),
            "rights": dc["rights"].map { value -> [String: Any] in
                guard let statement = RightsStatement.recognise(value) else { return ["text": value] }
                return ["text": statement.label, "href": statement.uri]
            }, "version": "v\(summary.headVersion)", "updated": String(summary.updatedAt.prefix(10)),
        ]
        if let date = dc["date"].first { data["date"] = Labels.readableDate(date) }
        if let first = pageData.first { data["first"] = first }
        if !viewerTexts.isEmpty { data["viewerTexts"] = PageRenderer.scriptSafeJSON(viewerTexts) }
        if let pdf = files.pdf {
            data["pdf"] = ["href": "\(summary.id).pdf", "size": SpanishText.bytes(pdf.bytes),
                           "pages": pdf.pages == 1 ? "1 página" : "\(pdf.pages) páginas"]
        }
        let manifest = IIIFManifest.json(summary: summary, images: pages.compactMap { images[$0.sequence] }, fondsTitle: fondsTitle,
                                         fondsSlug: context.fondsSlug(summary.fondsCode), renderer: renderer)
        if manifest != nil { data["manifest"] = "manifest.json" }
        let formats = CitationFormats(summary: summary, fondsTitle: fondsTitle, settings: context.settings, url: itemURL, accessed: context.accessed)
        data["citationFiles"] = formats.downloads.map { ["href": $0.href, "label": $0.label, "name": $0.name] }
        let related = (context.related[summary.id] ?? []).compactMap { context.byID[$0] }
        if !related.isEmpty {
            data["hasRelated"] = true
            data["related"] = related.map { other -> [String: Any] in
                if let known = cards.html[other.id] { return ["html": known] }
                let html = renderer.library.render(context.card(other, root: root, showFonds: true), withTemplate: "card") ?? ""
                cards.html[other.id] = html
                return ["html": html]
            }
        }
        let description = dc["description"].first ?? "\(summary.title). Documento del fondo \(fondsTitle), \(context.settings.title)."
        let html = renderer.render(.init(
            path: path, title: summary.title, description: String(description.prefix(300)), template: "item", data: data,
            breadcrumbs: context.unitCrumbs(context.unitPath(of: summary), fondsCode: summary.fondsCode, root: root) + [(summary.title, nil)],
            scripts: pageData.isEmpty ? [] : ["visor.js"], jsonLD: jsonLD(summary, fondsTitle: fondsTitle, itemURL: itemURL, images: files.images),
            ogImage: files.images.first.map { folder + $0.thumbnailSitePath }, ogType: "article"))
        try output.write(path, html)
        if let manifest { try output.write(folder + "manifest.json", manifest) } else { output.remove(folder + "manifest.json") }
    }

    /// How wide the viewer shows a page, for the browser to pick from `srcset`: the page fitted in
    /// the viewer (estilo.css: at most the screen less its margins, and at most as tall as the viewer,
    /// 60vh on phones, `min(70vh, 60rem)` elsewhere), so a desktop too takes the medium copy when it
    /// shows the page smaller than it. Media conditions instead of `min()`, which HTML validators
    /// refuse in `sizes`: a screen narrower than the page's proportion at the viewer's height is
    /// limited by its width (the margins are left out of that test, which errs on the larger copy).
    static func sizes(width: Int, height: Int) -> String {
        let ratio = Double(width) / Double(max(1, height))
        func figure(_ value: Double) -> String {
            let rounded = (value * 10).rounded(.up) / 10
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        let phone = Int((600 * ratio).rounded(.up)), wide = Int((700 * ratio).rounded(.up))
        return "(max-width: 40rem) and (max-aspect-ratio: \(phone)/1000) calc(100vw - 3rem), (max-width: 40rem) \(figure(60 * ratio))vh, "
            + "(max-aspect-ratio: \(wide)/1000) calc(100vw - 3rem), (min-height: 85.8rem) \(figure(60 * ratio))rem, \(figure(70 * ratio))vh"
    }

    /// The page's copies by width (the medium one when there is one, and the access copy).
    static func srcset(_ image: SitePageImage) -> String? {
        guard let medium = image.medium, let path = image.mediumSitePath else { return nil }
        return "\(path) \(medium.width)w, \(image.accessSitePath) \(image.accessWidth)w"
    }

    private func fields(_ dc: DublinCoreRecord, root: String) -> [[String: Any]] {
        // The rights are shown once, in their own section.
        DublinCoreRecord.elements.filter { $0 != "rights" }.compactMap { element -> [String: Any]? in
            let values = dc[element]
            guard !values.isEmpty else { return nil }
            let rendered: [[String: Any]] = values.map { value in
                switch element {
                case "creator":
                    return ["text": value, "href": root + "explorar/creadores/\(context.creatorSlugs[value] ?? SlugMaker.base(value))/index.html"]
                case "subject":
                    return ["text": value, "href": root + "explorar/temas/\(context.subjectSlugs[value] ?? SlugMaker.base(value))/index.html"]
                case "date": return ["text": Labels.readableDate(value) + (Labels.readableDate(value) == value ? "" : " (\(value))")]
                case "type": return ["text": Labels.typeName(value)]
                case "format": return ["text": Labels.formatName(value)]
                case "coverage" where EDTFDate(value) == nil:
                    return ["text": value, "href": root + "explorar/lugares/\(context.placeSlugs[value] ?? SlugMaker.base(value))/index.html"]
                case "coverage": return ["text": Labels.readableDate(value)]
                case "language": return ["text": Labels.languageName(value)]
                default: return ["text": value]
                }
            }
            return ["label": Labels.element[element] ?? element, "values": rendered]
        }
    }

    /// schema.org: the item's unit (an ArchiveComponent, part of the units above it up to the fonds), or the fonds.
    private func isPartOf(_ summary: CatalogItemSummary, fondsTitle: String) -> [String: Any] {
        var node: [String: Any] = ["@type": "Collection", "name": "Fondo \(fondsTitle)"]
        for unit in context.unitPath(of: summary) where unit.level != .fondo {
            var part: [String: Any] = ["@type": "ArchiveComponent", "name": "\(unit.level.label) \(unit.title)", "identifier": unit.code, "isPartOf": node]
            if let base = context.settings.baseURL.isEmpty ? nil : context.settings.baseURL {
                part["url"] = (base.hasSuffix("/") ? base : base + "/") + context.unitFolder(unit, fondsCode: summary.fondsCode)
            }
            node = part
        }
        return node
    }

    private func jsonLD(_ summary: CatalogItemSummary, fondsTitle: String, itemURL: String, images: [SitePageImage]) -> [String: Any] {
        let dc = summary.dublinCore
        var ld: [String: Any] = [
            "@context": "https://schema.org", "@type": "ArchiveComponent", "name": summary.title, "identifier": summary.id,
            "isPartOf": isPartOf(summary, fondsTitle: fondsTitle),
            "holdingArchive": ["@type": "ArchiveOrganization", "name": context.settings.institutionName],
            "inLanguage": dc["language"].first ?? "spa",
        ]
        if !itemURL.isEmpty { ld["url"] = itemURL }
        if let date = dc["date"].first {
            let schemaDate = SchemaDates(edtf: date)
            if let created = schemaDate.dateCreated { ld["dateCreated"] = created }
            if let coverage = schemaDate.temporalCoverage { ld["temporalCoverage"] = coverage }
        }
        let creators = dc["creator"].compactMap { name -> [String: Any]? in
            switch CreatorKind.of(name) {
            case .anonymous: return nil
            case .organization: return ["@type": "Organization", "name": name]
            case .person(let family, let given):
                var person: [String: Any] = ["@type": "Person", "name": given.map { "\($0) \(family)" } ?? family, "familyName": family]
                if let given { person["givenName"] = given }
                return person
            }
        }
        if !creators.isEmpty { ld["creator"] = creators }
        if !dc["subject"].isEmpty { ld["keywords"] = dc["subject"].joined(separator: ", ") }
        if let description = dc["description"].first { ld["description"] = description }
        if let statement = dc["rights"].lazy.compactMap(RightsStatement.recognise).first { ld["license"] = statement.uri }
        if let words = dc["rights"].first(where: { RightsStatement.recognise($0) == nil }) { ld["copyrightNotice"] = words }
        if let image = images.first, let base = renderer.absoluteURL(SiteContext.itemFolder(summary.id) + image.accessSitePath) { ld["image"] = base }
        return ld
    }

    /// A page's whole-image service (no tiles): its info.json and the copies it lists, as hard links.
    private func publishSizes(_ sizes: SiteStaticSizes, itemID: String, key: String) throws {
        let base = SitePageTiles.sitePath(itemID: itemID, key: key)
        for (path, source) in sizes.files.sorted(by: { $0.key < $1.key }) { try output.link("\(base)/\(path)", from: source) }
        try output.write("\(base)/info.json", sizes.infoJSON)
    }

    /// A page's tiles into the site (hard links, as the access images) with its info.json.
    private func publishTiles(_ tiles: SitePageTiles, itemID: String, key: String) throws {
        let base = SitePageTiles.sitePath(itemID: itemID, key: key)
        for file in FileTree.files(under: tiles.folder) where file.path != "pyramid.json" {
            try output.link("\(base)/\(file.path)", from: tiles.folder + "/" + file.path)
        }
        try output.write("\(base)/info.json", tiles.infoJSON)
    }
}
