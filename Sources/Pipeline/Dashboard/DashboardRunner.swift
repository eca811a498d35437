import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// `memoria informe`: gathers the dashboard's figures from the catalog, the quarantine register and
/// the replicas, and writes informe.html, informe.json and one CSV per table into
/// reports/direccion/ (each file staged and renamed into place). Reads the archive, never changes it.
public struct DashboardRunner {
    public struct Written: Codable, Sendable {
        /// The page and the folder, shown relative.
        public var html: String
        public var folder: String
        public var files: [String]
    }

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public var defaultFolder: URL { context.config.url(\.reports).appendingPathComponent("direccion") }

    /// Where the counted figures are kept between dashboards (always beside the default one).
    var holdingsFile: DashboardHoldingsFile { DashboardHoldingsFile(folder: defaultFolder) }

    public func collect() throws -> Dashboard {
        try collectWithHoldings().dashboard
    }

    /// The dashboard, and the growth and format figures to keep for the next one (reused from the
    /// last ones kept when the catalog's items and files have not changed since).
    func collectWithHoldings() throws -> (dashboard: Dashboard, holdings: CatalogDashboardFigures.Holdings) {
        let config = context.config
        let catalog = try context.openCatalog()
        do {
            let (figures, holdings) = try catalog.dashboardFigures(reusing: holdingsFile.read())
            let titles = Dictionary(config.fonds.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a })
            let quarantine = StatusService.groups(try catalog.quarantineEntries()).filter { $0.pending > 0 }
                .sorted { ($1.pending, $0.fonds, $0.reason) < ($0.pending, $1.fonds, $1.reason) }
            // The archive is listed for the replicas' lag only (one stat per object).
            let ids = config.replicas.isEmpty ? [] : (try? context.openStorage().objectIdentifiers()) ?? []
            let zone = context.timeZone
            func local(_ record: String) -> String { Timestamp.parse(record).map { Timestamp.localISO($0, timeZone: zone) } ?? record }
            return (Dashboard(
                institution: config.institution.name, generated: Timestamp.localISO(context.clock(), timeZone: zone),
                items: holdings.items, pages: holdings.pages, bytes: holdings.bytes,
                growth: figures.growth.map { .init(fonds: $0.fondsCode, fondsTitle: titles[$0.fondsCode] ?? $0.fondsCode, month: $0.month,
                                                   items: $0.items, pages: $0.pages, bytes: $0.bytes) },
                formats: figures.formats.map { .init(name: $0.name, pronomID: $0.pronomID, mimeType: $0.mimeType, files: $0.files, bytes: $0.bytes) },
                access: AccessDecision.State.allCases.map { .init(state: $0.rawValue, label: $0.label, items: holdings.access[$0.rawValue] ?? 0) },
                quarantine: quarantine.map { .init(fonds: $0.fonds, reason: $0.reason, code: $0.code, pending: $0.pending) },
                audits: figures.audits.map { .init(time: local($0.dateTime), objectsChecked: $0.objectsChecked, objectsWithProblems: $0.objectsWithProblems) },
                replicas: ReplicaStatus.all(context, ids: ids).map { status in
                    .init(name: status.name, path: status.path, state: status.state, objectsBehind: status.lag?.objectsBehind ?? 0,
                          versionsBehind: status.lag?.versionsBehind ?? 0, logsBehind: status.lag?.logsBehind ?? 0,
                          oldestMissingVersion: status.lag?.oldestMissingVersion.map(local))
                }), holdings)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.environment("No se pudo leer el catálogo para el informe: \(SystemErrorText.describe(error).spanish). Ejecute memoria reindex", detail: "\(error)")
        }
    }

    @discardableResult
    public func run(folder: URL? = nil) throws -> Written {
        let (dashboard, holdings) = try collectWithHoldings()
        let target = folder ?? defaultFolder
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var files: [(String, Data)] = [("informe.html", Data(DashboardHTML(dashboard: dashboard, timeZone: context.timeZone).render().utf8)),
                                       ("informe.json", try encoder.encode(dashboard))]
        files += DashboardCSV.tables(dashboard).map { ($0.name, Data($0.text.utf8)) }
        do {
            try FileSystem.createDirectory(target)
            for (name, data) in files { try FileSystem.replaceAtomically(target.appendingPathComponent(name), with: data) }
            try FileSystem.createDirectory(defaultFolder)
            try holdingsFile.write(holdings)
        } catch {
            let (spanish, technical) = SystemErrorText.describe(error)
            throw PipelineError.environment("No se pudo escribir el informe para la dirección en \(context.displayPath(target.path)): \(spanish). Revise el disco y los permisos de la carpeta de informes",
                                            detail: technical)
        }
        return Written(html: context.displayPath(target.appendingPathComponent("informe.html").path), folder: context.displayPath(target.path),
                       files: files.map(\.0))
    }
}
