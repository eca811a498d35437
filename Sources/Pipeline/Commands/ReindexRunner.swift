import Catalog
import Foundation
import Preservation
import Support

/// `memoria reindex`: rebuilds the catalog from the archive alone (METS, inventories, text files).
public struct ReindexRunner {
    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public struct Summary: Codable, Sendable {
        public var items: Int
        public var pages: Int
        /// Spanish: objects that could not be read, each with what to do.
        public var failures: [String]
        public var needsAttention: Bool { !failures.isEmpty }

        public var linesForPeople: [String] {
            ["Catálogo reconstruido: \(SpanishText.count(items, "ítem", "ítems")), \(SpanishText.count(pages, "página", "páginas"))."] + failures.map { "PROBLEMA \($0)" }
        }
    }

    public func run() throws -> Summary {
        let config = context.config
        let storage = try context.openStorage()
        let catalog = try context.openCatalog()
        let titles = Dictionary(uniqueKeysWithValues: config.fonds.map { ($0.code, $0.title) })
        let reader = ArchiveReader(storage: storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor)
        let ids = storage.objectIdentifiers()
        var summary = Summary(items: 0, pages: 0, failures: [])
        context.reporter.emit(.began(stage: "reconstrucción del catálogo", total: ids.count))
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
                    let line = "\(id): \(context.displayPaths.scrub(SystemErrorText.describe(error).spanish)). Ejecute memoria verify --item \(id)"
                    summary.failures.append(line)
                    context.reporter.warning(line)
                }
                context.reporter.emit(.advanced(stage: "reconstrucción del catálogo", done: index + 1, total: ids.count, detail: id))
            }
        }
        context.reporter.emit(.finished(stage: "reconstrucción del catálogo"))
        return summary
    }
}
