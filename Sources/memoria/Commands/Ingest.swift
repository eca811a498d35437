import ArgumentParser
import Foundation
import Pipeline

struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingresa al archivo cada lote listo de la bandeja (ingresar).",
        discussion: """
        Un lote (inbox/<fondo>/<lote>/) está listo cuando contiene la marca LISTO o cuando nada en él cambió \
        durante ingest.settle_seconds. Cada ítem se valida, se le calcula su huella y se guarda en el archivo \
        OCFL; lo que no se puede archivar va a cuarentena con su motivo, o se queda en la bandeja si el \
        problema está en su fila de metadata.csv. El lote sigue. Cada lote deja un informe en reports/.

        SIGTERM o Ctrl+C lo detienen entre un ítem y el siguiente: lo archivado queda archivado, el resto \
        sigue en la bandeja y el informe del lote dice que se interrumpió; una segunda señal lo corta en el acto \
        (también es seguro: la siguiente ejecución retoma lo que quedó a medias).

        Códigos de salida: 0 todo archivado, 1 algo quedó en cuarentena, en la bandeja o con error, \
        2 interrumpido, 64 error de uso o de configuración.
        """,
        aliases: ["ingresar"])

    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("batch"), help: ArgumentHelp("Solo este lote (fondo/lote) o fondo (fondo); se puede repetir.", valueName: "fondo/lote"))
    var batches: [String] = []
    @Option(help: ArgumentHelp("Persona que hace el ingreso, registrada como agente PREMIS (sin ella, el archivo registra a la institución).", valueName: "nombre"))
    var agent: String?
    @Option(help: ArgumentHelp("Carpeta de los esquemas XML oficiales (en lugar de paths.schemas).", valueName: "carpeta"))
    var schemas: String?
    @Flag(help: "Toma los lotes ya, sin esperar settle_seconds.")
    var now = false
    @Flag(help: "Imprime el resumen en JSON por la salida estándar.")
    var json = false

    func run() async throws {
        let config = try common.load()
        var context = common.context(config, agent: agent, quiet: json)
        let stop = StopRequest()
        context.stop = stop
        let signals = SignalStop.install(stop)
        defer { withExtendedLifetime(signals) {} }
        let summary = try await IngestRunner(context: context, schemasFolder: schemas).run(only: batches, ignoreSettle: now)
        await AfterRun.batches(summary.batches, context: context)
        if json {
            try printJSON(summary)
        } else if !common.quiet {
            printLines(IngestLines.lines(summary, context: context))
        }
        try finish(needsAttention: summary.needsAttention)
    }
}

/// The closing lines of an ingest, in Spanish.
enum IngestLines {
    static func lines(_ summary: IngestSummary, context: StageContext) -> [String] {
        var lines: [String] = []
        if summary.batches.isEmpty { lines.append("No hay lotes listos en la bandeja.") }
        for report in summary.batches {
            lines.append("\(report.identifier): \(report.status.label). \(report.summarySentence)")
            if let reason = report.statusReason { lines.append("  \(reason)") }
            if report.totals.filesQuarantined > 0 {
                lines.append("  \(SpanishText.count(report.totals.filesQuarantined, "archivo quedó", "archivos quedaron")) en cuarentena (\(context.displayPath(context.config.paths.quarantine))/\(report.identifier))")
            }
        }
        lines += summary.waiting.map { "en espera: \($0)" }
        lines.append("OCR: \(summary.ocr)")
        if !summary.batches.isEmpty { lines.append("Informes: \(context.displayPath(context.config.paths.reports))") }
        return lines
    }
}
