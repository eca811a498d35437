import Audience
import Catalog
import Foundation

/// `memoria estadisticas`: reads the web server's log (and its rotations) from where the last run
/// stopped, closes the days that are over, keeps their figures in the state file, and writes the
/// report (HTML, CSV, JSON) of every closed day, or of one year. The counting is the Audience room's;
/// this runner resolves paths from pipeline.yaml, names items from the catalog and sets the exit code.
public struct StatisticsRunner {
    public struct Options: Sendable {
        public var logs: [String] = []
        public var output: String?
        public var state: String?
        public var year: Int?
        public var excel = false
        public var timeZone: TimeZone = .current
        public init() {}
    }

    /// What a run did, for the terminal and `--json`.
    public struct Summary: Codable, Sendable {
        public var log: String
        public var read: LogCounter.Outcome
        public var report: String
        public var files: [String]
        public var state: String
        public var totals: DayFigures
        public var exitCode: Int32
        /// The report's content (what informe.json holds).
        public var content: AudienceReport

        /// Something went wrong with part of the input (exit code 1).
        public var needsAttention: Bool { exitCode != 0 }

        /// What the terminal shows, in Spanish.
        public var linesForPeople: [String] {
            let t = totals
            let open = read.daysOpen.isEmpty ? "ninguno" : read.daysOpen.joined(separator: ", ")
            return ["Leídas \(read.linesRead) líneas de \(read.filesRead.count) archivo(s); días cerrados en esta ejecución: \(read.daysClosed.count); días abiertos (se cuentan cuando terminen): \(open).",
                    "Usuarios: \(t.visitors) · visitas: \(t.visits) · páginas vistas: \(t.pageViews) · descargas: \(t.downloads) · búsquedas: \(t.searches)",
                    "Informe: \(report)"]
        }
    }

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public func run(_ options: Options) throws -> Summary {
        let config = context.config
        let base = URL(fileURLWithPath: config.sourceFile).deletingLastPathComponent()
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path).standardizedFileURL
        }
        let logs = options.logs.isEmpty ? (config.stats.log.isEmpty ? [] : [resolve(config.stats.log).path]) : options.logs
        let output = options.output.map { URL(fileURLWithPath: $0) }
            ?? (config.stats.output.isEmpty ? config.url(\.reports).appendingPathComponent("estadisticas") : resolve(config.stats.output))
        let stateURL = options.state.map { URL(fileURLWithPath: $0) }
            ?? (config.stats.state.isEmpty ? output.appendingPathComponent("estado-de-lectura.json") : resolve(config.stats.state))

        let series: LogSeries
        do { series = try LogSeries.discover(logs) } catch let error as AudienceError {
            throw PipelineError.usage("\(error)")
        }
        var state: ReadState
        do { state = try ReadState.load(stateURL) } catch let error as AudienceError { throw PipelineError.environment("\(error)") }
        if state.log.isEmpty { state.log = series.base }
        guard state.log == series.base else {
            throw PipelineError.usage("\(AudienceError.stateOfAnotherLog(state: stateURL.path, log: series.base, expected: state.log))")
        }

        let counter = LogCounter(settings: .init(site: siteShape()), now: context.clock())
        let outcome = counter.run(series, state: &state)
        do { try state.save(stateURL) } catch let error as AudienceError { throw PipelineError.environment("\(error)") }

        let report = AudienceReport(state: state, labels: labels(), year: options.year, now: context.clock(), zone: options.timeZone)
        let files: [URL]
        do { files = try ReportWriter.write(report, to: output, excel: options.excel) } catch let error as AudienceError {
            throw PipelineError.environment("\(error)")
        }
        for message in Self.messages(outcome) { context.reporter.warning(message) }
        let troubled = outcome.malformedCount > 0 || outcome.lateLines > 0 || outcome.problems.contains { $0.kind != .duplicate }
        let summary = Summary(log: series.base, read: outcome, report: output.appendingPathComponent(ReportWriter.htmlName).path,
                              files: files.map(\.path), state: stateURL.path, totals: report.total, exitCode: troubled ? 1 : 0,
                              content: report)
        return summary
    }

    /// Where the site is served and under which names, from pipeline.yaml.
    func siteShape() -> SiteShape {
        let config = context.config
        let baseURL = URL(string: config.site.baseUrl)
        var prefix = config.stats.sitePrefix
        if prefix.isEmpty { prefix = baseURL.map { $0.path.isEmpty ? "/" : $0.path } ?? "/" }
        var hosts = config.stats.hosts
        if let host = baseURL?.host { hosts.append(host) }
        return SiteShape(prefix: prefix, hosts: hosts)
    }

    /// Item titles and fonds from the catalog when it exists (the statistics never create it).
    func labels() -> ReportLabels {
        let config = context.config
        var labels = ReportLabels(siteTitle: config.site.title,
                                  fondsTitles: Dictionary(config.fonds.map { ($0.slug, $0.title) }, uniquingKeysWith: { a, _ in a }),
                                  fondsByCode: Dictionary(config.fonds.map { ($0.code, $0.slug) }, uniquingKeysWith: { a, _ in a }))
        guard FileManager.default.fileExists(atPath: config.paths.catalog), let catalog = try? CatalogDatabase(path: config.paths.catalog),
              let summaries = try? catalog.itemSummaries() else { return labels }
        for item in summaries {
            labels.items[item.id] = .init(title: item.title, fondsSlug: config.fonds(code: item.fondsCode)?.slug ?? item.fondsCode.lowercased())
        }
        return labels
    }

    /// What a person should know about the reading, in Spanish (details stay in the JSON).
    static func messages(_ outcome: LogCounter.Outcome) -> [String] {
        var lines: [String] = []
        for m in outcome.malformed {
            lines.append("\(m.file), línea \(m.line): no tiene el formato «combined» (\(reasonText(m.reason))); se omitió. Si hay muchas, revise el log_format del servidor")
        }
        if outcome.malformedCount > outcome.malformed.count {
            lines.append("\(outcome.malformedCount - outcome.malformed.count) líneas mal formadas más se omitieron (solo se listan las primeras \(outcome.malformed.count))")
        }
        if outcome.lateLines > 0 {
            lines.append("\(outcome.lateLines) \(outcome.lateLines == 1 ? "línea llegó" : "líneas llegaron") cuando su día ya estaba cerrado y no se contaron (un registro antiguo añadido después, o el reloj del servidor)")
        }
        for p in outcome.problems {
            switch p.kind {
            case .unreadable: lines.append("no se pudo leer \(p.file); revise sus permisos. Se contó lo demás")
            case .damaged: lines.append("\(p.file) está dañado o cortado después de la línea \(p.line ?? 0); se contó hasta ahí. Si tiene una copia sana, póngala en su lugar")
            case .duplicate: lines.append("\(p.file) repite el contenido de otro archivo del registro; no se contó dos veces")
            }
        }
        return lines
    }

    static func reasonText(_ reason: MalformedReason) -> String {
        switch reason {
        case .address: return "falta la dirección"
        case .time: return "la fecha no es válida"
        case .request: return "la solicitud no está entre comillas"
        case .status: return "falta el código de respuesta"
        case .bytes: return "falta el tamaño"
        case .referrer: return "falta el campo Referer"
        case .userAgent: return "falta el agente de usuario"
        }
    }
}
