// Index stage.
// Consumes: an archived item (its description, files, pages with text, events). Produces: the item's
// catalog rows and full-text entries, replacing any earlier ones, in one SQLite transaction.
// Writes only the catalog (derived data, rebuilt by `memoria reindex`). A failure here never undoes
// the archive: the runner reports it as a warning and the next start registers the item.
import Catalog
import Foundation
import Metadata
import Preservation

struct IndexStage {
    static let name = StageName.index
    let catalog: CatalogDatabase

    static func catalogItem(itemID: String, fondsCode: String, mets: METSItem, inventory: OCFLInventory, batchID: Int64?,
                            pageTexts: [Int: (source: String?, path: String?, text: String)]) -> CatalogItem {
        let state = inventory.logicalState()
        let objects = Dictionary(mets.premisObjects.map { ($0.logicalPath, $0) }, uniquingKeysWith: { a, _ in a })
        var files: [CatalogItem.File] = []
        for (path, digest) in state.sorted(by: { $0.key < $1.key }) {
            let object = objects[path]
            let role: CatalogItem.File.Role = path.hasPrefix("objects/") ? .master : (path.hasPrefix("text/") ? .text : .metadata)
            files.append(CatalogItem.File(logicalPath: path, contentPath: inventory.contentPath(forDigest: digest) ?? "", role: role,
                                          digestAlgorithm: inventory.digestAlgorithm, digest: digest,
                                          size: object?.size ?? mets.files.first { $0.logicalPath == path }?.size ?? 0,
                                          formatName: object?.formatName ?? (path.hasSuffix(".xml") ? "XML" : ""),
                                          pronomID: object?.pronomID, mimeType: object?.mimeType ?? (path.hasSuffix(".xml") ? "application/xml" : ""),
                                          originalName: object?.originalName ?? ""))
        }
        let pages = mets.pages.map { page -> CatalogItem.Page in
            let (w, h) = MIXMapping.displaySize(width: page.mix.width, height: page.mix.height, orientation: page.mix.orientation)
            let text = pageTexts[page.sequence]
            return CatalogItem.Page(sequence: page.sequence, label: page.label, masterPath: page.masterPath, indexInFile: page.indexInFile,
                                    width: w, height: h, textSource: text?.source, textPath: text?.path, text: text?.text ?? "")
        }
        let created = inventory.versions["v1"]?.created ?? mets.created
        let updated = inventory.versions[inventory.head]?.created ?? mets.lastModified
        var item = CatalogItem(id: itemID, fondsCode: fondsCode, headVersion: inventory.headNumber, createdAt: created, updatedAt: updated,
                               dublinCore: mets.dublinCore, batchID: batchID, files: files, pages: pages, events: mets.events)
        item.unitCode = mets.unitCode
        return item
    }

    /// The text of each page, by sequence, from the files of a version being written.
    static func pageTexts(_ files: [ProcessedFile]) -> [Int: (source: String?, path: String?, text: String)] {
        var texts: [Int: (source: String?, path: String?, text: String)] = [:]
        var sequence = 0
        for file in files {
            for page in file.pages {
                sequence += 1
                if let text = page.text { texts[sequence] = (text.source, text.files.first?.logicalPath, text.text) }
            }
        }
        return texts
    }

    func run(_ item: CatalogItem, fondsTitle: String, unitCode: String? = nil) throws {
        try catalog.store(item, fondsTitle: fondsTitle)
        try catalog.setItemUnit(itemID: item.id, fondsCode: item.fondsCode, unitCode: unitCode)
    }
}
