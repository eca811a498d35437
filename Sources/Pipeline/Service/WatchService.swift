import Foundation
import Preservation
import Support

/// What `memoria vigilar` did before it stopped.
public struct WatchSummary: Codable, Sendable {
    public var batchesIngested = 0
    public var audits = 0
    public var publications = 0
    /// Spanish: why it stopped (the signal's name).
    public var stoppedBy = ""
}

/// `memoria vigilar`: looks at the inbox (woken by inotify, or every service.poll_seconds), ingests
/// each batch as it becomes ready by the inbox's own rules (LISTO or settle_seconds, and never while a
/// file is still being copied), one at a time through IngestRunner and its lock; after changes it
/// publishes, replicates and writes the dashboard as pipeline.yaml says; audits a sample on its
/// schedule; sends the notices due. A stop request is honoured between items: the files in progress
/// finish, complete items are committed, the rest of the batch stays in the inbox (IngestRunner).
/// Every event is one Spanish line in the ServiceLog; the service itself never stops on a bad batch
/// or a failing disk: it says so and looks again later.
public final class WatchService {
    let context: StageContext
    let schemasFolder: String?
    let log: ServiceLog
    let stop: StopRequest
    /// Batches already taken, with what their folder held afterwards: taken again only when it changes.
    private var taken: [String: UInt64] = [:]
    private let seen = SeenLines()
    private var summary = WatchSummary()
    /// A batch changed the archive and the site, replicas and dashboard are not updated yet.
    private var changesPending: Bool

    public init(context: StageContext, schemasFolder: String?, log: ServiceLog, stop: StopRequest) {
        var context = context
        if context.stop == nil { context.stop = stop }
        self.context = context
        self.schemasFolder = schemasFolder
        self.log = log
        self.stop = stop
        changesPending = FileManager.default.fileExists(atPath: Self.pendingMarker(context.config).path)
    }

    static func pendingMarker(_ config: PipelineConfig) -> URL {
        config.url(\.reports).appendingPathComponent("servicio").appendingPathComponent("cambios-sin-publicar")
    }

    var config: PipelineConfig { context.config }

    public func run() async -> WatchSummary {
        let service = config.service
        let waiter = InboxChangeWaiter(inbox: config.url(\.inbox))
        let audit = service.verifyEveryHours > 0
            ? "una muestra del \(service.verifySamplePercent) % cada \(SpanishText.count(service.verifyEveryHours, "hora", "horas"))" : "sin auditorías periódicas"
        log.info("en marcha: bandeja \(context.displayPath(config.paths.inbox)), \(waiter.mode) cada \(SpanishText.count(service.pollSeconds, "segundo", "segundos")); auditoría: \(audit); publicación tras cada ingreso: \(service.publishAfterIngest ? "sí" : "no"); avisos: \(noticeChannels)")
        while !stop.isRequested {
            if let batch = nextReadyBatch() {
                await ingest(batch)
                continue
            }
            if changesPending { await afterChanges() }
            if stop.isRequested { break }
            if auditIsDue() { await auditSample() }
            await deliverNotices()
            seen.nextRound()
            waiter.wait(until: nextLook(), stop: stop)
        }
        summary.stoppedBy = stop.why ?? ""
        if changesPending {
            log.info("quedan cambios sin publicar: se publican al arrancar de nuevo (o ejecute memoria publish)")
        }
        log.info("detenido (\(summary.stoppedBy)) tras el ítem en curso: \(SpanishText.count(summary.batchesIngested, "lote ingresado", "lotes ingresados")), \(SpanishText.count(summary.audits, "auditoría", "auditorías")); nada quedó a medias: lo que no se ingresó sigue en la bandeja")
        return summary
    }

    private var noticeChannels: String {
        let n = config.notices
        var parts: [String] = []
        if !n.mailTo.isEmpty { parts.append(n.dailyDigest ? "resumen diario por correo a las \(n.digestHour):00" : "correo a \(SpanishText.count(n.mailTo.count, "dirección", "direcciones"))") }
        if !n.webhookUrl.isEmpty { parts.append("webhook") }
        return parts.isEmpty ? "ninguno" : SpanishText.list(parts)
    }

    // MARK: Looking at the inbox

