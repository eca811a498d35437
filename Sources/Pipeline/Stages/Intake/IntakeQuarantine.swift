import Catalog
import Foundation
import Preservation
import Support

/// The pages of an item that wait in quarantine: an item is archived whole, so when a page that was
/// refused comes back corrected, the good pages held beside it are taken from the quarantine to
/// complete the item; when a refused page has not come back, the item waits, and the report names
/// exactly the pages still missing.
struct IntakeQuarantine {
    let catalog: CatalogDatabase
    let root: URL

    func completing(_ item: InboxItem) -> Result<[QuarantinedFile], StageFailure> {
        let entries: [CatalogQuarantineEntry]
        do {
            entries = try catalog.pendingQuarantine(itemID: item.id)
        } catch {
            return .failure(StageFailure(stage: .intake, reason: .unreadableArchive,
                message: "No se pudo consultar en el catálogo si «\(item.id)» tiene páginas en cuarentena; el ítem sigue en la bandeja. Ejecute memoria reindex y vuelva a ingresar",
                detail: "\(error)"))
        }
        let deposited = Set((item.files.map(\.name) + item.sidecars.map(\.name)).map(Self.key))
        var waiting: [QuarantinedFile] = []
        var missing: [String] = []
        for entry in entries {
            let url = entry.quarantinePath.hasPrefix("/") ? URL(fileURLWithPath: entry.quarantinePath) : root.appendingPathComponent(entry.quarantinePath)
            guard let id = entry.id, let stamp = DirectoryEntry.stamp(of: url.path) else { continue }
            let name = url.lastPathComponent
            if deposited.contains(Self.key(name)) { continue }   // deposited again: the new copy is used
            if entry.reasonCode == ReasonCode.heldWithItem.rawValue {
                let nfc = name.precomposedStringWithCanonicalMapping
                waiting.append(QuarantinedFile(entryID: id, file: InboxFile(
                    url: url, originalName: name, name: nfc, size: stamp.size, modified: stamp.modified)))
            } else {
                missing.append("«\(name)» (\(ReasonCode(rawValue: entry.reasonCode)?.label ?? entry.reasonCode))")
            }
        }
        guard missing.isEmpty else {
            return .failure(StageFailure(stage: .intake, reason: .incompleteItem,
                message: "«\(item.id)» tiene en cuarentena \(SpanishText.form(missing.count, "una página rechazada que no vino", "páginas rechazadas que no vinieron")) en este lote: \(SpanishText.list(missing)). Deposítela\(missing.count == 1 ? "" : "s") corregida\(missing.count == 1 ? "" : "s") junto con lo demás (las páginas buenas que esperan en la cuarentena se toman de allí); el ítem espera en la bandeja"))
        }
        return .success(waiting)
    }

    static func key(_ name: String) -> String { name.precomposedStringWithCanonicalMapping.lowercased() }
}
