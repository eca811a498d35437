import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// `memoria restaurar ID --version vN`: a new version whose pages, texts and description are those of
/// vN (carried by digest: nothing is copied and no version is rewritten), with a METS that keeps every
/// event so far and a PREMIS "recovery" event naming vN and who asked. The access decision in force is
/// kept (restoring v1 never puts a withdrawn item back on the site: memoria restablecer does that).
public struct RestoreRunner {
    public struct Summary: Codable, Sendable {
        public var item: String
        public var restored: String
        public var version: String?
        public var unchanged: Bool
        public var warnings: [String]

        public var linesForPeople: [String] {
            if unchanged { return ["\(item): la última versión ya es igual a \(restored); no se escribió nada."] }
            return ["\(item): la versión \(version ?? "?") restaura las páginas y la descripción de \(restored). Ejecute memoria derive --item \(item) y memoria publish para que el sitio las muestre."]
                + warnings.map { "aviso: \($0)" }
        }
    }

    let context: StageContext
    let schemasFolder: String

    public init(context: StageContext, schemasFolder: String? = nil) {
        self.context = context
        self.schemasFolder = schemasFolder ?? context.config.paths.schemas
    }

    public func run(_ itemID: String, version asked: String, reason: String?) throws -> Summary {
        let opening = try IngestSession(context: context, schemasFolder: schemasFolder, ocrEngine: nil, ocrEngineGiven: true).open()
        defer { withExtendedLifetime(opening.lock) {} }
        let environment = opening.environment
        let reader = ArchiveReader(storage: environment.storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor)
        let head: PriorObject
        let source: PriorObject
        let current: AccessDecision?
        let version: String
        do {
            guard let found = try reader.prior(itemID) else {
                throw PipelineError.notFound("«\(itemID)» no está en el archivo. Revise el identificador (memoria search lo encuentra)")
            }
            head = found
            version = try ExportRunner.version(asked, of: head.inventory, itemID: itemID)
            guard let earlier = try reader.prior(itemID, version: version) else { throw PipelineError.notFound("«\(itemID)» no está en el archivo") }
            source = earlier
            current = try ArchiveReader.access(of: head)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.environment("No se pudo leer «\(itemID)» en el archivo: \(SystemErrorText.describe(error).spanish). Ejecute memoria verify --item \(itemID)",
                                            detail: "\(error)")
        }
        if Self.sameContent(head: head, source: source) {
            return Summary(item: itemID, restored: version, version: nil, unchanged: true, warnings: [])
        }
        let carried = head.digest(at: AccessDecision.logicalPath).map { OCFLSourceValue.existing(digest: $0) }
        let access = AccessPlan(source: carried, decision: current, event: nil, change: nil)
        var detail = "la versión nueva toma las páginas, los textos y la descripción de \(version) (a petición de memoria restaurar)"
        if let reason { detail += "; motivo: \(reason)" }
        let event = PendingEvent(type: .recovery, dateTime: context.timestamp(), detail: detail, outcome: .success,
                                 outcomeDetail: "restaurada \(version)", objects: [itemID])
        do {
            let written = try ObjectRevision(environment: environment, context: context).write(.init(
                itemID: itemID, head: head, source: source, access: access, events: [event],
                message: "Memoria: restauración de \(version), memoria restaurar"))
            return Summary(item: itemID, restored: version, version: written.version.version, unchanged: false, warnings: written.warnings)
        } catch {
            throw PipelineError.environment(error.message, detail: error.detail)
        }
    }

    /// True when the head already holds vN's masters, texts and description.
    static func sameContent(head: PriorObject, source: PriorObject) -> Bool {
        func content(_ prior: PriorObject) -> [String: String] {
            prior.inventory.logicalState().filter { $0.key.hasPrefix("objects/") || $0.key.hasPrefix("text/") || $0.key == "metadata/dc.xml" }
        }
        return content(head) == content(source)
    }
}
