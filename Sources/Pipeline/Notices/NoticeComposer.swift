import Foundation
import Preservation
import Support

/// Turns the result of a batch or an audit into a notice, or into none when nobody needs to hear
/// about it (a batch where nothing was archived and nothing went wrong).
struct NoticeComposer {
    let context: StageContext

    func batch(_ report: BatchReport) -> Notice? {
        let t = report.totals
        let id = report.identifier
        let reportShown = latestBatchReport(report).map(context.displayPath)
        let whereReport = reportShown.map { "Informe: \($0)" } ?? "Informe: \(context.displayPath(context.config.url(\.reports).appendingPathComponent(id).path))"
        var counts = ["itemsArchived": t.itemsArchived, "newVersions": t.newVersions, "unchanged": t.unchanged, "itemsQuarantined": t.quarantined,
                      "itemsKeptInInbox": t.keptInInbox, "itemsFailed": t.failed, "filesQuarantined": t.filesQuarantined, "pages": t.pages]
        counts["bytesWritten"] = Int(t.bytesWritten)
        if let signal = report.stoppedBy {
            let left = t.keptInInbox + t.failed
            return notice(.batchHeld, "Memoria: el lote \(id) se detuvo a petición (\(signal))",
                          ["El lote \(id) se detuvo a petición (\(signal)) entre un ítem y el siguiente. \(report.summarySentence)",
                           "Qué hacer: nada. Lo archivado queda archivado; \(SpanishText.count(left, "ítem sigue", "ítems siguen")) en la bandeja tal como estaba y se toma en la próxima ejecución (o cuando el servicio arranque de nuevo).",
                           whereReport],
                          batch: id, counts: counts, report: reportShown)
        }
        if report.status == .held || report.status == .aborted {
            let stopped = report.status == .aborted
            let subject = stopped ? "Memoria: el lote \(id) se interrumpió" : "Memoria: el lote \(id) quedó retenido en la bandeja"
            let why = report.statusReason ?? (stopped ? "una falla del entorno lo detuvo" : "no se pudo tomar")
            let todo = stopped
                ? "Qué hacer: resuelva lo que dice el motivo (disco, permisos) y vuelva a ejecutar; lo que quedó a medias se retoma solo."
                : "Qué hacer: corrija lo que dice el motivo en la carpeta del lote (\(context.displayPath(context.config.url(\.inbox).appendingPathComponent(id).path))); el lote se toma de nuevo en cuanto cambie."
            return notice(.batchHeld, subject, ["El lote \(id) \(stopped ? "se interrumpió" : "quedó retenido en la bandeja sin tocar"): \(why).", todo, whereReport],
                          batch: id, counts: counts, report: reportShown)
        }
        let archived = t.itemsArchived + t.newVersions + (report.chart?.version != nil ? 1 : 0)
        let waiting = t.keptInInbox + t.failed
        if t.filesQuarantined > 0 || waiting > 0 {
            var lines = ["El lote \(id) se procesó. \(report.summarySentence)"]
            var problems: [String] = []
            if t.filesQuarantined > 0 {
                problems.append(SpanishText.count(t.filesQuarantined, "archivo en cuarentena", "archivos en cuarentena"))
                lines.append("Qué hacer con la cuarentena: lea el motivo de cada archivo en su .reason.txt (\(context.displayPath(context.config.url(\.quarantine).appendingPathComponent(id).path))), corríjalo y devuélvalo a la bandeja con memoria reintentar \(id).")
            }
            if waiting > 0 {
                problems.append("\(SpanishText.count(waiting, "ítem", "ítems")) en la bandeja")
                lines.append("Qué hacer con la bandeja: \(SpanishText.count(waiting, "ítem espera", "ítems esperan")) en la bandeja; el informe dice qué falta (la fila de metadata.csv, su línea y su campo). Al corregirlo, el ítem se toma en la siguiente vuelta.")
            }
            lines.append(whereReport)
            return notice(.batchNeedsAttention, "Memoria: lote \(id) con \(SpanishText.list(problems))", lines, batch: id, counts: counts, report: reportShown)
        }
        guard archived > 0 else { return nil }
        let subject = "Memoria: lote \(id) archivado (\(SpanishText.count(t.itemsArchived + t.newVersions, "ítem", "ítems")), \(SpanishText.count(t.pages, "página", "páginas")))"
        return notice(.batchArchived, subject, ["El lote \(id) se archivó completo. \(report.summarySentence) Se escribieron \(SpanishText.bytes(t.bytesWritten)).",
                                                "No hay nada que hacer.", whereReport],
                      batch: id, counts: counts, report: reportShown)
    }

