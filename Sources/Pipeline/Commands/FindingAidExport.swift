import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// `memoria export --ead ARCHIVO --fonds FONDO`: the fonds' EAD3 finding aid, from its archived
/// classification chart and the catalog's items (only items the site publishes today are listed, each
/// with a `<dao>` to its page). Validated against the EAD3 schema when paths.schemas holds
/// `ead3/ead3.xsd`; an invalid document is never written.
public struct FindingAidExport {
    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public struct Summary: Sendable {
        public var units: Int
        public var items: Int
        public var validated: Bool
    }

    public func write(fonds name: String, to file: URL) throws -> Summary {
        let config = context.config
        guard let code = try context.fondsCodes([name]).first, let fonds = config.fonds(code: code) else {
            throw PipelineError.usage("Indique el fondo del inventario con --fonds")
        }
        let storage = try context.openStorage()
        let stored: (version: Int, updatedAt: String, chart: ClassificationChart)?
        do { stored = try ChartObject.read(storage, fondsCode: code) } catch {
            throw PipelineError.environment("No se pudo leer el cuadro de clasificación archivado del fondo \(fonds.title): \(context.displayPaths.scrub(SystemErrorText.describe(error).spanish)). Ejecute memoria verify --item \(ChartObject.id(fondsCode: code))",
                                            detail: "\(error)")
        }
        guard let chart = stored?.chart else {
            throw PipelineError.notFound("El fondo \(fonds.title) no tiene cuadro de clasificación archivado: deposite cuadro.csv en una carpeta de lote del fondo (inbox/\(fonds.slug)/<lote>/cuadro.csv) y ejecute memoria ingest")
        }
        let catalog = try context.openCatalog()
        let summaries: [CatalogItemSummary]
        let units: [String: String]
        do {
            summaries = try catalog.itemSummaries().filter { $0.fondsCode == code && $0.isPublished(on: context.today) }   // what the site shows today
            units = try catalog.itemUnits()
        } catch {
            throw PipelineError.environment("No se pudo leer el catálogo: \(SystemErrorText.describe(error).spanish). Ejecute memoria reindex", detail: "\(error)")
        }
        let base = config.site.baseUrl.hasSuffix("/") || config.site.baseUrl.isEmpty ? config.site.baseUrl : config.site.baseUrl + "/"
        let items = summaries.map { summary in
            FindingAid.Item(id: summary.id, title: summary.title, date: summary.dublinCore["date"].first, unitCode: units[summary.id],
                            pageURL: base.isEmpty ? "items/\(summary.id)/" : "\(base)items/\(summary.id)/")
        }
        let aid = FindingAid(chart: chart, items: items, institution: config.institution.name, created: context.timestamp(),
                             software: "\(StageContext.softwareName) \(StageContext.softwareVersion)")
        let xml = EAD3Writer.document(aid)
        var validated = false
        if !config.paths.schemas.isEmpty {
            let schema = config.url(\.schemas).appendingPathComponent("ead3/ead3.xsd")
            if FileManager.default.fileExists(atPath: schema.path) {
                let problems: [XMLProblem]
                do { problems = try XMLSchemaValidator(schemaAt: schema).validate(xml, name: file.lastPathComponent) } catch {
                    throw PipelineError.environment("No se pudo cargar el esquema EAD3 (\(context.displayPath(schema.path))): \(error)", detail: "\(error)")
                }
                guard problems.isEmpty else {
                    throw PipelineError.environment("Error interno: el inventario EAD3 que Memoria generó no es válido; no se escribió. Avise al equipo de sistemas",
                                                    detail: problems.prefix(5).map(\.description).joined(separator: "; "))
                }
                validated = true
            }
        }
        try ExportFile(context: context).write(Data(xml.utf8), to: file, what: "el inventario")
        return Summary(units: chart.units.count, items: items.count, validated: validated)
    }
}
