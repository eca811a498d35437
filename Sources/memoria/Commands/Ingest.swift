import ArgumentParser
import Foundation
import Pipeline

struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Archive every ready batch of the inbox.",
        discussion: """
        A batch (inbox/<fonds>/<batch>/) is ready when it holds the ready marker (LISTO) or nothing in it \
        changed for ingest.settle_seconds. Each item is validated, checksummed and stored in the OCFL \
        archive, or quarantined with a reason; the batch goes on. A report per batch is written to reports/.
        Exit codes: 0 all archived, 1 something quarantined/held/failed, 2 aborted, 64 configuration error.
        """)

    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("batch"), help: "Only this batch (fonds-slug/batch) or fonds (fonds-slug); repeatable.")
    var batches: [String] = []
    @Option(help: "Person running the ingest, recorded as PREMIS agent (default: the login name).")
    var agent: String?
    @Option(help: "Folder of the official XML schemas (overrides paths.schemas).")
    var schemas: String?
    @Flag(help: "Take batches at once, without waiting for settle_seconds.")
    var now = false
    @Flag(help: "Print the summary as JSON on stdout.")
    var json = false

    func run() async throws {
        try await runCommand {
            let config = try common.load()
            let context = StageContext(config: config, operatorName: agent, reporter: Terminal.reporter(quiet: common.quiet || json))
            let summary = try await IngestRunner(context: context, schemasFolder: schemas).run(only: batches, ignoreSettle: now)
            if json {
                printJSON(summary)
            } else if !common.quiet {
                IngestPrinter.print(summary, reports: config.paths.reports)
            }
            return summary.exitCode
        }
    }
}

enum IngestPrinter {
    static func print(_ summary: IngestSummary, reports: String) {
        if summary.batches.isEmpty {
            Swift.print("No hay lotes listos en la bandeja.")
        }
        for report in summary.batches {
            let t = report.totals
            Swift.print("\(report.fonds)/\(report.batch): \(report.status == "done" ? "procesado" : report.status) — \(t.itemsArchived) archivados, \(t.newVersions) nuevas versiones, \(t.unchanged) sin cambios, \(t.heldBack) retenidos, \(t.failed) con error; \(t.pages) páginas; \(t.filesQuarantined) archivos en cuarentena")
            if let reason = report.statusReason { Swift.print("  \(reason)") }
        }
        for waiting in summary.waiting { Swift.print("en espera: \(waiting)") }
        if !summary.ocr.isEmpty { Swift.print("OCR: \(summary.ocr)") }
        if !summary.batches.isEmpty { Swift.print("Informes: \(reports)") }
    }
}
