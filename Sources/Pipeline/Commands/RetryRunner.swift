import Catalog
import Foundation
import Preservation
import Support

/// `memoria reintentar`: gives quarantined files back to the inbox, ready to be corrected and
/// deposited again: a batch's files (FONDO/LOTE) or an item's, each to the place it came from
/// (inbox/<fondo>/<lote>/…), without their reason notes; the batch's metadata.csv comes back from its
/// copy beside the reports when the inbox has none. Nothing is overwritten: a file already in the
/// inbox at that place stays in the quarantine, and the report says so. The entries become resolved
/// ("devuelto a la bandeja").
public struct RetryRunner {
    public struct Summary: Codable, Sendable {
        public var returned: [String]
        public var kept: [String]
        public var sheets: [String]
        public var needsAttention: Bool { !kept.isEmpty }

        public var linesForPeople: [String] {
            var lines = [returned.isEmpty ? "No había archivos pendientes en la cuarentena para devolver."
                : "\(SpanishText.count(returned.count, "archivo devuelto", "archivos devueltos")) a la bandeja: corríjalos y vuelva a ejecutar memoria ingest."]
            lines += returned.map { "  \($0)" }
            lines += sheets.map { "hoja recuperada: \($0)" }
            lines += kept.map { "se queda en la cuarentena: \($0)" }
            return lines
        }
    }

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    /// `batch` is "fondo/lote"; `itemID` an item. At least one must be given.
    public func run(batch: String?, itemID: String?) throws -> Summary {
        let config = context.config
        let lock = try IngestLock(folder: config.url(\.staging), display: context.displayPaths)
        defer { withExtendedLifetime(lock) {} }
        let catalog = try context.openCatalog()
        if let batch { try checkBatch(batch) }
        let entries: [CatalogQuarantineEntry]
        do {
            entries = try catalog.pendingQuarantine(itemID: itemID, under: batch.map { "\($0)/" })
        } catch {
            throw PipelineError.environment("No se pudo leer la cuarentena en el catálogo: \(SystemErrorText.describe(error).spanish)", detail: "\(error)")
        }
        let store = QuarantineStore(root: config.url(\.quarantine))
        var summary = Summary(returned: [], kept: [], sheets: [])
        var resolved: [Int64] = []
        var returnedEntries: [CatalogQuarantineEntry] = []
        var batches: Set<String> = []
        for entry in entries {
            let relative = relativePath(entry.quarantinePath, store: store)
            guard FileManager.default.fileExists(atPath: store.url(relative).path) else { continue }
            let destination = config.url(\.inbox).appendingPathComponent(relative)
            do {
                try store.moveBack(relative, to: destination)
                summary.returned.append(context.displayPath(destination.path))
                if let id = entry.id { resolved.append(id) }
                returnedEntries.append(entry)
                batches.insert(relative.split(separator: "/").prefix(2).joined(separator: "/"))
            } catch {
                summary.kept.append("\(context.displayPath(store.url(relative).path)): \(context.displayPaths.scrub(SystemErrorText.describe(error).spanish))")
            }
        }
        let now = context.timestamp()
        do {
            let storage = try context.openStorage()
            try ArchiveEventLog(storage: storage, quarantine: store).resolved(returnedEntries, as: .returned, at: now, event: nil)
        } catch {
            summary.kept.append("los archivos se devolvieron, pero el registro de la cuarentena no se pudo anotar (\(SystemErrorText.describe(error).spanish))")
        }
        do {
            try catalog.resolveQuarantine(resolved, as: .returned, at: now)
        } catch {
            summary.kept.append("los archivos se devolvieron, pero el catálogo no se pudo poner al día (\(SystemErrorText.describe(error).spanish))")
        }
        for batch in batches.sorted() { if let sheet = restoreSheet(batch) { summary.sheets.append(sheet) } }
        return summary
    }

    private func checkBatch(_ batch: String) throws {
        let parts = batch.split(separator: "/").map(String.init)
        guard parts.count == 2, context.config.fonds(slug: parts[0]) != nil, !parts.contains(".."), !parts.contains(".") else {
            throw PipelineError.usage("«\(batch)» no es un fondo/lote: escriba el slug del fondo y el nombre del lote, por ejemplo banda-sinfonica/2024-03-partituras")
        }
    }

    /// Catalogs written before paths were stored relative hold absolute quarantine paths.
    private func relativePath(_ path: String, store: QuarantineStore) -> String {
        let root = store.root.standardizedFileURL.path + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    /// Puts back the batch's metadata.csv, from the latest copy kept beside its reports, when the inbox
    /// batch folder has none.
    private func restoreSheet(_ batch: String) -> String? {
        let config = context.config
        let target = config.url(\.inbox).appendingPathComponent(batch).appendingPathComponent("metadata.csv")
        guard !FileManager.default.fileExists(atPath: target.path) else { return nil }
        let reports = config.url(\.reports).appendingPathComponent(batch)
        let copies = ((try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? [])
            .filter { $0.hasPrefix("metadata-") && $0.hasSuffix(".csv") }.sorted()
        guard let latest = copies.last else { return nil }
        do {
            try FileManager.default.copyItem(at: reports.appendingPathComponent(latest), to: target)
            return context.displayPath(target.path)
        } catch {
            return nil
        }
    }
}
