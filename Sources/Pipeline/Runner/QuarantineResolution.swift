import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// What happens to an item's quarantine entries once the item is archived: the good pages that were
/// taken from the quarantine to complete it leave the quarantine (their bytes are in the archive,
/// verified); every pending entry of the item becomes resolved, and the reason file of a refused page
/// that stays says so. Nothing here can lose a file that is not archived.
struct QuarantineResolution {
    let scope: BatchScope

    /// Returns warnings for the item's report line.
    func itemArchived(_ intake: IntakeItem) -> [String] {
        let catalog = scope.environment.catalog
        let now = scope.context.timestamp()
        var warnings: [String] = []
        let pending: [CatalogQuarantineEntry]
        do {
            pending = try catalog.pendingQuarantine(itemID: intake.item.id)
        } catch {
            return ["no se pudo marcar como resuelta su cuarentena en el catálogo (\(SystemErrorText.describe(error).spanish))"]
        }
        guard !pending.isEmpty else { return [] }
        let taken = Set(intake.fromQuarantine.map(\.entryID))
        for entry in pending {
            do {
                if taken.contains(entry.id ?? -1) {
                    try scope.quarantine.remove(entry.quarantinePath)
                } else {
                    try scope.quarantine.appendNote(entry.quarantinePath,
                        "Resuelto: el ítem \(intake.item.id) se archivó completo el \(Timestamp.forPeople(scope.context.clock(), timeZone: scope.context.timeZone)) (lote \(scope.batch.identifier)); este archivo ya no hace falta.")
                }
            } catch {
                warnings.append("la cuarentena de «\(entry.quarantinePath)» no se pudo poner al día (\(SystemErrorText.describe(error).spanish)); el archivo sigue allí")
            }
        }
        let event = PremisEvent(identifier: "\(intake.item.id)/unquarantine/\(StableHash.hex16(StableHash.fnv1a(parts: pending.map(\.quarantinePath) + [now])))",
                                type: .unquarantine, dateTime: now,
                                detail: "el ítem se archivó completo desde el lote \(scope.batch.identifier); \(SpanishText.count(pending.count, "entrada", "entradas")) de cuarentena resuelta\(pending.count == 1 ? "" : "s")",
                                outcome: .success, outcomeDetail: pending.map(\.quarantinePath).joined(separator: "; "),
                                agents: scope.context.eventAgents, objects: pending.map(\.originalPath))
        do {
            try ArchiveEventLog(storage: scope.environment.storage, quarantine: scope.quarantine).resolved(pending, as: .archived, at: now, event: event)
        } catch {
            warnings.append("no se pudo anotar la resolución en el registro de la cuarentena (\(SystemErrorText.describe(error).spanish))")
        }
        do {
            try catalog.resolveQuarantine(pending.compactMap(\.id), as: .archived, at: now)
            try catalog.record([event], itemID: intake.item.id)
        } catch {
            warnings.append("no se pudo marcar como resuelta su cuarentena en el catálogo (\(SystemErrorText.describe(error).spanish))")
        }
        let count = pending.count
        warnings.append("\(SpanishText.count(count, "entrada", "entradas")) de cuarentena de este ítem \(SpanishText.form(count, "queda resuelta", "quedan resueltas"))")
        return warnings
    }
}
