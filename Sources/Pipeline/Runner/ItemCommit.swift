import Catalog
import Foundation
import Imaging
import Metadata
import Preservation
import Support

/// The per-item part of the ingest, once every file of the item is done: apply a file failure, or
/// describe (Dublin Core, METS), package (a new OCFL version), put the derivatives in place, index,
/// and only then release the item's inbox files. Appends the item's result to the ledger.
struct ItemCommit {
    let scope: BatchScope
    let policy: FailurePolicy

    init(scope: BatchScope) {
        self.scope = scope
        policy = FailurePolicy(scope: scope)
    }

    var context: StageContext { scope.context }
    var environment: RunEnvironment { scope.environment }

    /// Throws only a batch-stopping failure.
    func commit(_ intake: IntakeItem, outcomes: [FileOutcome], ledger: inout BatchLedger) throws(StageFailure) {
        let item = intake.item
        var processed: [ProcessedFile] = []
        for outcome in outcomes {
            switch outcome {
            case .processed(let file): processed.append(file)
            case .failed(let file, let failure):
                // The first failure decides; the item is archived whole or not at all.
                try policy.apply(failure, to: item, offending: [failure.offendingFile ?? file.url], ledger: &ledger)
                return
            }
        }
        for file in processed { ledger.bytesRead(file.size) }
        ledger.pagesValidated += processed.reduce(0) { $0 + $1.pages.count }
        var result: BatchReport.ItemResult
        do {
            result = try archive(intake, processed: processed, ledger: &ledger)
        } catch {
            try policy.apply(error, to: item, offending: [], ledger: &ledger)
            return
        }
        do {
            try release(item)
        } catch {
            // Archived, but its inbox files could not be removed: the next run finds it unchanged and
            // releases them. The batch stops: the inbox's disk is failing.
            result.warnings.append(error.message)
            ledger.item(result)
            throw error
        }
        ledger.item(result)
    }

    /// Describes and packages the item; returns its report line (also for an unchanged item).
    private func archive(_ intake: IntakeItem, processed: [ProcessedFile], ledger: inout BatchLedger) throws(StageFailure) -> BatchReport.ItemResult {
        let item = intake.item, prior = intake.prior
        let describe = DescribeStage(validation: environment.validation, algorithm: environment.algorithm)
        let (dc, dcXML) = describe.dublinCore(row: intake.row.record, itemID: item.id, fonds: scope.fonds, files: processed, context: context)
        let warnings = processed.flatMap(\.warnings) + intake.row.notes
        let formats = Array(Set(processed.map(\.format.name))).sorted()
        var result = BatchReport.ItemResult(outcome: .archived, id: item.id, version: nil, pages: 0, bytesWritten: 0, formats: formats,
                                            reason: nil, message: nil, detail: nil, warnings: warnings)
        if let prior, isUnchanged(prior, processed: processed, dcXML: dcXML) {
            environment.derivatives.discard(itemID: item.id)
            result.outcome = .unchanged
            result.version = prior.inventory.head
            result.pages = prior.mets.pages.count
            result.message = "ya estaba archivado con el mismo contenido y la misma descripción; no se escribió nada"
            return result
        }
        let version = (prior?.inventory.headNumber ?? 0) + 1
        let now = context.timestamp()
        var pending = processed.flatMap(\.events)
        if let prior {
            let changes = VersionEvents.changes(prior: prior, files: processed, dcXML: dcXML)
            pending += VersionEvents.forNewVersion(changes, version: version, batch: scope.batch.identifier, line: intake.row.line,
                                                   itemID: item.id, now: now)
            result.changes = VersionEvents.reportLines(changes)
        } else {
            pending += VersionEvents.forFirstVersion(batch: scope.batch.identifier, fondsTitle: scope.fonds.title,
                                                     pages: processed.reduce(0) { $0 + $1.pages.count }, itemID: item.id, now: now)
        }
        let described = try describe.run(.init(itemID: item.id, dublinCore: dc, dcXML: dcXML, fonds: scope.fonds, files: processed,
                                                prior: prior, version: version, pending: pending), context: context)
        let state = PackageStage.state(files: processed, dcXML: dcXML, metsXML: described.metsXML)
        let written = try PackageStage(writer: environment.writer).run(
            .init(itemID: item.id, state: state, message: "Memoria: lote \(scope.batch.identifier), versión v\(version)"), context: context)
        CrashPoints.pass("item archived, before derivatives and catalog")
        placeDerivatives(item.id, processed: processed, result: &result, ledger: &ledger)
        index(item.id, described: described, written: written, processed: processed, ledger: &ledger)
        CrashPoints.pass("item indexed, before inbox clean-up")
        result.outcome = written.outcome == .created ? .archived : .newVersion
        result.version = written.version
        result.pages = described.mets.pages.count
        result.bytesWritten = written.bytesWritten
        return result
    }

