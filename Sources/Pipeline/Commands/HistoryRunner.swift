import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// `memoria historia ID`: an item's versions, oldest first, each with its date, who made it, the batch or
/// command, and what changed (pages added, replaced or retired, elements corrected, access decisions,
/// restorations), then the events of its logs/ (fixity audits, quarantine). Read from the archive
/// itself (inventory, METS, logs/), so it holds without the catalog.
public struct HistoryRunner {
    public struct Version: Codable, Sendable {
        public var version: String
        /// ISO 8601 with the local offset.
        public var created: String
        public var agent: String
        public var message: String
        /// What this version changed, in Spanish, one line per event that says it.
        public var changes: [String]
        /// Other events of the version (validation, digests, format identification), counted.
        public var technicalEvents: Int
    }

    public struct Logged: Codable, Sendable {
        public var dateTime: String
        public var type: String
        public var outcome: String
        public var detail: String
    }

    public struct History: Codable, Sendable {
        public var item: String
        public var title: String
        public var access: String
        public var versions: [Version]
        public var logged: [Logged]

        public var linesForPeople: [String] {
            var lines = ["Historia de \(item) — «\(title)» (acceso: \(access))"]
            for version in versions {
                let when = Timestamp.parse(version.created).map { Timestamp.forPeople($0) } ?? version.created
                lines.append("\(version.version) · \(when) · \(version.agent) · \(version.message)")
                lines += version.changes.map { "    \($0)" }
                if version.technicalEvents > 0 {
                    lines.append("    y \(SpanishText.count(version.technicalEvents, "evento técnico", "eventos técnicos")) (validación, huellas, formatos)")
                }
            }
            if !logged.isEmpty { lines.append("Registros (logs/):") }
            for event in logged {
                let when = Timestamp.parse(event.dateTime).map { Timestamp.forPeople($0) } ?? event.dateTime
                lines.append("  \(when) · \(event.type) · \(event.outcome): \(event.detail)")
            }
            return lines
        }
    }

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public func run(_ itemID: String) throws -> History {
        let storage = try context.openStorage()
        let reader = ArchiveReader(storage: storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor)
        let head: PriorObject
        let logged: [PremisEvent]
        let access: AccessDecision?
        do {
            guard let found = try reader.prior(itemID) else {
                throw PipelineError.notFound("«\(itemID)» no está en el archivo. Revise el identificador (memoria search lo encuentra)")
            }
            head = found
            access = try ArchiveReader.access(of: head)
            logged = try ArchiveReader.loggedEvents(storage: storage, objectID: itemID)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.environment("No se pudo leer «\(itemID)» en el archivo: \(SystemErrorText.describe(error).spanish). Ejecute memoria verify --item \(itemID)",
                                            detail: "\(error)")
        }
        let inventory = head.inventory
        let byVersion = Dictionary(grouping: head.mets.events) { event in
            event.identifier.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        }
        let versions = inventory.versions.keys.sorted { (OCFLInventory.number(of: $0) ?? 0) < (OCFLInventory.number(of: $1) ?? 0) }.map { name in
            let version = inventory.versions[name]!
            let events = byVersion[name] ?? []
            let telling = events.filter { Self.tellsAChange($0.type) }
            return Version(version: name, created: Timestamp.parse(version.created).map { Timestamp.localISO($0, timeZone: context.timeZone) } ?? version.created,
                           agent: version.user?.name ?? "(sin agente)", message: version.message ?? "",
                           changes: telling.map { "\($0.type.label): \($0.detail)\($0.outcomeDetail.isEmpty || $0.type == .policyAssignment ? "" : " (\($0.outcomeDetail))")" },
                           technicalEvents: events.count - telling.count)
        }
        return History(item: itemID, title: head.mets.dublinCore.title, access: access?.summary ?? AccessDecision.State.open.label,
                       versions: versions,
                       logged: logged.sorted { $0.dateTime < $1.dateTime }.map {
                           Logged(dateTime: $0.dateTime, type: $0.type.label, outcome: Self.outcome($0.outcome), detail: $0.detail)
                       })
    }

    static func tellsAChange(_ type: PremisEventType) -> Bool {
        [.ingestion, .metadataModification, .policyAssignment, .recovery, .unquarantine].contains(type)
    }

    static func outcome(_ outcome: PremisOutcome) -> String {
        switch outcome {
        case .success: return "correcto"
        case .failure: return "con problemas"
        case .warning: return "con observaciones"
        }
    }
}
