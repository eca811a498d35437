import Catalog
import Foundation
import Metadata
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
        /// Items the catalog knew that the archive no longer holds: kept, marked "falta en el archivo".
        public var missing: [String] = []
        /// Entries of the quarantine register, and events restored from objects' logs/ and the register.
        public var quarantineEntries = 0
        public var loggedEvents = 0
        /// Classification charts restored.
        public var charts = 0
        public var needsAttention: Bool { !failures.isEmpty || !missing.isEmpty }

        public var linesForPeople: [String] {
            ["Catálogo reconstruido: \(SpanishText.count(items, "ítem", "ítems")), \(SpanishText.count(pages, "página", "páginas")), \(SpanishText.count(loggedEvents, "evento", "eventos")) del registro de la cuarentena y \(SpanishText.count(quarantineEntries, "entrada", "entradas")) de la cuarentena" + (charts > 0 ? "; \(SpanishText.count(charts, "cuadro de clasificación", "cuadros de clasificación"))." : ".")]
                + failures.map { "PROBLEMA \($0)" }
                + missing.map { "FALTA EN EL ARCHIVO \($0): el catálogo lo conocía y el archivo ya no lo tiene; se conserva su ficha, sin publicarlo. Restáurelo desde la copia de seguridad o una réplica" }
        }
    }

    public func run() throws -> Summary {
        let config = context.config
        let storage = try context.openStorage()
        let catalog = try context.openCatalog()
        let titles = Dictionary(uniqueKeysWithValues: config.fonds.map { ($0.code, $0.title) })
        let reader = ArchiveReader(storage: storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor)
        let all = storage.objectIdentifiers()
        let ids = all.filter { !ChartObject.isChart($0) }
        var summary = Summary(items: 0, pages: 0, failures: [])
        var itemUnits: [(itemID: String, fondsCode: String, unitCode: String)] = []
        context.reporter.emit(.began(stage: "reconstrucción del catálogo", total: ids.count, unit: .objects))
        let log = ArchiveEventLog(storage: storage, quarantine: QuarantineStore(root: config.url(\.quarantine)))
        let register = try readRegister(log)
        summary.quarantineEntries = register.entries.count
        summary.loggedEvents = register.events.count
        if register.unreadable > 0 {
            summary.failures.append("\(SpanishText.count(register.unreadable, "archivo", "archivos")) del registro de la cuarentena no se pudieron leer")
        }
        // Items the catalog knows that are not on disk any more: their records are kept, marked missing.
        let onDisk = Set(all)
        let vanished: [CatalogItem]
        do {
            vanished = try catalog.itemIDs().filter { !onDisk.contains($0) }.compactMap { try catalog.item($0) }
        } catch {
            throw PipelineError.environment("No se pudo leer el catálogo: \(SystemErrorText.describe(error).spanish)", detail: "\(error)")
        }
        summary.missing = vanished.map(\.id)
        // One transaction: until it commits, searches see the old catalog, and a stopped run changes nothing.
        // Events logged on the charts' objects (fixity checks) come back with them.
        var chartEvents: [(event: PremisEvent, itemID: String)] = []
        for id in all.filter(ChartObject.isChart) {
            let files: [(name: String, bytes: [UInt8])]
            do { files = try ObjectLogs(storage: storage).read(objectID: id) } catch {
                throw PipelineError.environment(context.displayPaths.scrub("No se pudo leer el registro de eventos de «\(id)»: \(SystemErrorText.describe(error).spanish). El catálogo no cambió. \(SystemErrorText.advice(errno: SystemErrorText.errno(of: error) ?? EIO))"),
                                                detail: "\(error)")
            }
            chartEvents += files.flatMap { file in
                ((try? JSONDecoder().decode(ArchiveEventLog.Record.self, from: Data(file.bytes)))?.events ?? []).map { (event: $0, itemID: id) }
            }
        }
        try catalog.replaceAllItems(quarantine: register.entries, events: register.events + chartEvents) { store in
            for item in vanished { try store(item, titles[item.fondsCode] ?? item.fondsCode) }
            for (index, id) in ids.enumerated() {
                do {
                    guard let item = try reader.catalogItem(id) else { continue }
                    try store(item, titles[item.fondsCode] ?? item.fondsCode)
                    if let unit = item.unitCode { itemUnits.append((id, item.fondsCode, unit)) }
                    summary.items += 1
                    summary.pages += item.pages.count
                } catch let error as CatalogError {
                    throw error   // the database itself failed: give up, nothing is changed
                } catch let error where SystemErrorText.errno(of: error) != nil {
                    // The disk failed, not the object: leaving it out would drop it from the catalog.
                    let code = SystemErrorText.errno(of: error) ?? EIO
                    throw PipelineError.environment(context.displayPaths.scrub("No se pudo leer «\(id)» del archivo: \(SystemErrorText.describe(error).spanish). El catálogo no cambió. \(SystemErrorText.advice(errno: code))"),
                                                    detail: "\(error)")
                } catch {
                    let line = "\(id): \(context.displayPaths.scrub(SystemErrorText.describe(error).spanish)). Ejecute memoria verify --item \(id)"
                    summary.failures.append(line)
                    context.reporter.warning(line)
                }
                context.reporter.emit(.advanced(stage: "reconstrucción del catálogo", done: index + 1, total: ids.count, detail: id))
            }
        }
        context.reporter.emit(.finished(stage: "reconstrucción del catálogo"))
        summary.charts = try rebuildCharts(storage: storage, catalog: catalog, itemUnits: itemUnits, failures: &summary.failures)
        if !vanished.isEmpty {
            do { try catalog.markMissing(summary.missing, since: context.timestamp()) } catch {
                summary.failures.append("no se pudieron marcar en el catálogo los ítems que faltan (\(SystemErrorText.describe(error).spanish))")
            }
        }
        return summary
    }

    /// Each fonds' chart object, head version, back into the catalog with the unit of every item.
    private func rebuildCharts(storage: OCFLStorageRoot, catalog: CatalogDatabase, itemUnits: [(itemID: String, fondsCode: String, unitCode: String)],
                               failures: inout [String]) throws -> Int {
        var charts: [CatalogDatabase.StoredChart] = []
        for fonds in context.config.fonds {
            do {
                guard let stored = try ChartObject.read(storage, fondsCode: fonds.code) else { continue }
                charts.append(.init(fondsCode: fonds.code, version: stored.version, updatedAt: stored.updatedAt, chart: stored.chart))
            } catch let error where SystemErrorText.errno(of: error) != nil {
                // The disk failed, not the chart: leaving it out would drop it from the catalog.
                let code = SystemErrorText.errno(of: error) ?? EIO
                throw PipelineError.environment(context.displayPaths.scrub("No se pudo leer el cuadro de clasificación «\(ChartObject.id(fondsCode: fonds.code))» del archivo: \(SystemErrorText.describe(error).spanish). Los documentos están en el catálogo; los cuadros no cambiaron. \(SystemErrorText.advice(errno: code))"),
                                                detail: "\(error)")
            } catch {
                failures.append("\(ChartObject.id(fondsCode: fonds.code)): \(context.displayPaths.scrub(SystemErrorText.describe(error).spanish)). Ejecute memoria verify --item \(ChartObject.id(fondsCode: fonds.code))")
            }
        }
        do { try catalog.replaceCharts(charts, itemUnits: itemUnits) } catch {
            throw PipelineError.environment("No se pudieron guardar los cuadros de clasificación en el catálogo: \(SystemErrorText.describe(error).spanish)", detail: "\(error)")
        }
        return charts.count
    }

    private func readRegister(_ log: ArchiveEventLog) throws -> (entries: [CatalogQuarantineEntry], events: [(event: PremisEvent, itemID: String)], unreadable: Int) {
        do {
            return try log.register()
        } catch {
            throw PipelineError.environment("No se pudo leer el registro de la cuarentena: \(context.displayPaths.scrub(SystemErrorText.describe(error).spanish))",
                                            detail: "\(error)")
        }
    }
}