    /// The first batch ready by the inbox's rules that was not already taken with the same content.
    private func nextReadyBatch() -> InboxBatch? {
        let scanner = InboxScanner(inbox: config.url(\.inbox), fondsSlugs: Set(config.fonds.map(\.slug)), readyMarker: config.ingest.readyMarker,
                                   settleSeconds: config.ingest.settleSeconds, copyQuietSeconds: config.ingest.copyQuietSeconds, now: context.clock())
        let scan: InboxScan
        do {
            scan = try scanner.scan()
        } catch {
            let message = "no se pudo leer la bandeja \(context.displayPath(config.paths.inbox)): \(SystemErrorText.describe(error).spanish); se intenta de nuevo en la siguiente vuelta"
            if seen.isNew(message) { log.error(message) }
            return nil
        }
        for entry in scan.undeclared where seen.isNew(entry.message) { log.warning(entry.message) }
        for batch in scan.batches {
            if batch.items.isEmpty && batch.rejected.isEmpty && batch.metadataFile == nil && batch.chartFile == nil { continue }
            guard batch.isReady else {
                if seen.isNew("espera \(batch.identifier) \(Self.kind(batch.readiness))") {
                    log.info("lote \(batch.identifier): en espera (\(context.displayPaths.scrub(batch.readiness.description)))")
                }
                continue
            }
            if let before = taken[batch.identifier], before == BatchFingerprint.of(batch.folder) {
                if seen.isNew("tomado \(batch.identifier)") {
                    log.info("lote \(batch.identifier): lo que quedó en la bandeja no ha cambiado desde su ingreso; se toma de nuevo cuando cambie")
                }
                continue
            }
            return batch
        }
        return nil
    }

    private static func kind(_ readiness: BatchReadiness) -> String {
        switch readiness {
        case .copying: return "copiando"
        case .changing: return "cambiando"
        case .marked, .settled: return "listo"
        }
    }

    private func nextLook() -> Date {
        var next = context.clock().addingTimeInterval(Double(config.service.pollSeconds))
        if let due = auditDueDate(), due < next { next = max(context.clock(), due) }
        return next
    }

    // MARK: One batch

    private func ingest(_ batch: InboxBatch) async {
        log.info("lote \(batch.identifier): listo (\(batch.readiness.description)); empieza el ingreso")
        var runContext = context
        runContext.reporter = log.runnerReporter(seen)
        do {
            let result = try await IngestRunner(context: runContext, schemasFolder: schemasFolder).run(only: [batch.identifier])
            for line in result.recovered { log.info("recuperación: \(line)") }
            for report in result.batches {
                summary.batchesIngested += 1
                let level: ServiceLogLevel = report.status == .done ? (report.needsAttention ? .warning : .info) : .warning
                var line = "lote \(report.identifier): \(report.status.label). \(report.summarySentence)"
                if let reason = report.statusReason { line += " \(reason)" }
                if report.totals.filesQuarantined > 0 { line += " \(SpanishText.count(report.totals.filesQuarantined, "archivo quedó", "archivos quedaron")) en cuarentena." }
                log.write(level, context.displayPaths.scrub(line))
                if report.totals.itemsArchived + report.totals.newVersions > 0 || report.chart?.version != nil { markChanges() }
            }
            for line in result.waiting { log.info("lote \(context.displayPaths.scrub(line))") }
            for problem in NoticeCenter(context: context).queue(batches: result.batches) { log.warning(problem) }
            taken[batch.identifier] = BatchFingerprint.of(batch.folder)
        } catch let error as PipelineError {
            if case .busy = error {
                log.info("otro proceso de Memoria trabaja con el archivo; el lote \(batch.identifier) se intenta en la siguiente vuelta")
            } else {
                log.error("lote \(batch.identifier): \(context.displayPaths.scrub(error.messageForPeople)) Se intenta de nuevo en la siguiente vuelta.")
            }
            waitAfterFailure()
        } catch {
            log.error("lote \(batch.identifier): \(context.displayPaths.scrub(SystemErrorText.describe(error).spanish)). Se intenta de nuevo en la siguiente vuelta.")
            waitAfterFailure()
        }
        await deliverNotices()
    }

    /// After a failure, the next attempt waits one poll interval (a full disk is not hammered).
    private func waitAfterFailure() {
        let end = Date().addingTimeInterval(Double(config.service.pollSeconds))
        while !stop.isRequested && Date() < end { usleep(200_000) }
    }

    private func markChanges() {
        changesPending = true
        let marker = Self.pendingMarker(config)
        do {
            try FileSystem.createDirectory(marker.deletingLastPathComponent())
            try FileSystem.replaceAtomically(marker, with: Data("\(context.timestamp())\n".utf8))
        } catch {
            log.warning("no se pudo anotar que hay cambios sin publicar (\(SystemErrorText.describe(error).spanish)); si el servicio se detiene antes de publicar, ejecute memoria publish")
        }
    }

