import Catalog
import Foundation
import Imaging
import Metadata
import Preservation
import Support

/// The per-item part of the ingest, once every file of the item is done: apply a file failure, or
/// describe (Dublin Core, METS), package (a new OCFL version), put the derivatives in place, index,
/// and only then release the item's inbox files. Appends the item's result to the ledger.
struct ItemCommit: Sendable {
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
            result.warnings += try release(intake)
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
        let plan = try versionPlan(intake, deposited: processed)
        let access = try accessPlan(intake)
        let describe = DescribeStage(validation: environment.validation, algorithm: environment.algorithm)
        let base = DescriptionMerge.merge(prior: prior?.mets.dublinCore, row: intake.row.record, present: intake.presentElements)
        let (dc, dcXML) = describe.dublinCore(row: base, itemID: item.id, fonds: scope.fonds, files: plan.files, context: context)
        let description = prior.map { DescriptionMerge.changes(from: $0.mets.dublinCore, to: dc) } ?? []
        // memoria.unidad: a present column sets (or, empty, clears) the unit; an absent one keeps it.
        let unit = intake.row.instructions["unidad"].map { $0.isEmpty ? nil : $0 } ?? prior?.mets.unitCode
        let unitChange = prior.flatMap { $0.mets.unitCode == unit ? nil : "memoria.unidad: «\($0.mets.unitCode ?? "")» → «\(unit ?? "")»" }
        let formats = Array(Set(plan.files.map(\.format.name))).sorted()
        var result = BatchReport.ItemResult(outcome: .archived, id: item.id, version: nil, pages: 0, bytesWritten: 0, formats: formats,
                                            reason: nil, message: nil, detail: nil, warnings: processed.flatMap(\.warnings) + intake.row.notes,
                                            changes: plan.changes + description.map(\.line) + [access.change, unitChange].compactMap { $0 },
                                            observations: processed.flatMap { file in
                                                file.observations.map { BatchReport.Observation(file: file.file.name, code: $0.code.rawValue,
                                                                                                message: $0.archivistMessage, detail: $0.detail) }
                                            })
        if let prior, unitChange == nil, isUnchanged(prior, files: plan.files, dcXML: dcXML, access: access.source) {
            environment.derivatives.discard(itemID: item.id)
            result.outcome = .unchanged
            result.version = prior.inventory.head
            result.pages = prior.mets.pages.count
            result.message = "ya estaba archivado con el mismo contenido y la misma descripción; no se escribió nada"
            return result
        }
        let version = (prior?.inventory.headNumber ?? 0) + 1
        let pending = plan.files.flatMap(\.events) + versionEvents(intake, plan: plan, description: description, version: version)
            + [access.event].compactMap { $0 }
        let described = try describe.run(.init(itemID: item.id, dublinCore: dc, dcXML: dcXML, fonds: scope.fonds, files: plan.files,
                                                prior: prior, version: version, pending: pending, unitCode: unit), context: context)
        var state = PackageStage.state(files: plan.files, dcXML: dcXML, metsXML: described.metsXML)
        state[AccessDecision.logicalPath] = access.source
        let written = try PackageStage(writer: environment.writer).run(
            .init(itemID: item.id, state: state, message: "Memoria: lote \(scope.batch.identifier), versión v\(version)"), context: context)
        CrashPoints.pass("item archived, before derivatives and catalog")
        placeDerivatives(item.id, processed: plan.files, result: &result, ledger: &ledger)
        index(item.id, described: described, written: written, processed: plan.files, access: access.decision, ledger: &ledger)
        CrashPoints.pass("item indexed, before inbox clean-up")
        result.outcome = written.outcome == .created ? .archived : .newVersion
        result.version = written.version
        result.pages = described.mets.pages.count
        result.bytesWritten = written.bytesWritten
        return result
    }

    /// What the next version holds: the deposit merged with what is archived, as the sheet asks.
    private func versionPlan(_ intake: IntakeItem, deposited: [ProcessedFile]) throws(StageFailure) -> VersionPlan {
        let transcribe = environment.fileStages().transcribe
        let floor = context.config.text.ocrWordConfidenceFloor
        let made = VersionPlan.make(itemID: intake.item.id, prior: intake.prior, deposited: deposited, request: intake.request) { path in
            intake.prior.flatMap { CarriedFile.make(prior: $0, path: path, transcribe: transcribe, ocrWordConfidenceFloor: floor) }
        }
        switch made {
        case .success(let plan): return plan
        case .failure(let failure): throw failure
        }
    }

    /// The access the next version carries: the row's memoria.acceso, the archived one, or the fonds' default.
    private func accessPlan(_ intake: IntakeItem) throws(StageFailure) -> AccessPlan {
        let current: AccessDecision?
        do {
            current = try intake.prior.flatMap { prior in try ArchiveReader.access(of: prior) }
        } catch {
            throw StageFailure(stage: .intake, reason: .unreadableArchive,
                               message: "No se pudo leer la decisión de acceso archivada de «\(intake.item.id)»; el ítem sigue en la bandeja. Ejecute memoria verify --item \(intake.item.id)",
                               detail: "\(error)")
        }
        let fondsDefault = AccessDecision.State(rawValue: scope.fonds.access) ?? .open
        return try AccessPlan.make(itemID: intake.item.id, prior: intake.prior, current: current, asked: intake.request.access,
                                   reason: intake.request.accessReason, fondsDefault: fondsDefault,
                                   origin: "metadata.csv del lote \(scope.batch.identifier), línea \(intake.row.line)", context: context)
    }

    private func versionEvents(_ intake: IntakeItem, plan: VersionPlan, description: [DescriptionMerge.Change], version: Int) -> [PendingEvent] {
        let now = context.timestamp()
        let dates = VersionEvents.dateNotes(intake.row)
        guard intake.prior != nil else {
            return VersionEvents.forFirstVersion(batch: scope.batch.identifier, fondsTitle: scope.fonds.title,
                                                 pages: plan.files.reduce(0) { $0 + $1.pages.count }, itemID: intake.item.id, dates: dates, now: now)
        }
        let newText = plan.files.contains { $0.pages.contains { $0.text?.files.contains { if case .existing = $0.source { return false }; return true } ?? false } }
        return VersionEvents.forNewVersion(plan: plan, newText: newText, description: description, version: version, batch: scope.batch.identifier,
                                           line: intake.row.line, itemID: intake.item.id, dates: dates, now: now)
    }

    /// Same masters, texts and description as the archived head (the METS records dates, so it is left out).
    private func isUnchanged(_ prior: PriorObject, files: [ProcessedFile], dcXML: [UInt8], access: OCFLSourceValue?) -> Bool {
        var priorState = prior.inventory.logicalState()
        priorState["metadata/mets.xml"] = nil
        var nextState = PackageStage.state(files: files, dcXML: dcXML, metsXML: nil)
        nextState[AccessDecision.logicalPath] = access
        let next = nextState.mapValues { source -> String in
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
                // The medium copy as MasterDecoder makes it: from the access copy, when that is larger.
                let mediumEdge = config.derivatives.mediumLongEdge
                let medium = mediumEdge > 0 && max(access.width, access.height) > mediumEdge
                    ? PixelImage.fittedSize(width: access.width, height: access.height, longEdge: mediumEdge) : nil
                entries.append(.init(key: page.derivativeKey, masterPath: file.logicalPath, indexInFile: page.indexInFile,
                                     masterDigest: file.digest, fingerprint: config.derivativeFingerprint,
                                     accessWidth: access.width, accessHeight: access.height,
                                     mediumWidth: medium?.width, mediumHeight: medium?.height))
            }
        }
        do {
            try environment.derivatives.commit(itemID: itemID, entries: entries)
        } catch {
            // The item is archived; only its access copies are missing: `memoria derive` rebuilds them.
            let (spanish, technical) = SystemErrorText.describe(error)
            result.warnings.append("archivado, pero sus copias de consulta no se pudieron poner en su lugar (\(spanish)); ejecute memoria derive --item \(itemID)")
            ledger.warning(.derivativesNotPlaced, "las copias de consulta de «\(itemID)» no se pudieron poner en \(context.displayPath(config.paths.derivatives)): \(spanish); el ítem sí quedó archivado: resuelva el problema y ejecute memoria derive --item \(itemID)",
                           detail: technical)
        }
    }

    /// The catalog follows the archive; a failure is a warning, and the next start registers the item.
    private func index(_ itemID: String, described: DescribedItem, written: OCFLVersionResult, processed: [ProcessedFile],
                       access: AccessDecision?, ledger: inout BatchLedger) {
        var record = IndexStage.catalogItem(itemID: itemID, fondsCode: scope.fonds.code, mets: described.mets, inventory: written.inventory,
                                            batchID: scope.batchID, pageTexts: IndexStage.pageTexts(processed))
        record.access = access
        do {
            try IndexStage(catalog: environment.catalog).run(record, fondsTitle: scope.fonds.title, unitCode: described.mets.unitCode)
        } catch {
            ledger.catalogNotUpdated("ítem «\(itemID)», archivado en \(written.version)", error: error)
        }
    }

    /// The item's inbox files, once it is safely archived (or already was): deleted, moved or kept
    /// as ingest.after_ingest says, except a file that changed since it was read (still being copied: it
    /// stays, and the next run archives what it became). The good pages it had waiting in quarantine
    /// leave the quarantine; its quarantine entries are resolved. Returns warnings for the report.
    private func release(_ intake: IntakeItem) throws(StageFailure) -> [String] {
        let item = intake.item
        var warnings: [String] = []
        var settled: [URL] = []
        for file in item.files {
            if Self.changedSinceScan(file) {
                warnings.append("«\(file.name)» cambió mientras se archivaba: se archivó lo que se leyó y el archivo se deja en la bandeja; la próxima ejecución archiva lo que sea ahora")
            } else {
                settled.append(file.url)
            }
        }
        settled += item.sidecars.map(\.url)
        do {
            try scope.cleaner.release(settled)
        } catch {
            let (spanish, technical) = SystemErrorText.describe(error)
            throw StageFailure(stage: .package, reason: .archiveWrite, consequence: .stopBatch,
                               message: "«\(item.id)» quedó archivado, pero sus archivos no se pudieron retirar de la bandeja (\(spanish)). Revise los permisos y el disco de la bandeja; la próxima ejecución los retira",
                               detail: technical)
        }
        if let folder = item.folder { scope.cleaner.removeIfEmpty(folder) }
        warnings += QuarantineResolution(scope: scope).itemArchived(intake)
        return warnings
    }

    /// True when a file's size or modification time is not what the scan saw.
    static func changedSinceScan(_ file: InboxFile) -> Bool {
        guard let now = DirectoryEntry.stamp(of: file.url.path) else { return true }
        return now.size != file.size || now.modified != file.modified
    }
}