    func audit(_ summary: VerifyRunner.Summary) -> Notice? {
        let replicaTrouble = summary.replicas.filter(\.needsAttention).count
        guard !summary.problems.isEmpty || replicaTrouble > 0 || !summary.warnings.isEmpty else { return nil }
        let html = summary.report.hasSuffix(".json") ? String(summary.report.dropLast(5)) + ".html" : summary.report
        var lines = ["La auditoría de fijeza revisó \(SpanishText.count(summary.objectsChecked, "objeto", "objetos")) (\(SpanishText.count(summary.filesChecked, "archivo", "archivos")), \(SpanishText.bytes(summary.bytesChecked))) y encontró \(SpanishText.count(summary.problems.count, "problema", "problemas")) en el archivo."]
        for problem in summary.problems.prefix(5) { lines.append("- \(problem.kind.label): \(problem.message)") }
        if summary.problems.count > 5 { lines.append("- y \(SpanishText.count(summary.problems.count - 5, "problema más", "problemas más")) (en el informe)") }
        if replicaTrouble > 0 { lines.append("\(SpanishText.count(replicaTrouble, "réplica difiere", "réplicas difieren")) del archivo o tiene problemas.") }
        for replica in summary.replicas where replica.needsAttention { lines += replicaLines(replica) }
        for warning in summary.warnings { lines.append("Aviso: \(warning)") }
        lines.append("Qué hacer: no toque el archivo a mano. Confirme cada objeto con memoria verify --item ID; un objeto dañado se recupera de una réplica al día (memoria replicar --rehacer ID repara una réplica dañada; vea «Réplicas y recuperación» en el README).")
        lines.append("Informe: \(html)")
        var parts: [String] = []
        if !summary.problems.isEmpty { parts.append(SpanishText.count(summary.problems.count, "problema", "problemas")) }
        if replicaTrouble > 0 { parts.append(SpanishText.count(replicaTrouble, "réplica con diferencias", "réplicas con diferencias")) }
        if parts.isEmpty { parts.append("avisos") }
        return notice(.auditProblem, "Memoria: la auditoría de fijeza encontró \(SpanishText.list(parts))", lines, batch: nil,
                      counts: ["objectsChecked": summary.objectsChecked, "filesChecked": summary.filesChecked, "problems": summary.problems.count,
                               "replicasWithDifferences": replicaTrouble],
                      report: html)
    }

    /// What is wrong with one replica, at most five lines and a count of the rest.
    private func replicaLines(_ replica: ReplicaAudit.Result) -> [String] {
        if let failure = replica.failure { return ["Réplica «\(replica.name)» (\(replica.path)): no se pudo auditar: \(failure)"] }
        let found = replica.problems.map { "- réplica «\(replica.name)», \($0.kind.label): \($0.message)" }
            + replica.differences.filter { !$0.isLag }.map { "- réplica «\(replica.name)», diferencia: \($0.message)" }
        return Array(found.prefix(5)) + (found.count > 5 ? ["- y \(SpanishText.count(found.count - 5, "diferencia más", "diferencias más")) en la réplica «\(replica.name)» (en el informe)"] : [])
    }

    func notice(_ kind: Notice.Kind, _ subject: String, _ lines: [String], batch: String?, counts: [String: Int], report: String?) -> Notice {
        Notice(kind: kind, subject: subject, text: lines.map { context.displayPaths.scrub($0) }.joined(separator: "\n\n"), batch: batch, counts: counts,
               report: report, institution: context.config.institution.code, time: Timestamp.localISO(context.clock(), timeZone: context.timeZone))
    }

    /// The newest informe-….html of the batch (the one the run just wrote; stamps sort by time).
    private func latestBatchReport(_ report: BatchReport) -> String? {
        let folder = context.config.url(\.reports).appendingPathComponent(report.fonds).appendingPathComponent(report.batch)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("informe-") && $0.hasSuffix(".html") }.max().map { folder.appendingPathComponent($0).path }
    }
}
