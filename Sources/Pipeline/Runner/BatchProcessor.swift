import Catalog
import Foundation
import Imaging
import Metadata
import Preservation

/// One batch from the inbox to the archive (see IngestRunner for the order of things).
final class BatchProcessor {
    let runner: IngestRunner
    let batch: InboxBatch
    let env: BatchEnvironment
    let context: StageContext
    let config: PipelineConfig
    let fonds: PipelineConfig.Fonds
    let algorithm: DigestAlgorithm
    let quarantine: QuarantineStore
    let cleaner: InboxCleaner
    var report: BatchReport
    var batchID: Int64?
    let started = Date()
    var bytesRead: Int64 = 0
    var pagesDone = 0

    init(runner: IngestRunner, batch: InboxBatch, environment: BatchEnvironment) {
        self.runner = runner
        self.batch = batch
        env = environment
        context = runner.context
        config = runner.config
        fonds = runner.config.fonds(slug: batch.fondsSlug)!
        algorithm = DigestAlgorithm(rawValue: runner.config.ingest.digest) ?? .sha512
        quarantine = QuarantineStore(root: runner.config.url(\.quarantine))
        cleaner = InboxCleaner(mode: runner.config.ingest.afterIngest, inbox: runner.config.url(\.inbox),
                               processed: runner.config.url(\.processed))
        report = BatchReport(fonds: batch.fondsSlug, batch: batch.name, status: "done", startedAt: context.timestamp(),
                             finishedAt: "", durationSeconds: 0, operatorName: context.operatorName,
                             software: "\(StageContext.softwareName) \(StageContext.softwareVersion)")
    }

    var reportFolder: URL { config.url(\.reports).appendingPathComponent(batch.fondsSlug).appendingPathComponent(batch.name) }