    // MARK: After changes

    private func afterChanges() async {
        let service = config.service
        var quiet = context
        quiet.reporter = log.runnerReporter(seen)
        var ok = true
        if service.publishAfterIngest {
            do {
                let published = try PublishRunner(context: quiet).run(full: false)
                summary.publications += 1
                log.info(context.displayPaths.scrub(published.linesForPeople.joined(separator: " ")))
                for warning in published.warnings { log.warning(context.displayPaths.scrub(warning)) }
            } catch {
                ok = false
                let why = context.displayPaths.scrub((error as? PersonFacingError)?.messageForPeople ?? SystemErrorText.describe(error).spanish)
                log.error("publicación: \(why) Se intenta de nuevo en la siguiente vuelta.")
                if seen.isNew("aviso publicación \(why)") {
                    for problem in NoticeCenter(context: context).queue(publishFailure: why) { log.warning(problem) }
                }
            }
        }
        if service.replicateAfterIngest && !config.replicas.isEmpty {
            do {
                let replicated = try await ReplicateRunner(context: quiet).run()
                for line in replicated.linesForPeople { log.write(replicated.needsAttention || replicated.aborted ? .warning : .info, "réplicas: \(context.displayPaths.scrub(line))") }
                for problem in NoticeCenter(context: context).queue(replication: replicated) { log.warning(problem) }
            } catch {
                log.error("réplicas: \(context.displayPaths.scrub((error as? PersonFacingError)?.messageForPeople ?? SystemErrorText.describe(error).spanish)) Se intenta después del próximo ingreso, o ejecute memoria replicar.")
            }
        }
        if service.dashboardAfterChanges { writeDashboard() }
        guard ok else { waitAfterFailure(); return }
        changesPending = false
        try? FileManager.default.removeItem(at: Self.pendingMarker(config))
    }

    /// The director's dashboard (memoria informe), rewritten after a batch or an audit.
    func writeDashboard() {
        do {
            let written = try DashboardRunner(context: context).run()
            log.info("informe para la dirección: \(context.displayPath(written.html))")
        } catch {
            log.warning("el informe para la dirección no se pudo escribir: \(context.displayPaths.scrub((error as? PersonFacingError)?.messageForPeople ?? SystemErrorText.describe(error).spanish))")
        }
    }

    // MARK: Audits

    /// When the next sample audit is due: service.verify_every_hours after the newest audit report
    /// (manual audits count), or now when there is none yet; nil when audits are off.
    private func auditDueDate() -> Date? {
        let hours = config.service.verifyEveryHours
        guard hours > 0 else { return nil }
        let folder = config.url(\.reports).appendingPathComponent("auditorias")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix("auditoria-") && $0.hasSuffix(".json") }
        let newest = names.compactMap { name -> Date? in
            (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path))?[.modificationDate] as? Date
        }.max()
        guard let newest else { return context.clock() }
        return newest.addingTimeInterval(Double(hours) * 3600)
    }

    private func auditIsDue() -> Bool {
        guard let due = auditDueDate() else { return false }
        return due <= context.clock() && FileManager.default.fileExists(atPath: config.url(\.archive).appendingPathComponent("0=ocfl_1.1").path)
    }

    private func auditSample() async {
        var quiet = context
        quiet.reporter = log.runnerReporter(seen)
        log.info("auditoría de fijeza de una muestra del \(config.service.verifySamplePercent) %: empieza")
        do {
            let result = try await VerifyRunner(context: quiet).run(samplePercent: Double(config.service.verifySamplePercent))
            summary.audits += 1
            log.write(result.needsAttention ? .warning : .info, "auditoría: \(context.displayPaths.scrub(result.linesForPeople.joined(separator: " ")))")
            for problem in NoticeCenter(context: context).queue(audit: result) { log.warning(problem) }
            if config.service.dashboardAfterChanges { writeDashboard() }
        } catch {
            log.error("auditoría: \(context.displayPaths.scrub((error as? PersonFacingError)?.messageForPeople ?? SystemErrorText.describe(error).spanish)) Se intenta de nuevo en la siguiente vuelta.")
            waitAfterFailure()
        }
    }

    // MARK: Notices

    private func deliverNotices() async {
        let delivery = await NoticeCenter(context: context).deliverDue()
        for line in delivery.sent { log.info(line) }
        for line in delivery.problems where seen.isNew(line) { log.warning(line) }
    }
}
