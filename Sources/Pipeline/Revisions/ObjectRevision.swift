import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// A new version of an archived object that no batch brings: an access decision or the restoration of
/// an earlier version. Its pages and description are those of `source` (the head, or the version being
/// restored), carried by digest (no master is copied), with a new METS that keeps every event so far and
/// adds this one; written by the same stages as a deposit (Describe, Package), then indexed.
struct ObjectRevision {
    let environment: RunEnvironment
    let context: StageContext

    struct Request {
        var itemID: String
        /// The archived head.
        var head: PriorObject
        /// Whose pages and description the new version takes (the head, or an earlier version).
        var source: PriorObject
        var access: AccessPlan
        var events: [PendingEvent]
        /// The OCFL version message.
        var message: String
    }

    struct Written {
        var version: OCFLVersionResult
        /// Spanish: what went wrong after the version was safely written.
        var warnings: [String]
    }

    func write(_ request: Request) throws(StageFailure) -> Written {
        let (itemID, head, source) = (request.itemID, request.head, request.source)
        guard let fonds = context.config.fonds(code: head.mets.fondsCode) else {
            throw StageFailure(stage: .describe, reason: .invalidInstruction,
                               message: "«\(itemID)» pertenece al fondo \(head.mets.fondsCode), que ya no está declarado en pipeline.yaml; declárelo de nuevo para cambiar el ítem")
        }
        let transcribe = environment.fileStages().transcribe
        let floor = context.config.text.ocrWordConfidenceFloor
        let masters = VersionPlan.orderedMasters(source)
        let files = masters.compactMap { CarriedFile.make(prior: source, path: $0, transcribe: transcribe, ocrWordConfidenceFloor: floor) }
        guard files.count == masters.count, !files.isEmpty else {
            throw StageFailure(stage: .describe, reason: .unreadableArchive,
                               message: "No se pudieron leer todas las páginas archivadas de «\(itemID)» (\(files.count) de \(masters.count)); no se escribió nada. Ejecute memoria verify --item \(itemID)")
        }
        let dublinCore = source.mets.dublinCore
        let dcXML = source.dcBytes.isEmpty ? Array(OAIDublinCore.document(dublinCore).utf8) : source.dcBytes
        let describe = DescribeStage(validation: environment.validation, algorithm: environment.algorithm)
        let version = head.inventory.headNumber + 1
        let described = try describe.run(.init(itemID: itemID, dublinCore: dublinCore, dcXML: dcXML, fonds: fonds, files: files,
                                                prior: head, version: version, pending: request.events), context: context)
        var state = PackageStage.state(files: files, dcXML: dcXML, metsXML: described.metsXML)
        state[AccessDecision.logicalPath] = request.access.source
        let written = try PackageStage(writer: environment.writer).run(.init(itemID: itemID, state: state, message: request.message), context: context)
        var record = IndexStage.catalogItem(itemID: itemID, fondsCode: fonds.code, mets: described.mets, inventory: written.inventory,
                                            batchID: nil, pageTexts: IndexStage.pageTexts(files))
        record.access = request.access.decision
        var warnings: [String] = []
        do {
            record.events += try ArchiveReader.loggedEvents(storage: environment.storage, objectID: itemID)
        } catch {
            warnings.append("los registros (logs/) de «\(itemID)» no se pudieron leer para el catálogo (\(SystemErrorText.describe(error).spanish)); ejecute memoria verify --item \(itemID)")
        }
        do {
            try IndexStage(catalog: environment.catalog).run(record, fondsTitle: fonds.title)
        } catch {
            throw StageFailure(stage: .index, reason: .archiveWrite, consequence: .stopBatch,
                               message: "«\(itemID)» quedó archivado en \(written.version), pero el catálogo no se pudo poner al día (\(SystemErrorText.describe(error).spanish)); la próxima ingesta lo registra, o ejecute memoria reindex",
                               detail: "\(error)")
        }
        return Written(version: written, warnings: warnings)
    }
}
