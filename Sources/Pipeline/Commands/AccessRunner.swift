import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// `memoria retirar`, `restablecer`, `restringir`, `embargar`: a curator's access decision about
/// archived items, each a new OCFL version of the object's metadata (metadata/access.json and a METS
/// with a PREMIS policy-assignment event naming who decided; no master copied). Nothing is deleted:
/// the site stops (or starts) showing the item at the next `memoria publish`.
public struct AccessRunner {
    public enum Decision: Sendable {
        case withdraw(reason: String, hideTitle: Bool)
        case reinstate(reason: String?)
        case restrict(reason: String)
        case embargo(until: String, reason: String?)

        var request: DepositRequest.AccessRequest {
            switch self {
            case .withdraw: return .init(state: .withdrawn, until: nil)
            case .reinstate: return .init(state: .open, until: nil)
            case .restrict: return .init(state: .restricted, until: nil)
            case .embargo(let until, _): return .init(state: .embargoed, until: until)
            }
        }
        var reason: String? {
            switch self {
            case .withdraw(let reason, _), .restrict(let reason): return reason
            case .reinstate(let reason), .embargo(_, let reason): return reason
            }
        }
        var command: String {
            switch self {
            case .withdraw: return "memoria retirar"
            case .reinstate: return "memoria restablecer"
            case .restrict: return "memoria restringir"
            case .embargo: return "memoria embargar"
            }
        }
    }

    public struct Summary: Codable, Sendable {
        public struct Line: Codable, Sendable {
            public var item: String
            /// cambiado, sin-cambios, no-encontrado, fallo
            public var outcome: String
            public var version: String?
            public var access: String?
            public var message: String
        }
        public var items: [Line]
        public var needsAttention: Bool { items.contains { $0.outcome == "no-encontrado" || $0.outcome == "fallo" } }

        public var linesForPeople: [String] {
            var lines = items.map { "\($0.item): \($0.message)" }
            if items.contains(where: { $0.outcome == "cambiado" }) {
                lines.append("Publique el sitio (memoria publish) para que el cambio se vea en él.")
            }
            return lines
        }
    }

    let context: StageContext
    let schemasFolder: String

    public init(context: StageContext, schemasFolder: String? = nil) {
        self.context = context
        self.schemasFolder = schemasFolder ?? context.config.paths.schemas
    }

    public func run(_ ids: [String], decision: Decision) throws -> Summary {
        if case .embargo(let until, _) = decision, !AccessDecision.isDay(until) {
            throw PipelineError.usage("--hasta «\(until)» no es un día escrito AAAA-MM-DD (por ejemplo 2027-01-31)")
        }
        let opening = try IngestSession(context: context, schemasFolder: schemasFolder, ocrEngine: nil, ocrEngineGiven: true).open()
        defer { withExtendedLifetime(opening.lock) {} }
        for line in opening.recovered { context.reporter.info("recuperación: \(line)") }
        let environment = opening.environment
        let reader = ArchiveReader(storage: environment.storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor)
        var summary = Summary(items: [])
        for id in ids {
            summary.items.append(decide(id, decision: decision, reader: reader, environment: environment))
        }
        return summary
    }

    private func decide(_ id: String, decision: Decision, reader: ArchiveReader, environment: RunEnvironment) -> Summary.Line {
        let head: PriorObject
        let current: AccessDecision?
        do {
            guard let found = try reader.prior(id) else {
                return .init(item: id, outcome: "no-encontrado", message: "no hay ningún ítem con ese identificador en el archivo; revise el identificador (memoria search lo encuentra)")
            }
            head = found
            current = try ArchiveReader.access(of: head)
        } catch {
            return .init(item: id, outcome: "fallo", message: "no se pudo leer en el archivo (\(SystemErrorText.describe(error).spanish)); ejecute memoria verify --item \(id)")
        }
        var hideTitle: Bool? = nil
        if case .withdraw(_, let hide) = decision { hideTitle = hide }
        do {
            let plan = try AccessPlan.make(itemID: id, prior: head, current: current, asked: decision.request, reason: decision.reason,
                                           hideTitle: hideTitle, fondsDefault: .open, origin: "la orden \(decision.command)", context: context)
            guard let event = plan.event, let chosen = plan.decision else {
                return .init(item: id, outcome: "sin-cambios", version: head.inventory.head, access: current?.state.rawValue,
                             message: "ya estaba \(current?.summary ?? AccessDecision.State.open.label); no se escribió nada")
            }
            let written = try ObjectRevision(environment: environment, context: context).write(.init(
                itemID: id, head: head, source: head, access: plan, events: [event],
                message: "Memoria: \(plan.change ?? "acceso"), \(decision.command)"))
            for warning in written.warnings { context.reporter.warning(warning) }
            return .init(item: id, outcome: "cambiado", version: written.version.version, access: chosen.state.rawValue,
                         message: "\(chosen.summary) en la versión \(written.version.version) (antes: \(current?.summary ?? AccessDecision.State.open.label)\(chosen.reason.map { "; motivo: \($0)" } ?? ""))")
        } catch {
            return .init(item: id, outcome: "fallo", message: error.message)
        }
    }
}
