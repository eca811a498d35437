import Catalog
import Foundation
import Imaging
import Metadata
import Preservation

/// What `memoria ingest` did.
public struct IngestSummary: Codable, Sendable {
    public var batches: [BatchReport]
    /// Inbox folders and files that belong to no declared fonds/batch (left untouched).
    public var undeclared: [String]
    /// Batches found but not ready yet (still changing, no ready marker).
    public var waiting: [String]
    public var recovered: [String]
    public var ocr: String

    /// 0: everything archived; 1: something was quarantined, held or failed.
    public var exitCode: Int32 {
        batches.contains(where: \.hasProblems) || !undeclared.isEmpty ? 1 : 0
    }
}

/// The ingest loop (the runner owns ordering, concurrency, quarantine, resume and reporting; stages
/// handle one file or one item). For each ready batch: read metadata.csv, process every master in a
/// bounded task group (identify, digest, decode-validate-derive, text), and as soon as an item's files
/// are all done: describe, package into OCFL, index, release its inbox files. One ingest at a time.
public final class IngestRunner {
    let context: StageContext
    let config: PipelineConfig
    let schemasFolder: String
    var reporter: Reporter { context.reporter }

    public init(context: StageContext, schemasFolder: String? = nil) {
        self.context = context
        config = context.config
        self.schemasFolder = schemasFolder ?? context.config.paths.schemas
    }

    public func run(only: [String] = [], ignoreSettle: Bool = false) async throws -> IngestSummary {
        let archive = config.url(\.archive), staging = config.url(\.staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let lock = try IngestLock(folder: staging)
        defer { withExtendedLifetime(lock) {} }
        let storage: OCFLStorageRoot
        let writer: OCFLVersionWriter
        do {
            storage = try OCFLStorageRoot(root: archive)
            writer = try OCFLVersionWriter(storage: storage, staging: staging,
                                           algorithm: DigestAlgorithm(rawValue: config.ingest.digest) ?? .sha512)
        } catch {
            throw PipelineError.environment("\(error)")
        }
        var summary = IngestSummary(batches: [], undeclared: [], waiting: [], recovered: [], ocr: "")
        try checkBatchArguments(only)

        // Recovery from a killed run: staging, half-promoted versions, objects missing from the catalog.
        let recovery = try OCFLRecovery(storage: storage, staging: staging).recover()
        summary.recovered += recovery.promotedVersions.map { "promoted \($0)" } + recovery.removedTemporaryFiles.map { "removed \($0)" }
        if !recovery.removedStaging.isEmpty { summary.recovered.append("removed \(recovery.removedStaging.count) stale staging folder(s)") }
        let catalog = try CatalogDatabase(path: config.paths.catalog)
        try catalog.synchronizeFonds(config.fonds.map { CatalogFonds(code: $0.code, slug: $0.slug, title: $0.title, description: $0.description) })
        let fondsTitles = Dictionary(uniqueKeysWithValues: config.fonds.map { ($0.code, $0.title) })
        let interrupted = try catalog.closeInterruptedBatches(finishedAt: context.timestamp())
        if interrupted > 0 { summary.recovered.append("closed \(interrupted) batch run(s) left running by an interrupted ingest") }
        summary.recovered += try CatalogReconciler(storage: storage, catalog: catalog, fondsTitles: fondsTitles,
                                                ocrWordConfidenceFloor: config.text.ocrWordConfidenceFloor).reconcile().map { "registered \($0) in the catalog" }
        let derivatives = DerivativeStore(root: config.url(\.derivatives))
        try? FileManager.default.removeItem(at: derivatives.staging)
        for line in summary.recovered { reporter.info("recovery: \(line)") }

        // OCR.
        var ocr: TesseractRunner?
        if config.text.ocr != "never" {
            let probe = TesseractRunner.probe(command: config.text.tesseract, languages: config.text.languages)
            if let problem = probe.problem {
                if config.text.ocr == "always" { throw PipelineError.environment("OCR is required (text.ocr: always) but \(problem)") }
                summary.ocr = "off: \(problem)"
                reporter.warning("OCR desactivado: \(problem). Las páginas sin transcripción quedarán sin texto.")
            } else if let version = probe.version {
                ocr = TesseractRunner(command: config.text.tesseract, languages: config.text.languages,
                                      pageSegmentationMode: config.text.pageSegmentationMode, timeoutSeconds: config.text.timeoutSeconds,
                                      version: version)
                summary.ocr = "Tesseract \(version) (\(config.text.languages))"
            }
        } else {
            summary.ocr = "off (text.ocr: never)"
        }
        let validation = try XMLValidation(folder: schemasFolder)

        let scanner = InboxScanner(inbox: config.url(\.inbox), fondsSlugs: Set(config.fonds.map(\.slug)),
                                   readyMarker: config.ingest.readyMarker, settleSeconds: ignoreSettle ? 0 : config.ingest.settleSeconds,
                                   now: context.clock())
        let scan = try scanner.scan()
        summary.undeclared = scan.undeclared.map { "\($0.path): \($0.message)" }
        for entry in scan.undeclared { reporter.warning(entry.message) }
        let environment = BatchEnvironment(storage: storage, writer: writer, catalog: catalog, derivatives: derivatives, ocr: ocr,
                                           validation: validation, fondsTitles: fondsTitles)
        for batch in scan.batches {
            if !only.isEmpty && !only.contains(batch.identifier) && !only.contains(batch.fondsSlug) { continue }
            // Nothing to process (only the sheet, the marker, system files): no report, no reprocessing.
            if batch.items.isEmpty && batch.rejected.isEmpty {
                summary.waiting.append("\(batch.identifier) (sin ítems)")
                reporter.info("lote \(batch.identifier): no tiene imágenes que ingresar (solo la hoja, la marca o archivos del sistema)")
                continue
            }
            guard batch.isReady else {
                summary.waiting.append("\(batch.identifier) (\(batch.readiness))")
                reporter.info("lote \(batch.identifier): todavía no está listo (\(batch.readiness))")
                continue
            }
            let report = try await BatchProcessor(runner: self, batch: batch, environment: environment).run()
            summary.batches.append(report)
        }
        return summary
    }
}

extension IngestRunner {
    /// `--batch` names a declared fonds ("banda-sinfonica") or a batch folder in it
    /// ("banda-sinfonica/2024-03-partituras"); anything else is a usage error, not "nothing to do".
    func checkBatchArguments(_ only: [String]) throws {
        let slugs = Set(config.fonds.map(\.slug))
        for argument in only {
            let parts = argument.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(parts.count), slugs.contains(parts[0]), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
                throw PipelineError.usage("--batch «\(argument)»: no es un fondo declarado en pipeline.yaml (\(slugs.sorted().joined(separator: ", "))) ni fondo/lote")
            }
            if parts.count == 2 {
                var isFolder: ObjCBool = false
                let folder = config.url(\.inbox).appendingPathComponent(parts[0]).appendingPathComponent(parts[1])
                guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                    throw PipelineError.usage("--batch «\(argument)»: no hay un lote con ese nombre en la bandeja (\(folder.path))")
                }
            }
        }
    }
}

/// Everything a batch needs that lives for the whole run.
struct BatchEnvironment: @unchecked Sendable {
    let storage: OCFLStorageRoot
    let writer: OCFLVersionWriter
    let catalog: CatalogDatabase
    let derivatives: DerivativeStore
    let ocr: TesseractRunner?
    let validation: XMLValidation
    let fondsTitles: [String: String]
}
