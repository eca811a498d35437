import Foundation
import Metadata
import Preservation
import Support

/// The access decision an item's next version carries: the one the curator asks for now (a command,
/// or the row's memoria.acceso), else the one archived, else, for a new item, its fonds' default.
/// A decision that changes anything is written as the object's metadata/access.json with a PREMIS
/// policy-assignment event; one that changes nothing is carried by digest.
struct AccessPlan {
    /// What goes at metadata/access.json in the next version (nil: the object has none: public).
    var source: OCFLSourceValue?
    var decision: AccessDecision?
    var event: PendingEvent?
    /// Spanish, for the report and the history ("acceso: público → retirado (motivo: …)").
    var change: String?

    /// `asked`: the new state (nil: keep). `reason`: the curator's words. `origin`: where it was asked,
    /// in Spanish ("memoria retirar", "metadata.csv del lote X, línea 3").
    static func make(itemID: String, prior: PriorObject?, current: AccessDecision?, asked: DepositRequest.AccessRequest?,
                     reason: String?, hideTitle: Bool? = nil, fondsDefault: AccessDecision.State, origin: String,
                     context: StageContext) throws(StageFailure) -> AccessPlan {
        let now = context.timestamp()
        let carried = prior?.digest(at: AccessDecision.logicalPath).map { OCFLSourceValue.existing(digest: $0) }
        let keep = AccessPlan(source: carried, decision: current, event: nil, change: nil)
        let wanted: DepositRequest.AccessRequest
        if let asked {
            let same = asked.state == (current?.state ?? .open) && asked.until == current?.until
                && (hideTitle == nil || hideTitle == (current?.hideTitle ?? false)) && (reason == nil || reason == current?.reason)
            if same { return keep }
            wanted = asked
        } else if prior == nil && fondsDefault != .open {
            wanted = DepositRequest.AccessRequest(state: fondsDefault, until: nil)
        } else {
            return keep
        }
        let decision = AccessDecision(state: wanted.state, until: wanted.until, reason: reason,
                                      hideTitle: wanted.state == .withdrawn && (hideTitle ?? current?.hideTitle ?? false), decidedAt: now, agent: context.operatorName)
        let before = current?.summary ?? AccessDecision.State.open.label
        var arrow = "\(before) → \(decision.summary)"
        if let reason { arrow += " (motivo: \(reason))" }
        let line = "acceso: \(arrow)"
        let event = PendingEvent(type: .policyAssignment, dateTime: now,
                                 detail: "\(arrow), desde \(origin)",
                                 outcome: .success, outcomeDetail: AccessDecision.logicalPath, objects: [itemID])
        let bytes: [UInt8]
        do { bytes = try decision.encoded() } catch {
            throw StageFailure(stage: .describe, reason: .invalidOutput,
                               message: "Error interno: no se pudo escribir la decisión de acceso de «\(itemID)»; avise al equipo de sistemas con el informe JSON",
                               detail: "\(error)")
        }
        return AccessPlan(source: .bytes(bytes), decision: decision, event: event, change: line)
    }
}