    /// The name of this run's report: its start time to the second, with "-2", "-3"... when a run
    /// of the same batch started in the same second already wrote one (never overwrite a report).
    lazy var reportStamp: String = {
        var stamp = report.startedAt
        var attempt = 1
        while FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent("informe-\(stamp.replacingOccurrences(of: ":", with: "")).json").path) {
            attempt += 1
            stamp = "\(report.startedAt)-\(attempt)"
        }
        return stamp
    }()

    func run() async throws -> BatchReport {
        context.reporter.info("lote \(batch.identifier): \(batch.items.count) ítems")
        batchID = try? env.catalog.beginBatch(fondsSlug: batch.fondsSlug, name: batch.name, startedAt: report.startedAt, agent: context.operatorName)
        report.ignoredFiles = batch.ignored.map(\.lastPathComponent)

        // metadata.csv is read first: a batch whose sheet cannot be read waits in the inbox, untouched.
        let sheet: MetadataSheet
        do {
            guard let file = batch.metadataFile, let data = FileManager.default.contents(atPath: file.path) else {
                return try hold("falta metadata.csv: cada lote necesita una hoja con una fila por ítem (columnas identifier, dc.title, ...). El lote sigue en la bandeja.")
            }
            sheet = try MetadataSheet.read([UInt8](data), file: "metadata.csv", requiredFields: fonds.requiredFields)
        } catch let error as SheetError {
            return try hold("\(error) El lote sigue en la bandeja; corrija la hoja y vuelva a ejecutar.")
        }
        report.metadataEncoding = "\(sheet.encoding.rawValue), separador «\(sheet.delimiter)»"
        report.ignoredColumns = sheet.ignoredColumns
        if !sheet.ignoredColumns.isEmpty {
            context.reporter.warning("lote \(batch.identifier): metadata.csv tiene columnas que no se usan: \(sheet.ignoredColumns.joined(separator: ", ")). Las columnas válidas son identifier, dc.<elemento> (title, creator, subject, description, publisher, contributor, date, type, format, identifier, source, language, relation, coverage, rights) y dcterms.<refinamiento>; revise si hay un error de escritura.")
        }
        report.notes += sheet.rowProblems.map(\.description)
        let itemIDs = Set(batch.items.map(\.id))
        for (identifier, row) in sheet.rows where !itemIDs.contains(identifier) && !batch.rejected.contains(where: { $0.itemID == identifier }) {
            if env.storage.objectExists(identifier) {
                // Typically an item an interrupted run archived (its inbox files were cleaned on recovery).
                report.notes.append("metadata.csv, línea \(row.line): «\(identifier)» ya está en el archivo y sus archivos ya no están en la bandeja (ingresado antes)")
            } else {
                report.notes.append("metadata.csv, línea \(row.line): la fila «\(identifier)» no corresponde a ninguna carpeta ni archivo del lote")
            }
        }

        // Free space: the whole batch must fit, with the configured margin to spare.
        let needed = batch.items.flatMap(\.files).reduce(Int64(0)) { $0 + $1.size }
        if let available = FileSystem.availableBytes(at: config.url(\.archive)), available - needed < Int64(config.ingest.minFreeBytes) {
            _ = try hold("espacio insuficiente en el disco del archivo: hacen falta \(needed) bytes más el margen de \(config.ingest.minFreeBytes) y hay \(available). El lote sigue en la bandeja.")
            throw PipelineError.environment("not enough free space on the archive's disk for batch \(batch.identifier) (\(needed) bytes needed, \(available) available, margin \(config.ingest.minFreeBytes))")
        }

        // Entries the scanner refused: quarantined with their reason; their items are held back whole.
        var heldItems: [String: String] = [:]
        for entry in batch.rejected {
            try quarantineRaw(entry.rawPath, itemID: entry.itemID, code: entry.reason.rawValue, message: entry.message)
            if let item = entry.itemID { heldItems[item] = entry.message }
        }

        var jobs: [(item: Int, file: Int, job: FileJob)] = []
        var items: [InboxItem] = []
        var rows: [MetadataSheet.Row] = []
        var priors: [PriorObject?] = []
        for item in batch.items {
            if let reason = heldItems[item.id] {
                try holdItem(item, code: "item-incomplete", reason: "otro archivo del ítem tiene un problema: \(reason)", files: [])
                continue
            }
            if sheet.rows[item.id] == nil, let problem = sheet.unreadableRows[item.id] {
                try holdItem(item, code: problem.kind.rawValue,
                             reason: "la fila de «\(item.id)» en metadata.csv no se puede leer: \(problem.description). Corrija esa fila y vuelva a depositar el ítem.",
                             files: [])
                continue
            }
            guard let row = sheet.rows[item.id] else {
                try holdItem(item, code: SheetProblem.Kind.noRow.rawValue,
                             reason: "no hay fila para «\(item.id)» en metadata.csv (columna identifier). Añada la fila con al menos \(fonds.requiredFields.joined(separator: ", ")) y vuelva a depositar el ítem.",
                             files: [])
                continue
            }
            if !row.problems.isEmpty {
                try holdItem(item, code: row.problems[0].kind.rawValue, reason: row.problems.map(\.description).joined(separator: " | "), files: [])
                continue
            }
            let prior: PriorObject?
            do {
                prior = try ArchiveReader(storage: env.storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor).prior(item.id)
            } catch {
                record(item: item, outcome: "failed", reason: "no se pudo leer la versión archivada: \(error)")
                continue
            }
            let index = items.count
            items.append(item)
            rows.append(row)
            priors.append(prior)
            for (fileIndex, file) in item.files.enumerated() {
                let stem = file.stem
                let job = FileJob(itemID: item.id, file: file, sidecars: item.sidecars.filter { $0.pageStem == stem }, prior: prior,
                                  context: context, algorithm: algorithm, derivatives: env.derivatives, catalog: env.catalog, ocr: env.ocr)
                jobs.append((index, fileIndex, job))
            }
        }

        // All files of the batch through a bounded task group; each item is committed as soon as its
        // last file is done.
        var outcomes: [[FileOutcome?]] = items.map { Array(repeating: nil, count: $0.files.count) }
        var remaining = items.map(\.files.count)
        let width = config.workerCount
        let total = jobs.count
        context.reporter.emit(.began(stage: "ingest \(batch.identifier)", total: total))
        var fatal: Error?
        var done = 0
        await withTaskGroup(of: (Int, Int, FileOutcome).self) { group in
            var next = 0
            while next < min(width, jobs.count) {
                let (i, f, job) = jobs[next]
                group.addTask { (i, f, job.run()) }
                next += 1
            }
            while let (i, f, outcome) = await group.next() {
                outcomes[i][f] = outcome
                remaining[i] -= 1
                done += 1
                context.reporter.emit(.advanced(stage: "ingest \(batch.identifier)", done: done, total: total, detail: items[i].files[f].name))
                if remaining[i] == 0 && fatal == nil {
                    do {
                        try commit(items[i], row: rows[i], prior: priors[i], outcomes: outcomes[i].compactMap { $0 })
                    } catch {
                        fatal = error
                    }
                    outcomes[i] = []
                }
                if next < jobs.count && fatal == nil {
                    let (i, f, job) = jobs[next]
                    group.addTask { (i, f, job.run()) }
                    next += 1
                }
            }
        }
        context.reporter.emit(.finished(stage: "ingest \(batch.identifier)"))
        if let fatal {
            report.status = "aborted"
            report.statusReason = "\(fatal)"
            try finish()
            throw fatal is PipelineError ? fatal : PipelineError.environment("\(fatal)")
        }
        try releaseBatchFolder()
        try finish()
        return report
    }

    // MARK: - one item

    private func commit(_ item: InboxItem, row: MetadataSheet.Row, prior: PriorObject?, outcomes: [FileOutcome]) throws {
        var processed: [ProcessedFile] = []
        var rejection: (InboxFile, FileRejection, URL?)?
        for outcome in outcomes {
            switch outcome {
            case .processed(let file): processed.append(file)
            case .rejected(let file, let why, let sidecar): if rejection == nil { rejection = (file, why, sidecar) }
            }
        }
        for file in processed { bytesRead += file.size }
        if let (file, why, sidecar) = rejection {
            env.derivatives.discard(itemID: item.id)
            context.reporter.warning("\(item.id): \(why.log)")
            try holdItem(item, code: why.code, reason: why.message, files: [sidecar ?? file.url], digest: why.digest)
            return
        }
        pagesDone += processed.reduce(0) { $0 + $1.pages.count }

        let describe = DescribeStage(context: context, validation: env.validation, algorithm: algorithm)
        let (dc, dcXML) = describe.dublinCore(row: row.record, itemID: item.id, fonds: fonds, files: processed)
        let newState = PackageStage.state(files: processed, dcXML: dcXML, metsXML: nil, prior: prior)
        let warnings = processed.flatMap(\.warnings) + row.notes
        let formats = Array(Set(processed.map(\.format.name))).sorted()

        // Unchanged? Compare digests of everything but the METS (which records dates).
        if let prior {
            var priorState = prior.inventory.logicalState()
            priorState["metadata/mets.xml"] = nil
            let newDigests = newState.mapValues { source -> String in
                switch source {
                case .file(_, let digest), .existing(let digest): return digest
                case .bytes(let bytes): return Digester.digest(bytes, algorithm: algorithm)
                }
            }
            if newDigests == priorState {
                try cleaner.release(inboxFiles(of: item))
                removeItemFolder(item)
                record(item: item, outcome: "unchanged", version: prior.inventory.head, pages: prior.mets.pages.count, formats: formats,
                       reason: "ya archivado con el mismo contenido y la misma descripción; no se escribió nada", warnings: warnings)
                env.derivatives.discard(itemID: item.id)
                return
            }
        }

        let version = (prior?.inventory.headNumber ?? 0) + 1
        var pending = processed.flatMap(\.events)
        let now = context.timestamp()
        if let prior {
            let priorMasters = Set(prior.mets.files.filter { $0.use == .master }.map(\.logicalPath))
            let newMasters = processed.filter { !$0.carriedOver }.map(\.logicalPath)
            let removed = priorMasters.subtracting(processed.map(\.logicalPath))
            let contentChanged = !newMasters.isEmpty || !removed.isEmpty
                || processed.contains { $0.pages.contains { $0.text?.files.contains { if case .existing = $0.source { return false }; return true } ?? false } }
            if contentChanged {
                pending.append(PendingEvent(type: .ingestion, dateTime: now,
                    detail: "versión v\(version) desde el lote \(batch.identifier): \(newMasters.count) archivo(s) nuevo(s) o sustituido(s), \(removed.count) retirado(s)",
                    outcome: .success, outcomeDetail: "", objects: [item.id]))
            }
            if prior.dcBytes != dcXML {
                pending.append(PendingEvent(type: .metadataModification, dateTime: now,
                    detail: "descripción actualizada desde metadata.csv del lote \(batch.identifier), línea \(row.line)",
                    outcome: .success, outcomeDetail: "metadata/dc.xml", objects: [item.id]))
            }
        } else {
            pending.append(PendingEvent(type: .ingestion, dateTime: now,
                detail: "ingreso desde el lote \(batch.identifier) (fondo \(fonds.title))",
                outcome: .success, outcomeDetail: "\(processed.reduce(0) { $0 + $1.pages.count }) página(s)", objects: [item.id]))
        }

        let described: DescribedItem
        do {
            described = try describe.run(itemID: item.id, dublinCore: dc, dcXML: dcXML, fonds: fonds, files: processed, prior: prior,
                                         version: version, pending: pending)
        } catch {
            // Our own output failed validation: a bug, never the archivist's fault. Nothing is archived;
            // the files stay in the inbox for the next run.
            env.derivatives.discard(itemID: item.id)
            let problems = error.problems.prefix(5).map(\.description).joined(separator: "; ")
            context.reporter.warning("\(item.id): \(error.document) does not validate: \(problems)")
            record(item: item, outcome: "failed", reason: "Error interno: el \(error.document) generado no es válido (\(problems)). El ítem sigue en la bandeja; avise al equipo de sistemas.",
                   warnings: warnings)
            return
        }

        let state = PackageStage.state(files: processed, dcXML: dcXML, metsXML: described.metsXML, prior: prior)
        let result: OCFLVersionResult
        do {
            result = try PackageStage(context: context, writer: env.writer).run(
                itemID: item.id, state: state, message: "Memoria: lote \(batch.identifier), versión v\(version)")
        } catch OCFLError.sourceChanged(let id, let path) {
            env.derivatives.discard(itemID: item.id)
            record(item: item, outcome: "failed", reason: "«\(path)» cambió mientras se archivaba (\(id)); el ítem sigue en la bandeja para la próxima ejecución.",
                   warnings: warnings)
            return
        }
        CrashPoints.pass("item archived, before derivatives and catalog")

        // Derivatives: new ones into place; unchanged pages keep theirs.
        var entries = env.derivatives.manifest(itemID: item.id).filter { entry in
            processed.contains { file in file.carriedOver && file.logicalPath == entry.masterPath }
        }
        for file in processed where !file.carriedOver {
            for page in file.pages {
                entries.append(.init(key: page.derivativeKey, masterPath: file.logicalPath, indexInFile: page.indexInFile,
                                     masterDigest: file.digest, fingerprint: config.derivativeSpec.fingerprint,
                                     accessWidth: PixelImage.fittedSize(width: page.displayWidth, height: page.displayHeight, longEdge: config.derivatives.accessLongEdge).width,
                                     accessHeight: PixelImage.fittedSize(width: page.displayWidth, height: page.displayHeight, longEdge: config.derivatives.accessLongEdge).height))
            }
        }
        try env.derivatives.commit(itemID: item.id, entries: entries)

        var texts: [Int: (source: String?, path: String?, text: String)] = [:]
        var sequence = 0
        for file in processed {
            for page in file.pages {
                sequence += 1
                if let text = page.text { texts[sequence] = (text.source, text.files.first?.logicalPath, text.text) }
            }
        }
        let catalogItem = IndexStage.catalogItem(itemID: item.id, fondsCode: fonds.code, mets: described.mets, inventory: result.inventory,
                                                 batchID: batchID, pageTexts: texts)
        do {
            try IndexStage(catalog: env.catalog).run(catalogItem, fondsTitle: fonds.title)
        } catch {
            context.reporter.warning("\(item.id): archived, but the catalog could not be updated (\(error)); the next run registers it")
        }
        CrashPoints.pass("item indexed, before inbox clean-up")
        try cleaner.release(inboxFiles(of: item))
        removeItemFolder(item)
        record(item: item, outcome: result.outcome == .created ? "archived" : "new-version", version: result.version,
               pages: described.mets.pages.count, bytesWritten: result.bytesWritten, formats: formats, warnings: warnings)
    }

    private func inboxFiles(of item: InboxItem) -> [URL] { item.files.map(\.url) + item.sidecars.map(\.url) }

    private func removeItemFolder(_ item: InboxItem) {
        if let folder = item.folder { cleaner.removeIfEmpty(folder) }
    }

    // MARK: - holding back

    /// Moves all of an item's files to quarantine: the offending one with `reason`, the others with a
    /// note that they were held with it.
    private func holdItem(_ item: InboxItem, code: String, reason: String, files offending: [URL], digest: String? = nil) throws {
        for url in inboxFiles(of: item) {
            let isOffender = offending.isEmpty || offending.contains(url)
            let message = isOffender ? reason
                : "Retenido junto con su ítem «\(item.id)»: \(reason) Deposite de nuevo el ítem completo cuando esté corregido."
            try quarantineRaw(Array(url.path.utf8), itemID: item.id, code: isOffender ? code : "held-with-item", message: message,
                              digest: isOffender ? digest : nil)
        }
        if let folder = item.folder { try? FileManager.default.removeItem(at: folder) }
        record(item: item, outcome: "held-back", reason: reason)
    }

    private func quarantineRaw(_ raw: [UInt8], itemID: String?, code: String, message: String, digest: String? = nil) throws {
        let original = String(decoding: raw, as: UTF8.self)
        let placement = try quarantine.quarantine(
            rawPath: raw, relativeTo: batch.folder, batchKey: "\(batch.fondsSlug)/\(batch.name)",
            reason: .init(batch: batch.identifier, originalPath: original, itemID: itemID, code: code, message: message, digest: digest,
                          date: context.clock()))
        report.quarantined.append(.init(itemID: itemID, originalPath: original, quarantinePath: placement.quarantinedPath, code: code, reason: message))
        report.totals.filesQuarantined += 1
        try? env.catalog.recordQuarantine(CatalogQuarantineEntry(batchID: batchID, itemID: itemID, originalPath: original,
                                                                 quarantinePath: placement.quarantinedPath, reasonCode: code, reason: message,
                                                                 digest: digest, at: context.timestamp()))
        if let itemID {
            let event = PremisEvent(identifier: "\(itemID)/quarantine/\(UUID().uuidString.prefix(8))", type: .validation,
                                    dateTime: context.timestamp(), detail: "archivo retenido en cuarentena: \(original)",
                                    outcome: .failure, outcomeDetail: "quarantine: \(code)", agents: context.eventAgents, objects: [original])
            try? env.catalog.record([event], itemID: itemID)
        }
    }

    private func record(item: InboxItem, outcome: String, version: String? = nil, pages: Int = 0, bytesWritten: Int64 = 0,
                        formats: [String] = [], reason: String? = nil, warnings: [String] = []) {
        report.items.append(.init(outcome: outcome, id: item.id, version: version, pages: pages, bytesWritten: bytesWritten,
                                  formats: formats, reason: reason, warnings: warnings))
        switch outcome {
        case "archived": report.totals.itemsArchived += 1
        case "new-version": report.totals.newVersions += 1
        case "unchanged": report.totals.unchanged += 1
        case "held-back": report.totals.heldBack += 1
        default: report.totals.failed += 1
        }
        report.totals.pages += pages
        report.totals.bytesWritten += bytesWritten
        context.reporter.info("\(item.id): \(outcome)\(version.map { " \($0)" } ?? "")\(reason.map { " — \($0)" } ?? "")")
    }

    // MARK: - the batch folder

    private func hold(_ reason: String) throws -> BatchReport {
        report.status = "held"
        report.statusReason = reason
        context.reporter.warning("lote \(batch.identifier): \(reason)")
        try finish()
        return report
    }

    /// When every item left the inbox, the batch folder holds only metadata.csv, the ready marker and
    /// system files: metadata.csv is kept beside the reports, and the folder is removed (or moved).
    private func releaseBatchFolder() throws {
        guard report.totals.failed == 0, config.ingest.afterIngest != "keep" else { return }
        if let sheet = batch.metadataFile, FileManager.default.fileExists(atPath: sheet.path) {
            try FileManager.default.createDirectory(at: reportFolder, withIntermediateDirectories: true)
            let copy = reportFolder.appendingPathComponent("metadata-\(reportStamp.replacingOccurrences(of: ":", with: "")).csv")
            try? FileManager.default.removeItem(at: copy)
            try FileManager.default.copyItem(at: sheet, to: copy)
            if config.ingest.afterIngest == "move" { try cleaner.release([sheet]) }
        }
        let ignorable = Set(["metadata.csv", config.ingest.readyMarker.lowercased(), config.ingest.readyMarker.lowercased() + ".txt"])
        cleaner.removeIfEmpty(batch.folder, ignoring: ignorable)
    }

    private func finish() throws {
        let elapsed = Date().timeIntervalSince(started)
        report.finishedAt = context.timestamp()
        report.durationSeconds = elapsed
        report.totals.bytesRead = bytesRead
        report.pagesPerSecond = elapsed > 0 ? Double(pagesDone) / elapsed : 0
        report.megabytesPerSecond = elapsed > 0 ? Double(bytesRead) / 1_000_000 / elapsed : 0
        let path = try report.write(to: reportFolder, stamp: reportStamp)
        if let batchID {
            try? env.catalog.finishBatch(batchID, finishedAt: report.finishedAt, status: report.status == "done" ? "done" : "aborted",
                                         reportPath: path.path)
        }
    }
}


