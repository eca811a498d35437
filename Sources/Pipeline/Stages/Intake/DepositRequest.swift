import Foundation
import Metadata
import Preservation
import Support

/// What a row of metadata.csv asks Memoria to do with an item that is already archived, from its
/// `memoria.*` columns (so an archivist can say it from Excel):
/// - `memoria.accion`: empty or `agregar` (the default: pages in the batch are added, or replace the
///   archived page of the same name; nothing else changes), `reemplazar-item` (the batch's pages are
///   the whole item: archived pages not in the batch are retired), `solo-descripcion` (only the
///   description changes; the batch must bring no files for it).
/// - `memoria.retirar`: page file names to retire, separated by `|`.
/// - `memoria.orden`: every page file name of the item, in the order it should have, separated by `|`.
/// - `memoria.acceso`: publico, restringido, retirado or embargo (until `memoria.embargo_hasta`, or
///   written "embargo hasta AAAA-MM-DD"), with the reason in `memoria.acceso_motivo`; empty: unchanged.
struct DepositRequest: Sendable, Equatable {
    enum Action: String, Sendable {
        case merge = "agregar"
        case replaceItem = "reemplazar-item"
        case descriptionOnly = "solo-descripcion"
    }

    var action: Action = .merge
    var retire: [String] = []
    var order: [String]?
    /// The access the row asks for (nil: unchanged, or the fonds' default for a new item).
    var access: AccessRequest?
    var accessReason: String?
    /// The sheet's line, for the report ("a petición de la hoja, línea 2").
    var line: Int

    /// Reads the row's instructions; a value it cannot use is a failure naming the line and column.
    static func parse(_ row: MetadataSheet.Row) -> Result<DepositRequest, StageFailure> {
        var request = DepositRequest(line: row.line)
        let action = (row.instructions["accion"] ?? "").lowercased().folding(options: .diacriticInsensitive, locale: nil)
            .trimmingCharacters(in: .whitespaces)
        switch action {
        case "", "agregar", "anadir", "fusionar": request.action = .merge
        case "reemplazar-item", "reemplazar item", "reemplazar": request.action = .replaceItem
        case "solo-descripcion", "solo descripcion", "descripcion": request.action = .descriptionOnly
        default:
            return .failure(StageFailure(stage: .intake, reason: .invalidInstruction,
                message: "metadata.csv, línea \(row.line), columna memoria.accion: «\(row.instructions["accion"] ?? "")» no es una acción; use agregar (o déjela vacía), reemplazar-item o solo-descripcion. El ítem espera en la bandeja"))
        }
        request.retire = names(row.instructions["retirar"])
        let order = names(row.instructions["orden"])
        request.order = order.isEmpty ? nil : order
        switch access(row) {
        case .success(let asked): request.access = asked
        case .failure(let failure): return .failure(failure)
        }
        let reason = (row.instructions["acceso_motivo"] ?? "").trimmingCharacters(in: .whitespaces)
        request.accessReason = reason.isEmpty ? nil : reason
        return .success(request)
    }

    struct AccessRequest: Sendable, Equatable {
        var state: AccessDecision.State
        var until: String?
    }

    private static func access(_ row: MetadataSheet.Row) -> Result<AccessRequest?, StageFailure> {
        let cell = row.instructions["acceso"] ?? ""
        func refused(_ message: String) -> StageFailure {
            StageFailure(stage: .intake, reason: .invalidInstruction,
                         message: "metadata.csv, línea \(row.line), columna memoria.acceso: \(message). El ítem espera en la bandeja")
        }
        switch AccessDecision.state(fromCell: cell) {
        case .failure(let problem): return .failure(refused(problem.message))
        case .success(nil): return .success(nil)
        case .success(let (state, written)?):
            guard state == .embargoed else { return .success(AccessRequest(state: state, until: nil)) }
            let until = written ?? (row.instructions["embargo_hasta"] ?? "").trimmingCharacters(in: .whitespaces)
            guard AccessDecision.isDay(until) else {
                return .failure(refused("un embargo necesita el día en que termina, como AAAA-MM-DD, en memoria.embargo_hasta (se leyó «\(until)»)"))
            }
            return .success(AccessRequest(state: state, until: until))
        }
    }

    private static func names(_ cell: String?) -> [String] {
        (cell ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping }
            .filter { !$0.isEmpty }
    }

    /// Page names compare as the archive stores them: NFC, and without regard to case (a Windows or
    /// macOS disk cannot hold both).
    static func sameName(_ a: String, _ b: String) -> Bool {
        a.precomposedStringWithCanonicalMapping.lowercased() == b.precomposedStringWithCanonicalMapping.lowercased()
    }
}
