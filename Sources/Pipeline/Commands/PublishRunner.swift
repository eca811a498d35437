import Catalog
import Foundation
import Imaging
import Metadata
import Preservation
import Site
import Support

/// What `memoria publish` did.
public struct PublishSummary: Codable, Sendable {
    public var site: SiteSummary
    /// Spanish warnings (pages without access copies...).
    public var warnings: [String]
    /// The site's front page, shown relative.
    public var frontPage: String

    public var linesForPeople: [String] {
        let s = site
        if s.mode == "unchanged" {
            return ["El sitio ya estaba al día: nada de lo que publica cambió desde la última publicación (\(SpanishText.count(s.items, "documento", "documentos")), índice de búsqueda de \(SpanishText.bytes(s.searchIndexBytes))); \(SpanishText.duration(s.seconds)). Para escribirlo todo de nuevo: memoria publish --full"]
                + warnings.map { "aviso: \($0)" } + ["Sitio: \(frontPage)"]
        }
        return ["Sitio publicado (\(s.mode == "full" ? "completo" : "incremental")): \(SpanishText.count(s.items, "documento", "documentos")), \(SpanishText.number(s.itemsRendered)) escritos de nuevo, \(SpanishText.number(s.itemsRemoved)) retirados; \(SpanishText.count(s.filesWritten, "archivo escrito", "archivos escritos")), \(SpanishText.number(s.filesUnchanged)) sin cambios; índice de búsqueda de \(SpanishText.bytes(s.searchIndexBytes)); \(SpanishText.duration(s.seconds))"]
            + warnings.map { "aviso: \($0)" } + ["Sitio: \(frontPage)"]
    }
}

/// `memoria publish`: gathers what the site needs (catalog, derivatives, archived METS and DC) and has
/// the Site room write it; records the date of the publish in the catalog.
public struct PublishRunner {
    let context: StageContext

    public init(context: StageContext) { self.context = context }

    /// A page's tiles, when derive made them: their folder and an info.json whose id is the page's
    /// tiles address on the site (absolute with site.base_url, relative to the site root otherwise).
    func tiles(itemID: String, key: String, pyramid: TilePyramid?, store: DerivativeStore) -> SitePageTiles? {
        guard let pyramid else { return nil }
        let folder = store.tilesPath(itemID: itemID, key: key)
        let id = context.config.site.baseUrl + SitePageTiles.sitePath(itemID: itemID, key: key)
        // Rendered only for the pages of items the publish renders.
        let infoJSON = DeferredText(inputs: pyramid.fingerprint + "/\(pyramid.width)x\(pyramid.height)/\(pyramid.tileSize)/" + id) {
            IIIFInfoJSON.render(pyramid, id: id)
        }
        return SitePageTiles(folder: folder, width: pyramid.width, height: pyramid.height, infoJSON: infoJSON,
                             tileSize: pyramid.tileSize, scaleFactors: pyramid.scaleFactors)
    }

    /// The whole-image service of a page without tiles: the access copy is `full/max` (and its own
    /// size), the medium copy and the thumbnail their sizes; all hard links of the derivatives.
    func sizes(itemID: String, key: String, image: SitePageImage) -> SiteStaticSizes {
        var files = ["full/max/0/default.jpg": image.accessFile]
        var listed: [(width: Int, height: Int)] = []
        // Largest first: a copy no smaller than the access copy (a tiny page's thumbnail) is not listed twice.
        let copies = [(image.accessWidth, image.accessHeight, image.accessFile)] + (image.medium.map { [($0.width, $0.height, $0.file)] } ?? [])
            + [(image.thumbnailWidth, image.thumbnailHeight, image.thumbnailFile)]
        for (width, height, file) in copies where files["full/\(width),\(height)/0/default.jpg"] == nil {
            files["full/\(width),\(height)/0/default.jpg"] = file
            listed.append((width: width, height: height))
        }
        let id = context.config.site.baseUrl + SitePageTiles.sitePath(itemID: itemID, key: key)
        let (width, height, sizes) = (image.accessWidth, image.accessHeight, listed)
        // Rendered only for the pages of items the publish renders.
        var inputs = id
        for size in sizes { inputs += "/\(size.width)x\(size.height)" }
        let infoJSON = DeferredText(inputs: inputs) {
            IIIFInfoJSON.render(width: width, height: height, sizes: sizes, id: id)
        }
        return SiteStaticSizes(infoJSON: infoJSON, files: files)
    }

