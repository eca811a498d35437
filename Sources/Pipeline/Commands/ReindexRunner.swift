import Catalog
import Foundation
import Preservation

/// `memoria reindex`: rebuilds the catalog from the archive alone (METS, inventories, text files).
public struct ReindexRunner {
    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public struct Summary: Codable, Sendable {
        public var items: Int
        public var pages: Int
        public var failures: [String]
        public var exitCode: Int32 { failures.isEmpty ? 0 : 1 }
    }

    public func run() throws -> Summary {
        let config = context.config
        let storage: OCFLStorageRoot
        do { storage = try OCFLStorageRoot(root: config.url(\.archive)) } catch { throw PipelineError.environment("\(error)") }
        let catalog = try CatalogDatabase(path: config.paths.catalog)
        try catalog.synchronizeFonds(config.fonds.map { CatalogFonds(code: $0.code, slug: $0.slug, title: $0.title, description: $0.description) })
        let titles = Dictionary(uniqueKeysWithValues: config.fonds.map { ($0.code, $0.title) })
        let reader = ArchiveReader(storage: storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor)
        let ids = storage.objectIdentifiers()
        var summary = Summary(items: 0, pages: 0, failures: [])
        context.reporter.emit(.began(stage: "reindex", total: ids.count))
        // One transaction: until it commits, searches see the old catalog, and a stopped run changes nothing.
        try catalog.replaceAllItems { store in
            for (index, id) in ids.enumerated() {
                do {
                    guard let item = try reader.catalogItem(id) else { continue }
                    try store(item, titles[item.fondsCode] ?? item.fondsCode)
                    summary.items += 1
                    summary.pages += item.pages.count
                } catch let error as CatalogError {
                    throw error   // the database itself failed: give up, nothing is changed
                } catch {
                    summary.failures.append("\(id): \(error)")
                    context.reporter.warning("\(id): \(error)")
                }
                context.reporter.emit(.advanced(stage: "reindex", done: index + 1, total: ids.count, detail: id))
            }
        }
        context.reporter.emit(.finished(stage: "reindex"))
        return summary
    }
}
