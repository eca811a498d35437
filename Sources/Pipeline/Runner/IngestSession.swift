import Catalog
import Foundation
import Preservation
import Support

/// Opens what an ingest needs, in order, and says in Spanish what it found: the archive's lock, the
/// storage root and the version writer, recovery from a killed run, the catalog brought in line with
/// the archive, the OCR engine, the schemas (compiled now, or before an ingest's first batch).
struct IngestSession {
    let context: StageContext
    let schemasFolder: String
    /// An OCR engine given by the caller (tests); nil: Tesseract as configured.
    let ocrEngine: (any OCREngine)?
    let ocrEngineGiven: Bool

    var config: PipelineConfig { context.config }

    /// What recovery did and which engine reads text, in Spanish.
    struct Opening {
        var environment: RunEnvironment
        var lock: IngestLock
        var recovered: [String]
        var ocr: String
        /// Tesseract is configured but not yet probed: `chooseOCR()` runs before the first batch, so
        /// that an ingest with nothing to do never waits for `tesseract --version`.
        var ocrPending: Bool
        /// The schemas were found but not compiled (`open(deferringSchemas: true)`): `compileSchemas()`
        /// runs before the first batch, so that an ingest with nothing to do never compiles them.
        var schemasPending = false
    }

    /// Said of the OCR engine when no batch was run (Tesseract was not asked).
    static let ocrNotProbed = "no se consultó (no había lotes que ingresar)"

    /// `deferringSchemas`: the schema folder is checked now and compiled by `compileSchemas()`
    /// (an ingest, before its first batch); otherwise compiled now (access, restore: they always write).
    func open(deferringSchemas: Bool = false) throws -> Opening {
        let staging = config.url(\.staging)
        let lock = try IngestLock(folder: staging, display: context.displayPaths)
        let algorithm = DigestAlgorithm(rawValue: config.ingest.digest) ?? .sha512
        let storage = try context.openStorage()
        let writer: OCFLVersionWriter
        do {
            writer = try OCFLVersionWriter(storage: storage, staging: staging, algorithm: algorithm)
        } catch {
            throw environmentError(error)
        }
        var recovered = try recover(storage: storage, staging: staging)
        let catalog = try context.openCatalog()
        let titles = Dictionary(uniqueKeysWithValues: config.fonds.map { ($0.code, $0.title) })
        recovered += try reconcile(storage: storage, catalog: catalog, titles: titles)
        let derivatives = DerivativeStore(root: config.url(\.derivatives))
        derivatives.discardAllStaged()
        let ocrPending = !ocrEngineGiven && config.text.ocr != "never"
        let (engine, ocrSummary) = ocrPending ? (nil, Self.ocrNotProbed) : try chooseOCR()
        let validation = deferringSchemas ? try XMLValidation.uncompiled(folder: schemasFolder, display: context.displayPaths)
                                           : try compileSchemas()
        let environment = RunEnvironment(storage: storage, writer: writer, catalog: catalog, derivatives: derivatives, ocr: engine,
                                         validation: validation, fondsTitles: titles, algorithm: algorithm)
        return Opening(environment: environment, lock: lock, recovered: recovered, ocr: ocrSummary, ocrPending: ocrPending,
                       schemasPending: validation.awaitingCompilation)
    }

    /// The official schemas of the schema folder, compiled (profile rules only when none is set).
    func compileSchemas() throws -> XMLValidation {
        try XMLValidation(folder: schemasFolder, display: context.displayPaths)
    }

    private func recover(storage: OCFLStorageRoot, staging: URL) throws -> [String] {
        let recovery: OCFLRecovery.Report
        do {
            recovery = try OCFLRecovery(storage: storage, staging: staging).recover()
        } catch {
            throw environmentError(error)
        }
        var lines = recovery.promotedVersions.map { "se completó la versión \($0), que una ejecución interrumpida dejó a medio poner" }
        lines += recovery.removedTemporaryFiles.map { "se quitó el archivo temporal \($0)" }
        if !recovery.removedStaging.isEmpty {
            lines.append("se vació la zona de preparación (\(SpanishText.count(recovery.removedStaging.count, "carpeta", "carpetas")) de una ejecución interrumpida)")
        }
        return lines
    }

    private func reconcile(storage: OCFLStorageRoot, catalog: CatalogDatabase, titles: [String: String]) throws -> [String] {
        do {
            var lines: [String] = []
            let interrupted = try catalog.closeInterruptedBatches(finishedAt: context.timestamp())
            if interrupted > 0 {
                lines.append("se cerró como interrumpido \(SpanishText.count(interrupted, "lote que quedó", "lotes que quedaron")) en curso")
            }
            let registered = try CatalogReconciler(storage: storage, catalog: catalog, fondsTitles: titles,
                                                   ocrWordConfidenceFloor: config.text.ocrWordConfidenceFloor).reconcile()
            lines += registered.map { "se registró en el catálogo \($0), archivado por una ejecución interrumpida" }
            lines += PendingReports.writeAll(catalog: catalog, displayPath: { context.displayPath($0) })
            return lines
        } catch {
            throw PipelineError.environment("No se pudo poner el catálogo al día con el archivo: \(SystemErrorText.describe(error).spanish). Ejecute memoria reindex",
                                            detail: "\(error)")
        }
    }

    /// The engine that reads text: the caller's, none (text.ocr: never), or Tesseract once probed.
    func chooseOCR() throws -> ((any OCREngine)?, String) {
        if ocrEngineGiven { return (ocrEngine, ocrEngine?.summary ?? "desactivado") }
        guard config.text.ocr != "never" else { return (nil, "desactivado (text.ocr: never)") }
        let probe = TesseractRunner.probe(command: config.text.tesseract, languages: config.text.languages)
        if let problem = probe.problem {
            if config.text.ocr == "always" {
                throw PipelineError.environment("El OCR es obligatorio (text.ocr: always) pero \(problem)")
            }
            context.reporter.warning("OCR desactivado: \(problem). Las páginas sin transcripción quedarán sin texto")
            return (nil, "desactivado: \(problem)")
        }
        let runner = TesseractRunner(command: config.text.tesseract, languages: config.text.languages,
                                     pageSegmentationMode: config.text.pageSegmentationMode, timeoutSeconds: config.text.timeoutSeconds,
                                     version: probe.version ?? "")
        return (runner, runner.summary)
    }

    private func environmentError(_ error: Error) -> PipelineError {
        if let person = error as? PersonFacingError {
            return .environment(context.displayPaths.scrub(person.messageForPeople), detail: person.technicalDetail ?? "\(error)")
        }
        return .environment("No se pudo abrir el archivo \(context.displayPath(config.paths.archive)): \(SystemErrorText.describe(error).spanish)",
                            detail: "\(error)")
    }
}

extension PipelineConfig {
    /// The fonds as the catalog keeps them.
    var catalogFonds: [CatalogFonds] {
        fonds.map { CatalogFonds(code: $0.code, slug: $0.slug, title: $0.title, description: $0.description) }
    }
}
