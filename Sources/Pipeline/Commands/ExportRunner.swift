import Catalog
import Foundation
import Metadata
import Preservation

/// `memoria export`: an item as a BagIt 1.0 bag (latest version), or the catalogue as CSV/JSON.
public struct ExportRunner {
    let context: StageContext

    public init(context: StageContext) { self.context = context }

    /// Writes the bag of `itemID` into `folder` (absent or empty).
    public func bag(itemID: String, to folder: URL) throws -> URL {
        let storage: OCFLStorageRoot
        do { storage = try OCFLStorageRoot(root: context.config.url(\.archive)) } catch { throw PipelineError.environment("\(error)") }
        guard storage.objectExists(itemID) else { throw PipelineError.notFound("\(itemID) is not in the archive") }
        let inventory = try storage.inventory(of: itemID)
        guard inventory.algorithm == .sha512 else {
            throw PipelineError.usage("\(itemID) uses \(inventory.digestAlgorithm); bags are exported with SHA-512 manifests")
        }
        let root = try storage.objectRoot(itemID)
        let payload = inventory.logicalState().sorted { $0.key < $1.key }.compactMap { path, digest -> BagExporter.PayloadFile? in
            guard let content = inventory.contentPath(forDigest: digest) else { return nil }
            return BagExporter.PayloadFile(path: path, source: root.appendingPathComponent(content), digest: digest)
        }
        let prior = try ArchiveReader(storage: storage).prior(itemID)
        let dc = prior?.mets.dublinCore ?? DublinCoreRecord()
        let institution = context.config.institution
        var info: [(String, String)] = [("Source-Organization", institution.name)]
        if !institution.contactEmail.isEmpty { info.append(("Contact-Email", institution.contactEmail)) }
        if !institution.url.isEmpty { info.append(("Organization-Address", institution.url)) }
        info += [("External-Identifier", itemID), ("External-Description", dc.title),
                 ("Bagging-Date", String(context.timestamp().prefix(10))), ("Bag-Software-Agent", "\(StageContext.softwareName) \(StageContext.softwareVersion)"),
                 ("Internal-Sender-Identifier", "\(itemID) \(inventory.head)")]
        for (element, value) in dc.pairs where element != "identifier" {
            info.append(("DC-\(element.prefix(1).uppercased())\(element.dropFirst())", value))
        }
        do {
            try BagExporter().write(to: folder, payload: payload, info: info)
        } catch let failure as BagExporter.Failure {
            throw PipelineError.usage("\(failure)")
        }
        return folder
    }
}

/// A catalogue dump for spreadsheets and scripts (also published with the site). Cells that a
/// spreadsheet would run as formulas (=, +, -, @, tab, CR first) are prefixed with an apostrophe.
public enum CatalogueDump {
    public static let columns = ["identifier", "title", "creator", "subject", "description", "date", "type", "format", "language",
                                 "rights", "source", "fonds", "pages", "version", "updated"]

    public static func rows(_ catalog: CatalogDatabase) throws -> [[String: String]] {
        let fonds = Dictionary(uniqueKeysWithValues: try catalog.fonds().map { ($0.code, $0.title) })
        return try catalog.itemIDs().compactMap { id in
            guard let item = try catalog.item(id) else { return nil }
            let dc = item.dublinCore
            return ["identifier": id, "title": dc.title, "creator": dc["creator"].joined(separator: " | "),
                    "subject": dc["subject"].joined(separator: " | "), "description": dc["description"].joined(separator: " | "),
                    "date": dc["date"].joined(separator: " | "), "type": dc["type"].joined(separator: " | "),
                    "format": dc["format"].joined(separator: " | "), "language": dc["language"].joined(separator: " | "),
                    "rights": dc["rights"].joined(separator: " | "), "source": dc["source"].joined(separator: " | "),
                    "fonds": fonds[item.fondsCode] ?? item.fondsCode, "pages": String(item.pages.count),
                    "version": "v\(item.headVersion)", "updated": item.updatedAt]
        }
    }

    public static func csv(_ rows: [[String: String]]) -> String {
        var lines = [columns.joined(separator: ",")]
        for row in rows { lines.append(columns.map { cell(row[$0] ?? "") }.joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One CSV cell: neutralised against formula injection, then quoted when needed.
    public static func cell(_ raw: String) -> String {
        var value = raw
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { value = "'" + value }
        if value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r") {
            value = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    public static func json(_ rows: [[String: String]]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(rows)) ?? Data("[]".utf8)
    }
}
