import Foundation
import Support

/// Everything a batch run decides, in the order it happens: item results, quarantined files, notes,
/// warnings and byte counts. The runner appends; at the end the ledger becomes the batch report. It
/// also echoes each line to the reporter, so the terminal and the report say the same thing.
struct BatchLedger: Sendable {
    private(set) var report: BatchReport
    private let reporter: Reporter
    private let batch: String
    /// Every text that goes into the report is shown with relative paths (the libraries' messages too).
    private let display: DisplayPath
    var pagesValidated = 0
    /// The position of each item in the batch (natural order): the report lists items in this order,
    /// whatever order the parallel work finished them in.
    var itemOrder: [String: Int] = [:]

    init(fonds: String, batch: String, startedAt: String, operatorName: String, software: String, reporter: Reporter, display: DisplayPath) {
        self.display = display
        report = BatchReport(fonds: fonds, batch: batch, status: .done, startedAt: startedAt, finishedAt: "", durationSeconds: 0,
                             operatorName: operatorName, software: software)
        self.reporter = reporter
        self.batch = "\(fonds)/\(batch)"
    }

    mutating func item(_ result: BatchReport.ItemResult) {
        var result = result
        result.message = result.message.map(display.scrub)
        result.detail = result.detail.map(display.scrub)
        result.warnings = result.warnings.map(display.scrub)
        report.items.append(result)
        report.totals.count(result.outcome)
        report.totals.pages += result.outcome == .archived || result.outcome == .newVersion ? result.pages : 0
        report.totals.bytesWritten += result.bytesWritten
        var line = "\(result.id): \(result.outcome.label)"
        if let version = result.version, result.outcome != .unchanged { line += " (\(version))" }
        if let message = result.message { line += ". \(message)" }
        if !result.changes.isEmpty { line += ": " + result.changes.joined(separator: "; ") }
        if !result.observations.isEmpty {
            line += " — válido con observaciones: " + Set(result.observations.map(\.code)).sorted().joined(separator: ", ")
        }
        if result.outcome.needsAttention { reporter.warning(line) } else { reporter.info(line) }
    }

    mutating func quarantined(_ file: BatchReport.QuarantinedFile) {
        var file = file
        file.reason = display.scrub(file.reason)
        file.detail = file.detail.map(display.scrub)
        report.quarantined.append(file)
        report.totals.filesQuarantined += 1
    }

    /// What became of the batch's classification chart, for the report and the terminal.
    mutating func chart(_ result: BatchReport.ChartResult) {
        var result = result
        result.changes = result.changes.map(display.scrub)
        report.chart = result
        let line = "cuadro de clasificación (\(result.object)): \(result.outcome.label)" + (result.outcome == .unchanged ? "" : " (\(result.version ?? ""))")
            + (result.changes.isEmpty ? "" : ": " + result.changes.joined(separator: "; "))
        if result.outcome.needsAttention { reporter.warning(line) } else { reporter.info(line) }
    }

    mutating func note(_ text: String) { report.notes.append(display.scrub(text)) }

    /// A warning for the report and the terminal (and, through `needsAttention`, the exit code).
    mutating func warning(_ code: BatchReport.Warning.Code, _ message: String, detail: String? = nil) {
        let message = display.scrub(message)
        report.warnings.append(.init(code: code, message: message, detail: detail.map(display.scrub)))
        reporter.warning("lote \(batch): \(message)")
    }

    /// The catalog could not be written: the archive is right, the catalog is behind.
    mutating func catalogNotUpdated(_ what: String, error: Error) {
        warning(.catalogNotUpdated,
                "no se pudo actualizar el catálogo (\(what)): \(SystemErrorText.describe(error).spanish). El archivo está bien; ejecute memoria reindex cuando se resuelva",
                detail: "\(error)")
    }

    mutating func setSheet(encoding: String, ignoredColumns: [String]) {
        report.metadataEncoding = encoding
        report.ignoredColumns = ignoredColumns
    }

    mutating func ignoredFiles(_ names: [String]) { report.ignoredFiles = names }

    mutating func bytesRead(_ n: Int64) { report.totals.bytesRead += n }

    mutating func state(_ state: BatchState, reason: String? = nil, detail: String? = nil) {
        report.status = state
        report.statusReason = reason.map(display.scrub)
        report.statusDetail = detail.map(display.scrub)
    }

    /// The run was stopped between items by this signal.
    mutating func stopped(by signal: String) { report.stoppedBy = signal }

    /// The report as it stands when the run ends.
    func finished(at finish: String, seconds: Double) -> BatchReport {
        var final = report
        final.items.sort { (itemOrder[$0.id] ?? Int.max, $0.id) < (itemOrder[$1.id] ?? Int.max, $1.id) }
        final.quarantined.sort { ($0.originalPath, $0.quarantinePath) < ($1.originalPath, $1.quarantinePath) }
        final.finishedAt = finish
        final.durationSeconds = seconds
        final.pagesPerSecond = seconds > 0 ? Double(pagesValidated) / seconds : 0
        final.megabytesPerSecond = seconds > 0 ? Double(report.totals.bytesRead) / 1_000_000 / seconds : 0
        return final
    }
}
