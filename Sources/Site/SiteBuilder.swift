import Catalog
import Foundation
import Metadata
import Support

/// What a publish did.
public struct SiteSummary: Codable, Sendable {
    public var mode: String
    public var items: Int
    public var itemsRendered: Int
    public var itemsRemoved: Int
    public var filesWritten: Int
    public var filesUnchanged: Int
    public var siteBytes: Int64
    public var searchIndexBytes: Int64
    public var seconds: Double
    public var path: String
    /// Spanish, when the new site is in place but the publish state beside it could not be saved
    /// (the next publish is then a full one): what happened and what to do.
    public var stateNotSaved: String? = nil
}

/// Publishes the static site "Memoria de Hidalgo" from the catalog (never from SQL of its own).
///
/// Full publish: everything is written into `<site>.nuevo` and swapped in at the end. Incremental
/// publish (the default once a site exists): only items whose fingerprint changed are rendered again,
/// list pages are rendered and written only when their bytes differ, the search shards holding the
/// words of changed items are rewritten, and the pages of withdrawn items are removed last.
public struct SiteBuilder {
    let settings: SiteSettings
    let catalog: CatalogDatabase
    let files: [String: SiteItemFiles]
    let site: URL
    let accessed: String
    let libraries: SiteLibraries
    /// The catalog's item summaries when the caller has already read them (read here otherwise).
    let catalogued: [CatalogItemSummary]?

    public init(settings: SiteSettings, catalog: CatalogDatabase, files: [String: SiteItemFiles], site: URL, accessed: String,
                libraries: SiteLibraries = SiteLibraries(), summaries: [CatalogItemSummary]? = nil) {
        self.libraries = libraries
        self.catalogued = summaries
        self.settings = settings
        self.catalog = catalog
        self.files = files
        self.site = site
        self.accessed = accessed
    }

    var stateURL: URL { PublishState.url(site: site) }

    public func build(full forceFull: Bool, progress: (String, Int, Int) -> Void = { _, _, _ in }) throws -> SiteSummary {
        do {
            return try build(forceFull: forceFull, progress: progress)
        } catch is IndexNeedsRebuild where !forceFull {
            // A shard this version cannot read (damaged, or from another version): an incremental update
            // would drop the postings of every unchanged item in it, so the site is rebuilt in full.
            return try build(forceFull: true, progress: progress)
        }
    }

    /// Thrown when an existing search shard cannot be read back during an incremental publish.
    struct IndexNeedsRebuild: Error { let path: String }

    private func build(forceFull: Bool, progress: (String, Int, Int) -> Void) throws -> SiteSummary {
        let started = Date()
        let renderer = try PageRenderer(settings: settings, libraries: libraries)
        // Only what the public may see today: restricted, withdrawn, still-embargoed and missing items are
        // absent from every page, list, index, sitemap and dump; a withdrawn item's address shows a notice.
        let catalogued = try self.catalogued ?? catalog.itemSummaries()
        let summaries = catalogued.filter { $0.isPublished(on: accessed) }
        let withdrawn = catalogued.filter { $0.access == .withdrawn && !$0.missing }
        let fonds = try catalog.fonds()
        var context = SiteContext(settings: settings, fonds: fonds, items: summaries, files: files, accessed: accessed)
        context.charts = try catalog.charts().mapValues(\.chart)
        context.itemUnits = try catalog.itemUnits()
        context.related = RelatedItems(items: summaries, itemUnits: context.itemUnits).related
        let previous = PublishState.load(stateURL)
        let full = forceFull || previous == nil || previous?.siteFingerprint != renderer.fingerprint
            || !FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path)
        let documents = Self.documentNumbers(catalogued)
        if !full, let previous, !Self.numbering(of: previous, agreesWith: documents, adding: summaries) {
            throw IndexNeedsRebuild(path: SearchIndexWriter.folder)
        }
        // Both kinds are written beside the site and swapped in at the end (SiteGenerations).
        let generations = SiteGenerations(site: site)
        let target: URL
        if full {
            try generations.forgetSpare()
            target = URL(fileURLWithPath: generations.freshPath)
            try SiteTree.remove(target.path)
        } else {
            target = URL(fileURLWithPath: try generations.prepareSpare())
        }
        let output = try SiteOutput(target: target, compareWithExisting: !full, versions: full ? [:] : previous?.versions ?? [:])
        var state = full ? PublishState() : previous!
        // The items the last publish published, as its open-data dumps list them.
        let previousPublished = previous?.items.keys.sorted()
        state.siteFingerprint = renderer.fingerprint

