import Catalog
import Foundation
import Preservation
import Support

/// What `memoria ingest` did.
public struct IngestSummary: Codable, Sendable {
    public var batches: [BatchReport]
    /// Inbox folders and files that belong to no declared fonds/batch (left untouched), in Spanish.
    public var undeclared: [String]
    /// Batches found but not taken (still changing, or nothing to ingest), in Spanish.
    public var waiting: [String]
    /// What recovery from an interrupted run did, in Spanish.
    public var recovered: [String]
    /// Which engine read the text, in Spanish.
    public var ocr: String

    /// True when someone has something to do (a batch held or with problems, an undeclared folder).
    public var needsAttention: Bool { batches.contains(where: \.needsAttention) || !undeclared.isEmpty }
}

/// The ingest: opens the session (lock, recovery, catalog, OCR, schemas), scans the inbox, and runs
/// every ready batch through BatchRunner, one after the other. One ingest at a time.
public final class IngestRunner {
    let context: StageContext
    let schemasFolder: String
    let ocrEngine: (any OCREngine)?
    let ocrEngineGiven: Bool

    public init(context: StageContext, schemasFolder: String? = nil) {
        self.context = context
        self.schemasFolder = schemasFolder ?? context.config.paths.schemas
        ocrEngine = nil
        ocrEngineGiven = false
    }

    /// With a given OCR engine (tests: a fake engine; nil: no OCR at all).
    init(context: StageContext, schemasFolder: String? = nil, ocrEngine: (any OCREngine)?) {
        self.context = context
        self.schemasFolder = schemasFolder ?? context.config.paths.schemas
        self.ocrEngine = ocrEngine
        ocrEngineGiven = true
    }

    /// A run killed after it had archived and released every file of a batch, but before it removed the
    /// batch folder, leaves the folder with only the ready marker. When the catalog shows an earlier run
    /// of that batch, the folder is the leftover of that run and is removed as that run would have done.
    private func removeLeftoverMarker(of batch: InboxBatch, catalog: CatalogDatabase) -> Bool {
        guard batch.markerFile != nil, context.config.ingest.afterIngest != "keep",
              (try? catalog.hasBatch(fondsSlug: batch.fondsSlug, name: batch.name)) == true else { return false }
        let marker = context.config.ingest.readyMarker.lowercased()
        let cleaner = InboxCleaner(mode: context.config.ingest.afterIngest, inbox: context.config.url(\.inbox),
                                   processed: context.config.url(\.processed))
        cleaner.removeIfEmpty(batch.folder, ignoring: [marker, marker + ".txt"])
        guard !FileManager.default.fileExists(atPath: batch.folder.path) else { return false }
        context.reporter.info("lote \(batch.identifier): se retiró su carpeta, que solo conservaba la marca \(context.config.ingest.readyMarker) de un ingreso anterior ya archivado")
        return true
    }

    public func run(only: [String] = [], ignoreSettle: Bool = false) async throws -> IngestSummary {
        let config = context.config
        try checkBatchArguments(only)
        let session = IngestSession(context: context, schemasFolder: schemasFolder, ocrEngine: ocrEngine, ocrEngineGiven: ocrEngineGiven)
        var opening = try session.open(deferringSchemas: true)
        defer { withExtendedLifetime(opening.lock) {} }
        for line in opening.recovered { context.reporter.info("recuperación: \(line)") }
        var summary = IngestSummary(batches: [], undeclared: [], waiting: [], recovered: opening.recovered, ocr: opening.ocr)
        let scan = try scanInbox(ignoreSettle: ignoreSettle)
        summary.undeclared = scan.undeclared.map(\.message)
        for entry in scan.undeclared { context.reporter.warning(entry.message) }
        for batch in scan.batches where only.isEmpty || only.contains(batch.identifier) || only.contains(batch.fondsSlug) {
            if context.stopRequested {
                summary.waiting.append("\(batch.identifier): no se empezó; se pidió detener el ingreso (\(context.stop?.why ?? "una señal"))")
                continue
            }
            // Nothing to process (only the marker and system files): no report, no reprocessing. A sheet
            // alone may correct the description of archived items: the batch runner reads it.
            if batch.items.isEmpty && batch.rejected.isEmpty && batch.metadataFile == nil && batch.chartFile == nil {
                if removeLeftoverMarker(of: batch, catalog: opening.environment.catalog) { continue }
                summary.waiting.append("\(batch.identifier): no tiene imágenes que ingresar (solo la hoja, la marca o archivos del sistema)")
                context.reporter.info("lote \(batch.identifier): no tiene imágenes que ingresar")
                continue
            }
            guard batch.isReady else {
                summary.waiting.append("\(batch.identifier): \(batch.readiness.description)")
                context.reporter.info("lote \(batch.identifier): todavía no está listo (\(batch.readiness.description))")
                continue
            }
            guard let fonds = config.fonds(slug: batch.fondsSlug) else { continue }
            if opening.ocrPending {
                (opening.environment.ocr, summary.ocr) = try session.chooseOCR()
                opening.ocrPending = false
            }
            if opening.schemasPending {
                opening.environment.validation = try session.compileSchemas()
                opening.schemasPending = false
            }
            if let report = try await BatchRunner(batch: batch, fonds: fonds, environment: opening.environment, context: context).run() {
                summary.batches.append(report)
            } else {
                summary.waiting.append("\(batch.identifier): su hoja no nombra ningún ítem del lote ni del archivo; no hay nada que ingresar")
            }
        }
        return summary
    }

    private func scanInbox(ignoreSettle: Bool) throws -> InboxScan {
        let config = context.config
        let scanner = InboxScanner(inbox: config.url(\.inbox), fondsSlugs: Set(config.fonds.map(\.slug)), readyMarker: config.ingest.readyMarker,
                                   settleSeconds: ignoreSettle ? 0 : config.ingest.settleSeconds,
                                   copyQuietSeconds: config.ingest.copyQuietSeconds, now: context.clock())
        do {
            return try scanner.scan()
        } catch {
            let (spanish, technical) = SystemErrorText.describe(error)
            throw PipelineError.environment("No se pudo leer la bandeja \(context.displayPath(config.paths.inbox)): \(spanish)", detail: technical)
        }
    }

    /// `--batch` names a declared fonds ("banda-sinfonica") or a batch folder in it
    /// ("banda-sinfonica/2024-03-partituras"); anything else is a usage error, not "nothing to do".
    func checkBatchArguments(_ only: [String]) throws {
        let slugs = Set(context.config.fonds.map(\.slug))
        for argument in only {
            let parts = argument.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(parts.count), slugs.contains(parts[0]), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
                throw PipelineError.usage("--batch «\(argument)» no es un fondo declarado en pipeline.yaml (\(SpanishText.list(slugs.sorted()))) ni un fondo/lote")
            }
            if parts.count == 2 {
                var isFolder: ObjCBool = false
                let folder = context.config.url(\.inbox).appendingPathComponent(parts[0]).appendingPathComponent(parts[1])
                guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                    throw PipelineError.usage("--batch «\(argument)»: no hay un lote con ese nombre en la bandeja (\(context.displayPath(folder.path)))")
                }
            }
        }
    }
}
