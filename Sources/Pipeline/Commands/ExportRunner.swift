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
        let prior = try ArchiveReader(storage: storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor).prior(itemID)
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
            switch failure {
            case .destinationNotEmpty: throw PipelineError.usage("\(failure)")
            case .mismatch: throw PipelineError.environment("\(itemID): \(failure); nothing was exported")
            }
        }
        return folder
    }
}