        for (name, data) in renderer.assets { try output.write("assets/\(name)", data) }

        // Items: which to render.
        let fingerprints = Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, fingerprint($0, context: context)) })
        let changed = summaries.filter { full || state.items[$0.id]?.fingerprint != fingerprints[$0.id] }
        let current = Set(summaries.map(\.id))
        let removed = state.items.keys.filter { !current.contains($0) }.sorted()
        if full {
            for summary in summaries { state.items[summary.id] = .init(fingerprint: "", document: documents[summary.id] ?? 0, shards: [], fragments: 0) }
        }
        // (every published item is catalogued, so each has its number)
        for summary in changed where state.items[summary.id] == nil {
            state.items[summary.id] = .init(fingerprint: "", document: documents[summary.id] ?? 0, shards: [], fragments: 0)
        }
        state.nextDocument = catalogued.count

        // Render changed items and collect their words.
        let itemBuilder = ItemPageBuilder(context: context, renderer: renderer, output: output)
        var newTerms: [Int: DocumentTerms] = [:]
        let stems = StemTermCache()
        var done = 0
        for chunk in stride(from: 0, to: changed.count, by: 200).map({ Array(changed[$0..<min($0 + 200, changed.count)]) }) {
            let pages = try catalog.pages(of: chunk.map(\.id))
            for summary in chunk {
                let itemPages = pages[summary.id] ?? []
                // Incremental: what the item's previous pages had and these do not (a replaced master's
                // derivative sizes, a retired page's texts) goes, as a full publish never writes it.
                if !full { output.beginRecording() }
                try itemBuilder.build(summary, pages: itemPages)
                if !full { output.prune(String(SiteContext.itemFolder(summary.id).dropLast()), keeping: output.endRecording()) }
                let fondsTitle = context.fondsTitle(summary.fondsCode)
                let doc = state.items[summary.id]!.document
                let terms = DocumentTerms(summary: summary, fondsTitle: fondsTitle, pages: itemPages, stems: stems)
                newTerms[doc] = terms
                let fragments = SearchIndexWriter.fragments(doc: doc, summary: summary, fondsTitle: fondsTitle, pages: itemPages,
                                                            thumbnail: files[summary.id]?.images.first)
                for (path, script) in fragments { try output.write(path, script) }
                for stale in fragments.count..<max(fragments.count, state.items[summary.id]!.fragments) {
                    output.remove(SearchIndexWriter.folder + "f/\(doc)-\(stale).js")
                }
                state.items[summary.id]!.fragments = fragments.count
                state.items[summary.id]!.fingerprint = fingerprints[summary.id]!
                done += 1
                progress("publish", done, changed.count)
            }
        }

        // The result fragments of items leaving the site go before the search index is written, so its
        // fragment directories no longer name them (as a full publish, which never writes them).
        for id in removed {
            if let old = state.items[id] {
                for chunk in 0..<old.fragments { output.remove(SearchIndexWriter.folder + "f/\(old.document)-\(chunk).js") }
            }
        }

        // Search index.
        let indexBytes = try writeSearchIndex(full: full, state: &state, newTerms: newTerms, removed: removed, summaries: summaries,
                                              context: context, output: output)

        // Lists, then the pages of withdrawn items (so no list ever points at a missing page).
        // A list shows an item's card and counts it by its description: what its page alone shows
        // (related documents, the breadcrumb, page sizes) does not render its lists again.
        let listed = Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, listFingerprint($0, context: context)) })
        var listings = ListingBuilder(context: context, renderer: renderer, output: output,
                                      previousFingerprints: full ? [:] : state.listPages, itemFingerprints: listed)
        try listings.buildAll()
        var units = UnitPageBuilder(context: context, renderer: renderer, output: output,
                                    previousFingerprints: full ? [:] : state.listPages, itemFingerprints: listed)
        try units.buildAll()
        state.listPages = listings.fingerprints.merging(units.fingerprints) { a, _ in a }
        if !full {
            output.prune("fondos", keeping: listings.paths)
            output.prune("explorar", keeping: listings.paths)
            output.prune("cuadro", keeping: units.paths)
        }
        for id in removed {
            output.remove(SiteContext.itemFolder(id))
            state.items[id] = nil
        }
        let notices = WithdrawalNotice(context: context, renderer: renderer, output: output)
        for summary in withdrawn { try notices.write(summary) }

        // Interoperability and open data: they depend only on the items (whose fingerprints cover their
        // records, dates and fonds titles) and the settings (in the site fingerprint), so with no item
        // changed or withdrawn the files already there are current.
        let fondsWithItems = settings.hasBaseURL ? fonds.filter { f in summaries.contains { $0.fondsCode == f.code } } : []
        let derivedFiles = ["sitemap.xml", "robots.txt", "datos/catalogo.csv", "datos/catalogo-excel.csv", "datos/catalogo.json"]
            + fondsWithItems.map { IIIFCollection.path(fondsSlug: $0.slug) } + (fondsWithItems.isEmpty ? [] : [IIIFCollection.sitePath])
        if full || !changed.isEmpty || !removed.isEmpty || !derivedFiles.allSatisfy({ FileManager.default.fileExists(atPath: output.path($0)) }) {
            try output.write("sitemap.xml", Sitemap.xml(items: summaries, fonds: fonds, units: Array(units.paths), baseURL: settings.baseURL))
            try output.write("robots.txt", Sitemap.robots(baseURL: settings.baseURL))
            let fondsTitles = Dictionary(uniqueKeysWithValues: fonds.map { ($0.code, $0.title) })
            // The dumps are independent: one per core. An incremental publish copies the rows of the
            // items it did not change from the dumps the last one wrote for the items it published.
            let dumps = DumpResults()
            let baseURL = settings.baseURL
            let previousIDs = full ? nil : previousPublished
            let changedIDs = Set(changed.map(\.id))
            let reused: @Sendable (String) -> Bool = { !changedIDs.contains($0) }
            let existing = { (path: String) in previousIDs == nil ? nil : FileManager.default.contents(atPath: output.existingPath(path)) }
            let oldCSV = existing("datos/catalogo.csv"), oldExcel = existing("datos/catalogo-excel.csv"), oldJSON = existing("datos/catalogo.json")
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 {
                    let csvRows = oldCSV.flatMap { OpenDataRows.csv($0, ids: previousIDs ?? [], excel: false, reused: reused) }
                    dumps.csv = OpenData.csv(summaries, fondsTitles: fondsTitles, baseURL: baseURL, excel: false, reusing: csvRows)
                    let excelRows = oldExcel.flatMap { OpenDataRows.csv($0, ids: previousIDs ?? [], excel: true, reused: reused) }
                    dumps.excel = OpenData.csv(summaries, fondsTitles: fondsTitles, baseURL: baseURL, excel: true, reusing: excelRows)
                } else {
                    let jsonRows = oldJSON.flatMap { OpenDataRows.json($0, ids: previousIDs ?? [], reused: reused) }
                    dumps.json = OpenData.json(summaries, fondsTitles: fondsTitles, baseURL: baseURL, reusing: jsonRows)
                }
            }
            try output.write("datos/catalogo.csv", dumps.csv)
            try output.write("datos/catalogo-excel.csv", dumps.excel)
            try output.write("datos/catalogo.json", dumps.json)
            // IIIF: the Collection of each fonds (its items' manifests), with site.base_url only.
            var collected: [CatalogFonds] = []
            for f in fonds {
                let members = summaries.filter { $0.fondsCode == f.code }.sorted { ($0.sortTitle, $0.id) < ($1.sortTitle, $1.id) }
                let path = IIIFCollection.path(fondsSlug: f.slug)
                if !members.isEmpty, let collection = IIIFCollection.json(fonds: f, items: members, files: files, renderer: renderer) {
                    try output.write(path, collection)
                    collected.append(f)
                } else {
                    output.remove(path)
                }
            }
            // …and the site's, listing those (each fonds collection is partOf it).
            if let site = IIIFCollection.siteJSON(fonds: collected, renderer: renderer) {
                try output.write(IIIFCollection.sitePath, site)
            } else {
                output.remove(IIIFCollection.sitePath)
            }
        }

        // The versioned files the new site no longer uses go from its copy (the site people see keeps them).
        if !full, let previous { for stale in output.replacedVersions(of: previous.versions) { output.removeFile(stale) } }
        state.versions = output.versions
        // The state describes the site beside it: without it, a publish after a power cut between
        // the swap and the save is a full one (the documents of a full publish are numbered anew).
        unlink(stateURL.path)
        if full { try generations.swapFreshIn() } else { try generations.swapSpareIn(changed: output.touched) }
        // The new site is in place: a state that cannot be saved makes the next publish a full one, not this one a failure.
        var stateNotSaved: String?
        do { try state.save(stateURL) } catch let error as SiteError {
            stateNotSaved = "\(error.whatHappened); la próxima publicación será completa. \(error.whatToDo)"
        }
        return SiteSummary(mode: full ? "full" : "incremental", items: summaries.count, itemsRendered: changed.count, itemsRemoved: removed.count,
                           filesWritten: output.written, filesUnchanged: output.unchanged, siteBytes: output.bytes, searchIndexBytes: indexBytes,
                           seconds: Date().timeIntervalSince(started), path: site.path, stateNotSaved: stateNotSaved)
    }

    /// What the item's pages depend on: a change in any of it renders the item again.
    func fingerprint(_ summary: CatalogItemSummary, context: SiteContext) -> String {
        var parts = [summary.updatedAt, String(summary.headVersion), context.fondsTitle(summary.fondsCode)]
        Self.appendDescription(summary, to: &parts)
        for image in files[summary.id]?.images ?? [] {
            parts.append("\(image.key):\(image.accessWidth)x\(image.accessHeight)\(image.tiles.map { "+\($0.width)x\($0.height)" } ?? "")"
                         + "\(image.medium.map { "m\($0.width)x\($0.height)" } ?? "")\(image.sizes == nil ? "" : "s")")
        }
        if let pdf = files[summary.id]?.pdf { parts.append("pdf:\(pdf.fingerprint)") }
        parts += summary.dublinCore["creator"].map { context.creatorSlugs[$0] ?? "" }
        parts += summary.dublinCore["subject"].map { context.subjectSlugs[$0] ?? "" }
        parts += BrowseValues.places(summary).map { context.placeSlugs[$0] ?? "" }
        // The related documents' cards (their titles, dates and thumbnails).
        for id in context.related[summary.id] ?? [] {
            guard let other = context.byID[id] else { continue }
            parts += ["rel", id, other.title, other.dublinCore["date"].first ?? "", String(other.pageCount),
                      files[id]?.images.first.map { "\($0.key):\($0.thumbnailWidth)x\($0.thumbnailHeight)" } ?? ""]
        }
        // Its place in the classification chart (the breadcrumb): renaming a series renders its items again.
        parts += context.unitPath(of: summary).map { "\($0.code)|\($0.level.rawValue)|\($0.title)" }
        return Fingerprint.of(parts)
    }

    /// The item's Dublin Core, element by element (each part is separated in the hash, so values cannot run together).
    static func appendDescription(_ summary: CatalogItemSummary, to parts: inout [String]) {
        for element in DublinCoreRecord.elements {
            let values = summary.dublinCore[element]
            guard !values.isEmpty else { continue }
            parts.append(element)
            parts.append(String(values.count))
            parts += values
        }
    }

    /// What the lists depend on of an item: its card (title, date, pages, fonds, thumbnail) and every
    /// value it is counted or sorted by (the whole description, its years, its order keys).
    func listFingerprint(_ summary: CatalogItemSummary, context: SiteContext) -> String {
        var parts = [summary.title, summary.sortTitle, summary.createdAt, String(summary.pageCount),
                     summary.dateStart.map(String.init) ?? "", summary.dateEnd.map(String.init) ?? "", context.fondsTitle(summary.fondsCode)]
        Self.appendDescription(summary, to: &parts)
        if let image = files[summary.id]?.images.first { parts.append("\(image.key):\(image.thumbnailWidth)x\(image.thumbnailHeight)") }
        return Fingerprint.of(parts)
    }

    // MARK: search index

    /// Each catalogued item's search-document number: its place in the order items entered the archive
    /// (first version's date, then identifier), over every item, published or not. A publish of any kind
    /// numbers the same catalog the same way, so an incremental index equals a full one; an item that
    /// leaves the site and comes back keeps its number, and a new item takes the next one.
    static func documentNumbers(_ catalogued: [CatalogItemSummary]) -> [String: Int] {
        let ordered = catalogued.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        return Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.id, $0) })
    }

    /// Whether the numbers in the previous index are still the catalog's: false when an item entered
    /// the archive among older ones (an earlier date, or the same date and a smaller identifier) or the
    /// catalog was rebuilt differently; the index is then rebuilt in full.
    static func numbering(of previous: PublishState, agreesWith documents: [String: Int], adding summaries: [CatalogItemSummary]) -> Bool {
        for (id, item) in previous.items where documents[id] != item.document { return false }
        let taken = Set(previous.items.values.map(\.document))
        return !summaries.contains { previous.items[$0.id] == nil && documents[$0.id].map(taken.contains) ?? false }
    }

    private func writeSearchIndex(full: Bool, state: inout PublishState, newTerms: [Int: DocumentTerms], removed: [String],
                                  summaries: [CatalogItemSummary], context: SiteContext, output: SiteOutput) throws -> Int64 {
        let folder = SearchIndexWriter.folder
        let average = SearchIndexWriter.referenceLength
        state.averageLength = average
        if full {
            var postings: [String: [SearchIndexWriter.Posting]] = [:]
            for (doc, terms) in newTerms {
                for (term, value) in terms.terms {
                    postings[term, default: []].append(.init(doc: doc, score: SearchIndexWriter.quantize(weight: value.weight, length: terms.length, average: average), page: value.page))
                }
            }
            let shards = SearchIndexWriter.shards(postings)
            var termShard: [String: String] = [:]
            for (key, terms) in shards {
                try output.write(SearchIndexWriter.shardFile(key), ShardScript.make(key, terms.mapValues { .decoded($0) }))
                for term in terms.keys { termShard[term] = key }
            }
            for (id, item) in state.items {
                state.items[id]!.shards = Array(Set(newTerms[item.document]?.terms.keys.compactMap { termShard[$0] } ?? [])).sorted()
            }
            state.shardKeys = shards.keys.sorted()
        } else {
            let changedDocs = Set(newTerms.keys)
            let removedDocs = Set(removed.compactMap { state.items[$0]?.document })
            // The shard groups (a term's first two characters, SearchIndexWriter.shards) that held words of
            // the changed or removed items, or will hold the changed items' words: each is read whole and
            // grouped again by the full publish's rule, so a group that grew past a shard's size is split
            // and one that shrank is joined exactly as a full publish would leave them.
            var groups = Set(removed.flatMap { state.items[$0]?.shards ?? [] }.map(SearchIndexWriter.group))
            for (id, item) in state.items where changedDocs.contains(item.document) { groups.formUnion(state.items[id]!.shards.map(SearchIndexWriter.group)) }
            var additions: [String: [String: [SearchIndexWriter.Posting]]] = [:]
            for (doc, terms) in newTerms {
                for (term, value) in terms.terms {
                    additions[DocumentTerms.shardKey(term), default: [:]][term, default: []].append(.init(doc: doc, score: SearchIndexWriter.quantize(
                        weight: value.weight, length: terms.length, average: average), page: value.page))
                }
            }
            groups.formUnion(additions.keys)
            var keys = Set(state.shardKeys)
            let keysOfGroup = Dictionary(grouping: keys, by: SearchIndexWriter.group)
            var shardsOfDoc: [Int: Set<String>] = [:]
            let dropping = changedDocs.union(removedDocs)
            for group in groups {
                // Each word of the group with the shard it was read from, and how many words each shard held.
                var words: [String: ShardWordPostings] = [:]
                var readFrom: [String: String] = [:]
                var wordsInShard: [String: Int] = [:]
                var before: [String: (written: ArraySlice<UInt8>, postings: [SearchIndexWriter.Posting])] = [:]
                for k in keysOfGroup[group] ?? [] {
                    let path = SearchIndexWriter.shardFile(k)
                    guard let data = FileManager.default.contents(atPath: output.existingPath(path)) else { continue }
                    guard let read = ShardWords.readWithBefore(data, dropping: dropping) else { throw IndexNeedsRebuild(path: path) }
                    wordsInShard[k] = read.words.count + read.before.keys.filter { read.words[$0] == nil }.count
                    for (word, postings) in read.words {
                        // A word in two shards of a group is not a layout this writer makes.
                        guard words.updateValue(postings, forKey: word) == nil else { throw IndexNeedsRebuild(path: path) }
                        readFrom[word] = k
                    }
                    for word in read.before.keys { readFrom[word] = k }
                    before.merge(read.before) { first, _ in first }
                }
                var holdingChanged = Set(before.keys)
                for (term, list) in additions[group] ?? [:] {
                    words[term] = .decoded((words[term]?.postings ?? []) + list)
                    holdingChanged.insert(term)
                }
                // A word whose postings came back as they were (a corrected title rarely moves the
                // scores of the item's other words) is copied as it was written.
                for (word, old) in before {
                    guard case .decoded(let list) = words[word], list.count == old.postings.count,
                          list.sorted(by: { $0.doc < $1.doc }) == old.postings else { continue }
                    words[word] = .asWritten(old.written, count: list.count)
                }
                let layout = SearchIndexWriter.layout(words.mapValues(\.count))
                for k in keysOfGroup[group] ?? [] where layout[k] == nil {
                    output.remove(SearchIndexWriter.shardFile(k))
                    keys.remove(k)
                }
                for (k, shardWords) in layout {
                    keys.insert(k)
                    for word in shardWords where holdingChanged.contains(word) {
                        for posting in words[word]!.postings where changedDocs.contains(posting.doc) { shardsOfDoc[posting.doc, default: []].insert(k) }
                    }
                    // The same words as the file holds, each as it was written: the file stays as it is.
                    if shardWords.count == wordsInShard[k], shardWords.allSatisfy({ readFrom[$0] == k && words[$0]!.isAsWritten }) { continue }
                    var shard: [String: ShardWordPostings] = [:]
                    for word in shardWords { shard[word] = words[word]! }
                    try output.write(SearchIndexWriter.shardFile(k), ShardScript.make(k, shard))
                }
            }
            for (id, item) in state.items where changedDocs.contains(item.document) {
                state.items[id]!.shards = Array(shardsOfDoc[item.document] ?? []).sorted()
            }
            state.shardKeys = keys.sorted()
        }
        let fondsCodes = context.fonds.map(\.code)
        // meta.js follows from the fonds and each document's number and item (its fingerprint covers
        // the values the search filters and sorts by): unchanged, it stays as it is.
        var metaParts = fondsCodes
        metaParts.reserveCapacity(fondsCodes.count + summaries.count)
        for summary in summaries {
            guard let item = state.items[summary.id] else { continue }
            metaParts.append("\(item.document):\(item.fingerprint)")
        }
        let metaKey = Fingerprint.of(metaParts)
        if full || metaKey != state.searchMetaKey || output.versions[folder + "meta.js"] == nil {
            var meta = SearchMeta(fondsCodes: fondsCodes)
            for summary in summaries {
                guard let doc = state.items[summary.id]?.document else { continue }
                meta.add(doc: doc, summary: summary)
            }
            try output.write(folder + "meta.js", meta.script())
            state.searchMetaKey = metaKey
        }
        // The fragment directories name the fragments' versioned files (an unchanged one is not rewritten).
        let directories = SearchIndexWriter.fragmentDirectories(versions: output.versions)
        let directoryPrefix = folder + "f/d/"
        for stale in output.versions.keys.filter({ $0.hasPrefix(directoryPrefix) }) {
            if let number = Int(stale.dropFirst(directoryPrefix.count).dropLast(3)), directories[number] != nil { continue }
            output.remove(stale)
        }
        for (number, script) in directories { try output.write(SearchIndexWriter.fragmentDirectoryFile(number), script) }
        // The manifest names the shards', the metadata's and the fragment directories' versioned files
        // (written just before it); the fragments themselves are named by their directories.
        let fragmentPrefix = folder + "f/"
        let indexNames = output.versions.filter { $0.key.hasPrefix(folder) && (!$0.key.hasPrefix(fragmentPrefix) || $0.key.hasPrefix(directoryPrefix)) }
        try output.write(folder + "manifiesto.js", SearchIndexWriter.manifest(documents: summaries.count, average: state.averageLength,
                                                                             shardKeys: state.shardKeys, fonds: fondsCodes,
                                                                             files: indexNames.mapValues { String($0.dropFirst(folder.count)) }))
        return directorySize(output.path(folder))
    }

    private func directorySize(_ path: String) -> Int64 {
        FileTree.files(under: path).reduce(0) { $0 + $1.size }
    }
}

/// The catalogue dumps made on two threads: each thread writes only its own property, and they are
/// read after `concurrentPerform` returns.
private final class DumpResults: @unchecked Sendable {
    var csv = Data()
    var excel = Data()
    var json = Data()
}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