    /// Same masters, texts and description as the archived head (the METS records dates, so it is left out).
    private func isUnchanged(_ prior: PriorObject, processed: [ProcessedFile], dcXML: [UInt8]) -> Bool {
        var priorState = prior.inventory.logicalState()
        priorState["metadata/mets.xml"] = nil
        let next = PackageStage.state(files: processed, dcXML: dcXML, metsXML: nil).mapValues { source -> String in
            switch source {
            case .file(_, let digest), .existing(let digest): return digest
            case .bytes(let bytes): return Digester.digest(bytes, algorithm: environment.algorithm)
            }
        }
        return next == priorState
    }

    /// New derivatives into place; pages whose master is unchanged keep theirs.
    private func placeDerivatives(_ itemID: String, processed: [ProcessedFile], result: inout BatchReport.ItemResult,
                                  ledger: inout BatchLedger) {
        let config = context.config
        var entries = environment.derivatives.manifest(itemID: itemID).filter { entry in
            processed.contains { file in file.carriedOver && file.logicalPath == entry.masterPath }
        }
        for file in processed where !file.carriedOver {
            for page in file.pages {
                let access = PixelImage.fittedSize(width: page.displayWidth, height: page.displayHeight, longEdge: config.derivatives.accessLongEdge)
                entries.append(.init(key: page.derivativeKey, masterPath: file.logicalPath, indexInFile: page.indexInFile,
                                     masterDigest: file.digest, fingerprint: config.derivativeSpec.fingerprint,
                                     accessWidth: access.width, accessHeight: access.height))
            }
        }
        do {
            try environment.derivatives.commit(itemID: itemID, entries: entries)
        } catch {
            // The item is archived; only its access copies are missing: `memoria derive` rebuilds them.
            let (spanish, technical) = SystemErrorText.describe(error)
            result.warnings.append("archivado, pero sus copias de consulta no se pudieron poner en su lugar (\(spanish)); ejecute memoria derive --item \(itemID)")
            ledger.warning(.derivativesNotPlaced, "las copias de consulta de «\(itemID)» no se pudieron poner en \(context.displayPath(config.paths.derivatives)): \(spanish)",
                           detail: technical)
        }
    }

    /// The catalog follows the archive; a failure is a warning, and the next start registers the item.
    private func index(_ itemID: String, described: DescribedItem, written: OCFLVersionResult, processed: [ProcessedFile],
                       ledger: inout BatchLedger) {
        var texts: [Int: (source: String?, path: String?, text: String)] = [:]
        var sequence = 0
        for file in processed {
            for page in file.pages {
                sequence += 1
                if let text = page.text { texts[sequence] = (text.source, text.files.first?.logicalPath, text.text) }
            }
        }
        let record = IndexStage.catalogItem(itemID: itemID, fondsCode: scope.fonds.code, mets: described.mets, inventory: written.inventory,
                                            batchID: scope.batchID, pageTexts: texts)
        do {
            try IndexStage(catalog: environment.catalog).run(record, fondsTitle: scope.fonds.title)
        } catch {
            ledger.catalogNotUpdated("ítem «\(itemID)», archivado en \(written.version)", error: error)
        }
    }

    /// The item's inbox files, once it is safely archived (or already was).
    private func release(_ item: InboxItem) throws(StageFailure) {
        do {
            try scope.cleaner.release(scope.inboxFiles(of: item))
        } catch {
            let (spanish, technical) = SystemErrorText.describe(error)
            throw StageFailure(stage: .package, reason: .archiveWrite, consequence: .stopBatch,
                               message: "«\(item.id)» quedó archivado, pero sus archivos no se pudieron retirar de la bandeja (\(spanish)). Revise los permisos y el disco de la bandeja; la próxima ejecución los retira",
                               detail: technical)
        }
        if let folder = item.folder { scope.cleaner.removeIfEmpty(folder) }
    }
}
