import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// One batch from the inbox to the archive. In order: intake (metadata.csv, free space), quarantine of
/// what the inbox scanner refused, every master through FileWork in a bounded task group, each item
/// committed (ItemCommit) as soon as its last file is done, the batch folder released, the report
/// written. Failures are applied by FailurePolicy; a batch-stopping failure ends the run after the
/// report is written.
final class BatchRunner {
    let scope: BatchScope
    private var ledger: BatchLedger
    /// When the run started, by the context's clock (a pinned clock makes reports reproducible).
    private let started: Date

    init(batch: InboxBatch, fonds: PipelineConfig.Fonds, environment: RunEnvironment, context: StageContext) {
        scope = BatchScope(batch: batch, fonds: fonds, environment: environment, context: context)
        started = context.clock()
        ledger = BatchLedger(fonds: batch.fondsSlug, batch: batch.name, startedAt: Timestamp.localISO(started, timeZone: context.timeZone),
                             operatorName: context.reportedOperator, software: "\(StageContext.softwareName) \(StageContext.softwareVersion)",
                             reporter: context.reporter, display: context.displayPaths)
    }

    private var context: StageContext { scope.context }
    private var batch: InboxBatch { scope.batch }

    /// The batch's report, or nil when there was nothing to do (only a sheet whose rows name nothing).
    func run() async throws -> BatchReport? {
        var scope = self.scope
        scope.batchID = beginInCatalog()
        ledger.ignoredFiles(batch.ignored.map(\.lastPathComponent))
        ledger.itemOrder = Dictionary(batch.items.map(\.id).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var chart: ClassificationChart?
        if let file = batch.chartFile {
            do {
                chart = try takeChart(file, scope: scope)
            } catch {
                ledger.chart(.init(outcome: .keptInInbox, object: ChartObject.id(fondsCode: scope.fonds.code), version: nil, units: 0,
                                   changes: [error.message]))
                ledger.state(.held, reason: error.message, detail: error.detail.isEmpty ? nil : error.detail)
                context.reporter.warning("lote \(batch.identifier): \(error.message)")
                let report = try finish(scope)
                if error.consequence == .stopBatch { throw PipelineError.environment(error.message, detail: error.detail) }
                return report
            }
            if batch.metadataFile == nil && batch.items.isEmpty && batch.rejected.isEmpty {
                // Only the chart: nothing else to do.
                releaseBatchFolder()
                return try finish(scope)
            }
        }
        let plan: IntakePlan
        do {
            plan = try IntakeStage(storage: scope.environment.storage, fonds: scope.fonds, catalog: scope.environment.catalog,
                                   quarantineRoot: scope.quarantine.root, chart: chart).run(batch, context: context)
        } catch {
            ledger.state(.held, reason: error.message, detail: error.detail.isEmpty ? nil : error.detail)
            context.reporter.warning("lote \(batch.identifier): \(error.message)")
            let report = try finish(scope)
            if error.consequence == .stopBatch { throw PipelineError.environment(error.message, detail: error.detail) }
            return report
        }
        if plan.isEmpty && batch.rejected.isEmpty {
            // A sheet that names no item of the batch and no archived item: nothing to do, no report.
            closeInCatalog(scope)
            return nil
        }
        let corrections = plan.items.filter { $0.item.files.isEmpty }.count
        context.reporter.info("lote \(batch.identifier): \(SpanishText.count(plan.items.count + plan.refused.count + Set(batch.rejected.compactMap(\.itemID)).count - corrections, "ítem", "ítems"))"
                              + (corrections > 0 ? " y \(SpanishText.count(corrections, "corrección", "correcciones")) de descripción" : ""))
        noteSheet(plan)
        do {
            try refuse(plan, scope: scope)
            try await processFiles(plan, scope: scope)
        } catch {
            ledger.state(.aborted, reason: error.message, detail: error.detail)
            _ = try finish(scope)
            throw PipelineError.environment(error.message, detail: error.detail)
        }
        releaseBatchFolder()
        return try finish(scope)
    }

    /// The batch's cuadro.csv, checked and archived (a new version of the fonds' chart object when it changed).
    private func takeChart(_ file: URL, scope: BatchScope) throws(StageFailure) -> ClassificationChart {
        let plan = try ChartStage(storage: scope.environment.storage, fonds: scope.fonds).run(file, context: context)
        var result = try ChartCommit(scope: scope).commit(plan, ledger: &ledger)
        // Archived (the chart object holds it as deposited): it leaves the inbox at once, like an archived
        // page, so that items of the batch still waiting never bring an older chart back on the next run.
        do { try scope.cleaner.release([file]) } catch {
            result.changes.append("cuadro.csv está archivado, pero no se pudo retirar de la bandeja (\(SystemErrorText.describe(error).spanish)); retírelo a mano")
        }
        ledger.chart(result)
        return plan.chart
    }

    private func beginInCatalog() -> Int64? {
        do {
            return try scope.environment.catalog.beginBatch(fondsSlug: batch.fondsSlug, name: batch.name, startedAt: context.timestamp(),
                                                            agent: context.reportedOperator)
        } catch {
            ledger.catalogNotUpdated("inicio del lote", error: error)
            return nil
        }
    }

    private func noteSheet(_ plan: IntakePlan) {
        ledger.setSheet(encoding: "\(plan.sheet.encoding.spanishName), separador «\(plan.sheet.delimiter)»", ignoredColumns: plan.sheet.ignoredColumns)
        if !plan.sheet.ignoredColumns.isEmpty {
            ledger.warning(.unknownColumns,
                "metadata.csv tiene columnas que no se usan: \(SpanishText.list(plan.sheet.ignoredColumns)). Las válidas son identifier, dc.<elemento> (title, creator, subject, description, publisher, contributor, date, type, format, identifier, source, language, relation, coverage, rights) y dcterms.<refinamiento>; revise si hay un error de escritura")
        }
        for note in plan.notes { ledger.note(note) }
    }

    /// Entries the scanner refused go to quarantine with their reason, and their items are held there
    /// whole; items whose row or archived state is unusable are dealt with as their failure says.
    private func refuse(_ plan: IntakePlan, scope: BatchScope) throws(StageFailure) {
        let policy = FailurePolicy(scope: scope)
        var reasonOfItem: [String: String] = [:]
        for entry in batch.rejected {
            try policy.quarantine(raw: entry.rawPath, itemID: entry.itemID, code: ReasonCode(entry.reason), message: entry.message, detail: nil,
                                  digest: nil, ledger: &ledger)
            if let item = entry.itemID, reasonOfItem[item] == nil { reasonOfItem[item] = entry.message }
        }
        for item in batch.items {
            guard let reason = reasonOfItem[item.id] else { continue }
            let failure = StageFailure(stage: .intake, reason: .heldWithItem, message: "otro archivo del ítem tiene un problema: \(reason)")
            try policy.hold(item, failure: failure, offending: [], ledger: &ledger)
        }
        for (item, failure) in plan.refused {
            try policy.apply(failure, to: item, offending: [], ledger: &ledger)
        }
    }

    /// Every master of the plan through FileWork, `workerCount` at a time; an item is committed as soon
    /// as its last file is done.
    private func processFiles(_ plan: IntakePlan, scope: BatchScope) async throws(StageFailure) {
        let stages = scope.environment.fileStages()
        var jobs: [(item: Int, file: Int, work: FileWork)] = []
        for (index, intake) in plan.items.enumerated() {
            let sidecars = intake.sidecars
            for (fileIndex, file) in intake.masters.enumerated() {
                jobs.append((index, fileIndex, FileWork(itemID: intake.item.id, file: file, sidecars: sidecars.filter { $0.pageStem == file.stem },
                                                        prior: intake.prior, context: context, stages: stages)))
            }
        }
        var outcomes: [[FileOutcome?]] = plan.items.map { Array(repeating: nil, count: $0.masters.count) }
        var remaining = plan.items.map(\.masters.count)
        let commit = ItemCommit(scope: scope)
        let stage = "ingreso \(batch.identifier)"
        context.reporter.emit(.began(stage: stage, total: jobs.count))
        defer { context.reporter.emit(.finished(stage: stage)) }
        var stop: StageFailure?
        // Description-only corrections have no file to process: committed at once.
        var committed = Set<Int>()
        for (index, intake) in plan.items.enumerated() where intake.masters.isEmpty && stop == nil && !context.stopRequested {
            do throws(StageFailure) { try commit.commit(plan.items[index], outcomes: [], ledger: &ledger) } catch { stop = error }
            committed.insert(index)
        }
        var done = 0
        // Each item is handed to the commit queue as soon as its last file is done; the loop goes on
        // starting files meanwhile, so every worker keeps decoding while a commit waits on the disk.
        let queue = ItemCommitQueue(ledger: ledger, commit: commit, context: context)
        await withTaskGroup(of: BatchStep.self) { group in
            var next = 0
            func startNext() {
                guard next < jobs.count, stop == nil, !context.stopRequested else { return }
                let (i, f, work) = jobs[next]
                group.addTask { .fileDone(item: i, file: f, outcome: work.run()) }
                next += 1
            }
            for _ in 0..<context.config.workerCount { startNext() }
            while let step = await group.next() {
                switch step {
                case .fileDone(let i, let f, let outcome):
                    outcomes[i][f] = outcome
                    remaining[i] -= 1
                    done += 1
                    context.reporter.emit(.advanced(stage: stage, done: done, total: jobs.count, detail: plan.items[i].masters[f].name))
                    startNext()
                    // After a stop request no item is committed any more, though its files were done:
                    // it stays in the inbox (noteStopped).
                    if remaining[i] == 0 && stop == nil && !context.stopRequested {
                        let (item, finished) = (plan.items[i], outcomes[i].compactMap { $0 })
                        outcomes[i] = []
                        group.addTask { .committed(item: i, result: await queue.commit(item, outcomes: finished)) }
                    }
                case .committed(let i, let result):
                    if result.attempted { committed.insert(i) }
                    if let failure = result.failure, stop == nil { stop = failure }
                }
            }
        }
        ledger = queue.finalLedger
        if let stop { throw stop }
        if context.stopRequested { noteStopped(plan, committed: committed) }
    }

    /// What the batch loop receives: a file done by a worker, or an item through the commit queue.
    private enum BatchStep: Sendable {
        case fileDone(item: Int, file: Int, outcome: FileOutcome)
        case committed(item: Int, result: ItemCommitQueue.Result)
    }

    /// A stop was asked for (SIGTERM, Ctrl+C) between items: what was committed stays committed; every
    /// other item stays in the inbox as it was (its derivatives discarded) for the next run, and the
    /// report says the batch was interrupted and why.
    private func noteStopped(_ plan: IntakePlan, committed: Set<Int>) {
        let left = plan.items.indices.filter { !committed.contains($0) }
        guard !left.isEmpty else { return }
        let signal = context.stop?.why ?? "una señal"
        for index in left {
            let item = plan.items[index].item
            scope.environment.derivatives.discard(itemID: item.id)
            ledger.item(.init(outcome: .keptInInbox, id: item.id, version: nil, pages: 0, bytesWritten: 0, formats: [], reason: .stopRequested,
                              message: "se pidió detener el ingreso (\(signal)) antes de archivarlo; sigue en la bandeja tal como estaba y se toma en la próxima ejecución",
                              detail: nil, warnings: []))
        }
        ledger.state(.aborted, reason: "se detuvo a petición (\(signal)) entre un ítem y el siguiente: \(SpanishText.count(committed.count, "ítem se terminó", "ítems se terminaron")) y \(SpanishText.count(left.count, "ítem sigue", "ítems siguen")) en la bandeja para la próxima ejecución")
        ledger.stopped(by: signal)
    }

    /// When every item left the inbox, the batch folder holds only metadata.csv, the ready marker and
    /// system files: metadata.csv is kept beside the reports, and the folder is removed (or moved).
    private func releaseBatchFolder() {
        let config = context.config
        guard config.ingest.afterIngest != "keep", !ledger.report.items.contains(where: { $0.outcome == .failed || $0.outcome == .keptInInbox }) else { return }
        if let sheet = batch.metadataFile, FileManager.default.fileExists(atPath: sheet.path) {
            do {
                let folder = reportFolder
                try FileSystem.createDirectory(folder)
                let copy = folder.appendingPathComponent("metadata-\(Timestamp.fileStamp(started, timeZone: context.timeZone)).csv")
                if !FileManager.default.fileExists(atPath: copy.path) { try FileManager.default.copyItem(at: sheet, to: copy) }
                if config.ingest.afterIngest == "move" { try scope.cleaner.release([sheet]) }
            } catch {
                // The sheet stays in the inbox: the folder is kept rather than lose the archivist's description.
                ledger.warning(.reportCopyFailed, "no se pudo guardar una copia de metadata.csv junto al informe (\(SystemErrorText.describe(error).spanish)); la carpeta del lote se deja en la bandeja",
                               detail: "\(error)")
                return
            }
        }
        let ignorable = Set(["metadata.csv", "cuadro.csv", config.ingest.readyMarker.lowercased(), config.ingest.readyMarker.lowercased() + ".txt"])
        scope.cleaner.removeIfEmpty(batch.folder, ignoring: ignorable)
    }

    private var reportFolder: URL {
        context.config.url(\.reports).appendingPathComponent(batch.fondsSlug).appendingPathComponent(batch.name)
    }

    /// Closes the batch's row in the catalog when the run had nothing to do.
    private func closeInCatalog(_ scope: BatchScope) {
        guard let batchID = scope.batchID else { return }
        do {
            try scope.environment.catalog.finishBatch(batchID, finishedAt: context.timestamp(), status: BatchState.done.rawValue, reportPath: nil)
        } catch {
            ledger.catalogNotUpdated("cierre del lote", error: error)
        }
    }

    /// Writes the report and closes the batch's row in the catalog.
    private func finish(_ scope: BatchScope) throws -> BatchReport {
        let files = ReportFiles(folder: reportFolder, prefix: "informe", timeZone: context.timeZone)
        let stem = files.stem(started: started)
        var report = ledger.finished(at: Timestamp.localISO(context.clock(), timeZone: context.timeZone), seconds: context.clock().timeIntervalSince(started))
        if let batchID = scope.batchID {
            do {
                try scope.environment.catalog.finishBatch(batchID, finishedAt: context.timestamp(), status: report.status.rawValue,
                                                          reportPath: reportFolder.appendingPathComponent("\(stem).json").path)
            } catch {
                ledger.catalogNotUpdated("cierre del lote", error: error)
                report = ledger.finished(at: report.finishedAt, seconds: report.durationSeconds)
            }
        }
        let json = try report.json(), html = report.html(timeZone: context.timeZone)
        do {
            _ = try files.write(stem: stem, json: json, html: html)
        } catch {
            let (spanish, technical) = SystemErrorText.describe(error)
            // Kept in the catalog: the next ingest writes it (and says so).
            let kept = PendingReports.keep([(reportFolder.appendingPathComponent("\(stem).json"), json),
                                            (reportFolder.appendingPathComponent("\(stem).html"), Data(html.utf8))],
                                           catalog: scope.environment.catalog)
            throw PipelineError.environment("No se pudo escribir el informe del lote \(batch.identifier) en \(context.displayPath(reportFolder.path)): \(spanish). \(SystemErrorText.advice(errno: SystemErrorText.errno(of: error) ?? EIO))"
                                            + (kept ? ". El informe quedó guardado en el catálogo y se escribirá en la próxima ejecución" : ""),
                                            detail: technical)
        }
        return report
    }
}