    public func run(full: Bool) throws -> PublishSummary {
        let started = Date()
        let config = context.config
        let catalog = try context.openCatalog()
        var warnings: [String] = []
        let store = DerivativeStore(root: config.url(\.derivatives))
        let site = config.url(\.site)
        let settings = Self.siteSettings(config)
        let libraries = LeafletLookup.libraries(environment: ProcessInfo.processInfo.environment)
        if let line = libraries.warning {
            context.reporter.warning(line)
            warnings.append(line)
        }
        if config.site.baseUrl.isEmpty {
            let line = "site.base_url está vacía en pipeline.yaml: sin la dirección pública del sitio no se escriben los manifiestos IIIF ni sus colecciones, y el mapa del sitio y los enlaces canónicos no tienen direcciones completas. Póngala (por ejemplo https://memoria.hidalgo.gob.mx/) y vuelva a publicar"
            warnings.append(line)   // said once, with the summary (not also as a progress warning)
        }
        // What the site is made of, read before anything else (a change made while this publish runs
        // draws new stamps, so the next publish sees it). Equal to the last publish's: nothing to do.
        let inputsKey = publishedInputsKey(catalog: catalog, store: store, settings: settings, libraries: libraries.found)
        if !full, let inputsKey, let current = PublishedInputs.currentSite(site: site, key: inputsKey, today: context.today, started: started) {
            noteLastPublish(catalog, warnings: &warnings)
            return PublishSummary(site: current, warnings: warnings, frontPage: context.displayPath(current.path + "/index.html"))
        }
        PublishedInputs.forget(site: site)
        // A publish that has something to say (pages without access copies, documents without PDF)
        // leaves no record of its inputs, so that the next one looks again and says it again.
        var complete = true
        let archivePath = config.url(\.archive).path
        let masters: [String: [(sequence: Int, masterPath: String, indexInFile: Int)]]
        let metadata: [String: [String: String]]
        let texts: [String: [String: String]]
        do {
            masters = try catalog.pageMasters()
            metadata = try catalog.metadataContentPaths()
            texts = try catalog.textContentPaths()
        } catch {
            throw PipelineError.environment("No se pudo leer el catálogo: \(SystemErrorText.describe(error).spanish). Ejecute memoria reindex", detail: "\(error)")
        }
        var files: [String: SiteItemFiles] = [:]
        var entriesByItem: [String: [DerivativeStore.Entry]] = [:]
        var missing: [String] = []
        // What the derivative store holds for each item: taken from the last publish's record unless
        // the store's journal names the item since (PublishedDerivatives), read from the store otherwise.
        let recordURL = PublishedDerivatives.url(site: site)
        let journal = store.journalPositionStartingOne()
        var previousRecord: PublishedDerivatives?
        var changedSince: Set<String> = []
        if !full, let journal, let record = PublishedDerivatives.load(recordURL),
           let changed = store.itemsChanged(after: record.position, upTo: journal) {
            previousRecord = record
            changedSince = changed
        }
        let itemIDs = Array(masters.keys)
        let toRead = itemIDs.filter { changedSince.contains($0) || previousRecord?.items[$0] == nil }
        // One manifest per item and one pyramid per page: read on both cores.
        let reads = DerivativeReads(count: toRead.count)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            for index in stride(from: half, to: toRead.count, by: 2) {
                let entries = store.manifest(itemID: toRead[index])
                var item = PublishedDerivatives.Item(entries: entries)
                for entry in entries {
                    item.pyramids[entry.key] = TilePyramidFile.read(from: URL(fileURLWithPath: store.tilesPath(itemID: toRead[index], key: entry.key), isDirectory: true))
                }
                reads.set(index, item)
            }
        }
        var derived: [String: PublishedDerivatives.Item] = [:]
        for (index, id) in toRead.enumerated() { derived[id] = reads[index] }
        var knownPDFs: [String: ItemPDFs.Stamp] = [:]
        for id in itemIDs where derived[id] == nil {
            derived[id] = previousRecord?.items[id]
            knownPDFs[id] = previousRecord?.items[id]?.pdf
        }
        for itemID in itemIDs {
            let pages = masters[itemID] ?? []
            let item = derived[itemID] ?? PublishedDerivatives.Item()
            let entries = Dictionary(item.entries.map { ("\($0.masterPath)#\($0.indexInFile)", $0) }, uniquingKeysWith: { a, _ in a })
            var images: [SitePageImage] = []
            for page in pages {
                guard let entry = entries["\(page.masterPath)#\(page.indexInFile)"] else { missing.append("\(itemID) p\(page.sequence)"); continue }
                let thumb = PixelImage.fittedSize(width: entry.accessWidth, height: entry.accessHeight, longEdge: config.derivatives.thumbnailLongEdge)
                var image = SitePageImage(sequence: page.sequence, key: entry.key, accessFile: store.accessPath(itemID: itemID, key: entry.key),
                                          thumbnailFile: store.thumbnailPath(itemID: itemID, key: entry.key),
                                          accessWidth: entry.accessWidth, accessHeight: entry.accessHeight,
                                          thumbnailWidth: thumb.width, thumbnailHeight: thumb.height,
                                          tiles: tiles(itemID: itemID, key: entry.key, pyramid: item.pyramids[entry.key], store: store))
                if let width = entry.mediumWidth, let height = entry.mediumHeight {
                    image.medium = SiteMediumImage(file: store.mediumPath(itemID: itemID, key: entry.key), width: width, height: height)
                }
                if image.tiles == nil { image.sizes = sizes(itemID: itemID, key: entry.key, image: image) }
                images.append(image)
            }
            entriesByItem[itemID] = item.entries
            let paths = metadata[itemID] ?? [:]
            files[itemID] = SiteItemFiles(images: images,
                                          metsFile: paths["metadata/mets.xml"].map { "\(archivePath)/\(itemID)/\($0)" },
                                          dcFile: paths["metadata/dc.xml"].map { "\(archivePath)/\(itemID)/\($0)" },
                                          textFiles: (texts[itemID] ?? [:]).filter { $0.key.hasSuffix(".xml") || $0.key.hasSuffix(".hocr") }
                                            .mapValues { "\(archivePath)/\(itemID)/\($0)" })
        }
        if !missing.isEmpty {
            complete = false
            let line = "\(SpanishText.count(missing.count, "página", "páginas")) sin copia de consulta (por ejemplo \(SpanishText.list(Array(missing.prefix(3))))); ejecute memoria derive y vuelva a publicar"
            context.reporter.warning(line)
            warnings.append(line)
        }
        // Read once, for the PDFs and the site.
        let summaries: [CatalogItemSummary]
        do { summaries = try catalog.itemSummaries() } catch {
            throw PipelineError.environment("No se pudo leer el catálogo: \(SystemErrorText.describe(error).spanish). Ejecute memoria reindex", detail: "\(error)")
        }
        if config.site.pdf {
            // Only what the public may see today gets a PDF (as only it gets pages).
            let published = summaries.filter { $0.isPublished(on: context.today) }
            var maker = ItemPDFs(store: store, catalog: catalog, producer: "\(StageContext.softwareName) \(StageContext.softwareVersion)",
                                 archive: archivePath, minimumOCRConfidence: config.text.ocrWordConfidenceFloor)
            maker.known = knownPDFs
            let made = maker.make(items: published, images: files.mapValues(\.images), entries: entriesByItem)
            for (itemID, pdf) in made.pdfs {
                files[itemID]?.pdf = pdf
                derived[itemID]?.pdf = ItemPDFs.Stamp(fingerprint: pdf.fingerprint, pages: pdf.pages, bytes: pdf.bytes)
            }
            if !made.failures.isEmpty {
                complete = false
                let named = made.failures.prefix(3).map { "\($0.itemID) (\($0.reason))" }
                let line = "\(SpanishText.count(made.failures.count, "documento queda", "documentos quedan")) sin PDF para descargar: \(SpanishText.list(Array(named))); ejecute memoria derive y vuelva a publicar"
                context.reporter.warning(line)
                warnings.append(line)
            }
        }
        let builder = SiteBuilder(settings: settings, catalog: catalog, files: files, site: site,
                                  accessed: context.today, libraries: libraries.found, summaries: summaries)
        let reporter = context.reporter
        reporter.emit(.began(stage: "publicación", total: 0))
        let summary: SiteSummary
        do {
            summary = try builder.build(full: full) { stage, done, total in
                reporter.emit(.advanced(stage: stage, done: done, total: total, detail: ""))
            }
        } catch {
            reporter.emit(.finished(stage: "publicación"))
            let (spanish, technical) = SystemErrorText.describe(error)
            let advice = SystemErrorText.errno(of: error).map { SystemErrorText.advice(errno: $0) } ?? "Resuelva el problema y vuelva a publicar"
            throw PipelineError.environment(context.displayPaths.scrub("No se pudo publicar el sitio en \(context.displayPath(config.paths.site)): \(spanish). El sitio anterior sigue en su lugar. \(advice)"),
                                            detail: technical)
        }
        reporter.emit(.finished(stage: "publicación"))
        if let journal {
            // Slower next time without it, never wrong: nothing a person has to do.
            try? PublishedDerivatives(position: journal, items: derived).save(recordURL)
        }
        if let problem = summary.stateNotSaved {
            let line = context.displayPaths.scrub("el sitio nuevo está publicado, pero \(problem)")
            reporter.warning(line)
            warnings.append(line)
        }
        if complete, summary.stateNotSaved == nil, let inputsKey {
            let today = context.today
            let firstEmbargoEnd = summaries.filter { $0.access == .embargoed && !$0.missing }.compactMap(\.accessUntil).filter { $0 > today }.min()
            do {
                try PublishedInputs(key: inputsKey, firstEmbargoEnd: firstEmbargoEnd, summary: summary).save(site: site)
            } catch {
                // Without the record the next publish does its work again: slower, never wrong, and
                // nothing a person has to do (a fault here would show in saving the state too).
            }
        }
        noteLastPublish(catalog, warnings: &warnings)
        return PublishSummary(site: summary, warnings: warnings, frontPage: context.displayPath(summary.path + "/index.html"))
    }

    private func noteLastPublish(_ catalog: CatalogDatabase, warnings: inout [String]) {
        do {
            try catalog.setSetting("last_publish", context.timestamp())
        } catch {
            warnings.append("la fecha de esta publicación no se pudo anotar en el catálogo (\(SystemErrorText.describe(error).spanish))")
        }
    }

    static func siteSettings(_ config: PipelineConfig) -> SiteSettings {
        var settings = SiteSettings(title: config.site.title, tagline: config.site.tagline, baseURL: config.site.baseUrl,
                                    itemsPerPage: config.site.itemsPerPage, about: config.site.about,
                                    institutionName: config.institution.name, institutionURL: config.institution.url,
                                    contactEmail: config.institution.contactEmail, homeHiddenSubjects: config.site.homeHiddenSubjects)
        settings.ocrWordConfidenceFloor = config.text.ocrWordConfidenceFloor
        return settings
    }

    /// The key of what this publish would be made from (PublishedInputs): the catalog's and the
    /// derivative store's change stamps, the whole configuration, and what renders them. Nil when a
    /// stamp cannot be read: the publish then does its work and leaves no record.
    private func publishedInputsKey(catalog: CatalogDatabase, store: DerivativeStore, settings: SiteSettings, libraries: SiteLibraries) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            let configuration = String(decoding: try encoder.encode(context.config), as: UTF8.self)
            return try PublishedInputs.key(settings: settings, libraries: libraries,
                                           inputs: [try catalog.siteInputStamp(), store.changeStamp(), configuration, StageContext.softwareVersion])
        } catch {
            // The same failure stops the publish right after, with its Spanish message (the catalog),
            // or does not matter to it (a template the renderer reports when it is built).
            return nil
        }
    }
}

/// Derivatives read on two threads: a fixed buffer (no copy-on-write between threads), each slot
/// written by exactly one thread (even or odd index) and read after `concurrentPerform` returns.
private final class DerivativeReads: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<PublishedDerivatives.Item>

    init(count: Int) {
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: PublishedDerivatives.Item())
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: PublishedDerivatives.Item) { slots[index] = value }

    subscript(index: Int) -> PublishedDerivatives.Item { slots[index] }
}
