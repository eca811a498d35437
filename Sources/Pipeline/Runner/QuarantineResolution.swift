import Catalog
import Foundation
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
        do {
            try catalog.resolveQuarantine(pending.compactMap(\.id), as: .archived, at: now)
        } catch {
            warnings.append("no se pudo marcar como resuelta su cuarentena en el catálogo (\(SystemErrorText.describe(error).spanish))")
        }
        let count = pending.count
        warnings.append("\(SpanishText.count(count, "entrada", "entradas")) de cuarentena de este ítem \(SpanishText.form(count, "queda resuelta", "quedan resueltas"))")
        return warnings
    }
}
