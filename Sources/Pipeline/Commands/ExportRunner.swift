import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// `memoria export`: an item as a BagIt 1.0 bag (its latest version, or any earlier one), or the
/// catalogue as CSV/JSON.
public struct ExportRunner {
    let context: StageContext

    public init(context: StageContext) { self.context = context }

    /// Writes the bag of `itemID` (its head, or `version` such as "v2") into `folder` (absent or empty).
    public func bag(itemID: String, version: String? = nil, to folder: URL) throws -> URL {
        let storage = try context.openStorage()
        guard storage.objectExists(itemID) else {
            throw PipelineError.notFound("«\(itemID)» no está en el archivo. Revise el identificador (memoria search lo encuentra)")
        }
        let inventory = try storage.inventory(of: itemID)
        guard inventory.algorithm == .sha512 else {
            throw PipelineError.usage("«\(itemID)» usa huellas \(inventory.digestAlgorithm); las bolsas BagIt se exportan con manifiestos SHA-512")
        }
        let chosen = try Self.version(version, of: inventory, itemID: itemID)
        let root = try storage.objectRoot(itemID)
        let payload = inventory.logicalState(of: chosen).sorted { $0.key < $1.key }.compactMap { path, digest -> BagExporter.PayloadFile? in
            guard let content = inventory.contentPath(forDigest: digest) else { return nil }
            return BagExporter.PayloadFile(path: path, source: root.appendingPathComponent(content), digest: digest)
        }
        let prior = try ArchiveReader(storage: storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor).prior(itemID, version: chosen)
        let dc = prior?.mets.dublinCore ?? DublinCoreRecord()
        let institution = context.config.institution
        var info: [(String, String)] = [("Source-Organization", institution.name)]
        if !institution.contactEmail.isEmpty { info.append(("Contact-Email", institution.contactEmail)) }
        if !institution.url.isEmpty { info.append(("Organization-Address", institution.url)) }
        info += [("External-Identifier", itemID), ("External-Description", dc.title),
                 ("Bagging-Date", String(context.timestamp().prefix(10))), ("Bag-Software-Agent", "\(StageContext.softwareName) \(StageContext.softwareVersion)"),
                 ("Internal-Sender-Identifier", "\(itemID) \(chosen)")]
        for (element, value) in dc.pairs where element != "identifier" {
            info.append(("DC-\(element.prefix(1).uppercased())\(element.dropFirst())", value))
        }
        do {
            try BagExporter().write(to: folder, payload: payload, info: info)
        } catch let failure as BagExporter.Failure {
            switch failure {
            case .destinationNotEmpty: throw PipelineError.usage(context.displayPaths.scrub("\(failure)"))
            case .mismatch: throw PipelineError.environment("«\(itemID)»: \(context.displayPaths.scrub("\(failure)")); no se exportó nada", detail: "\(failure)")
            }
        }
        return folder
    }

    /// "v2" (or "2") as a version of the object; nil: the head. An unknown version is a usage error.
    static func version(_ asked: String?, of inventory: OCFLInventory, itemID: String) throws -> String {
        guard let asked else { return inventory.head }
        let name = asked.hasPrefix("v") ? asked : "v\(asked)"
        guard let number = OCFLInventory.number(of: name), inventory.versions[name] != nil || inventory.versions[String(format: "v%d", number)] != nil else {
            throw PipelineError.usage("«\(itemID)» no tiene la versión «\(asked)»; tiene de v1 a \(inventory.head) (memoria historia \(itemID) las lista)")
        }
        return inventory.versions[name] != nil ? name : "v\(number)"
    }

    /// The correction sheet of archived items (all, or those of `fonds`) as CSV (`forExcel`: byte order
    /// mark and `;`), ready to be edited and deposited back; and/or the catalogue dump as JSON. Returns
    /// how many items were written.
    public func catalogue(csv: URL?, forExcel: Bool, json: URL?, fonds: [String] = []) throws -> Int {
        let catalog = try context.openCatalog()
        let codes = Set(try context.fondsCodes(fonds))
        let summaries: [CatalogItemSummary]
        do {
            summaries = try catalog.itemSummaries().filter { codes.isEmpty || codes.contains($0.fondsCode) }.sorted { $0.id < $1.id }
        } catch {
            throw PipelineError.environment("No se pudo leer el catálogo: \(SystemErrorText.describe(error).spanish). Ejecute memoria reindex", detail: "\(error)")
        }
        let titles = Dictionary(uniqueKeysWithValues: context.config.fonds.map { ($0.code, $0.title) })
        let file = ExportFile(context: context)
        if let csv {
            let rows = summaries.map { CorrectionSheetWriter.Row(identifier: $0.id, dublinCore: $0.dublinCore, fonds: titles[$0.fondsCode] ?? $0.fondsCode,
                                                                 pages: $0.pageCount, version: "v\($0.headVersion)") }
            try file.write(Data(CorrectionSheetWriter.csv(rows, forExcel: forExcel).utf8), to: csv, what: "la hoja de correcciones")
        }
        if let json {
            try file.write(CatalogueDump.json(CatalogueDump.rows(summaries, fondsTitles: titles)), to: json, what: "el catálogo en JSON")
        }
        return summaries.count
    }
}
