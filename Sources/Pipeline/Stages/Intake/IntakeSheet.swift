import Foundation
import Metadata
import Preservation
import Support

/// Reading a batch's metadata.csv for the intake: a missing or unreadable sheet holds the whole batch.
enum IntakeSheet {
    static func read(_ batch: InboxBatch, fonds: PipelineConfig.Fonds) throws(StageFailure) -> MetadataSheet {
        guard let file = batch.metadataFile else {
            throw StageFailure(stage: .intake, reason: .missingSheet,
                message: "Falta metadata.csv: cada lote necesita una hoja con una fila por ítem (columnas identifier, dc.title, …). El lote sigue en la bandeja; añada la hoja")
        }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw StageFailure(stage: .intake, reason: .unreadableSheet,
                message: "No se pudo leer metadata.csv (\(SystemErrorText.describe(error).spanish)). El lote sigue en la bandeja; vuelva a copiar la hoja",
                detail: "\(error)")
        }
        do {
            return try MetadataSheet.read([UInt8](data), file: "metadata.csv", requiredFields: fonds.requiredFields)
        } catch {
            throw StageFailure(stage: .intake, reason: .unreadableSheet,
                message: "\(error) El lote sigue en la bandeja; corrija la hoja y vuelva a ejecutar", detail: "\(error)")
        }
    }
}

/// The intake's rules about who an item belongs to and whether its row can be used.
enum IntakeRules {
    /// An identifier belongs to one fonds: an archived item of another fonds is never moved or
    /// overwritten; a fonds with `id_prefix: required` accepts only its own prefix.
    static func fondsFailure(_ id: String, prior: PriorObject?, fonds: PipelineConfig.Fonds, config: PipelineConfig) -> StageFailure? {
        if let prior, prior.mets.fondsCode != fonds.code {
            let other = config.fonds(code: prior.mets.fondsCode)?.title ?? (prior.mets.fondsTitle.isEmpty ? prior.mets.fondsCode : prior.mets.fondsTitle)
            return StageFailure(stage: .intake, reason: .otherFonds,
                message: "«\(id)» ya está archivado en el fondo \(other) (\(prior.mets.fondsCode)) y este lote es del fondo \(fonds.title) (\(fonds.code)). Un identificador pertenece a un solo fondo: si es otro documento, dele otro identificador; si es el mismo, deposítelo en una carpeta del fondo \(other). El ítem espera en la bandeja")
        }
        if prior == nil, !fonds.acceptsIdentifier(id) {
            return StageFailure(stage: .intake, reason: .wrongPrefix,
                message: "«\(id)» no empieza con «\(fonds.code)-», y los identificadores del fondo \(fonds.title) deben llevar ese prefijo (id_prefix: required en pipeline.yaml). Renombre la carpeta o el archivo; el ítem espera en la bandeja")
        }
        return nil
    }

    /// A row whose `memoria.unidad` names no unit of the fonds' chart keeps its item in the inbox.
    static func unitFailure(_ row: MetadataSheet.Row, units: Set<String>, fonds: PipelineConfig.Fonds) -> StageFailure? {
        guard let code = row.instructions["unidad"], !code.isEmpty, !units.contains(code) else { return nil }
        let hint = units.isEmpty
            ? "el fondo \(fonds.title) todavía no tiene cuadro de clasificación: deposite cuadro.csv (en este lote o antes)"
            : "escriba el código de una unidad del cuadro de clasificación del fondo \(fonds.title), o añada esa unidad al cuadro"
        return StageFailure(stage: .intake, reason: .unknownUnit, consequence: .keepItemInInbox,
                            message: "metadata.csv, línea \(row.line), columna memoria.unidad: «\(code)» no es ninguna unidad del cuadro; \(hint). El ítem espera en la bandeja")
    }

    /// Why an item's row keeps it in the inbox, or nil when the row is usable.
    static func rowFailure(_ item: InboxItem, sheet: MetadataSheet, prior: PriorObject?, fonds: PipelineConfig.Fonds) -> StageFailure? {
        if sheet.rows[item.id] == nil, let problem = sheet.unreadableRows[item.id] {
            return StageFailure(stage: .intake, reason: ReasonCode(problem.kind), consequence: .keepItemInInbox,
                                message: "La fila de «\(item.id)» en metadata.csv no se puede leer: \(problem.description). Corrija esa fila; el ítem espera en la bandeja")
        }
        guard let row = sheet.rows[item.id] else {
            return StageFailure(stage: .intake, reason: .noRow, consequence: .keepItemInInbox,
                                message: "No hay fila para «\(item.id)» en metadata.csv (columna identifier). Añádala con al menos \(SpanishText.list(fonds.requiredFields)); el ítem espera en la bandeja")
        }
        // A required field the row leaves out holds back a new item; an archived item keeps its value
        // unless the sheet has the column and empties it.
        let missing = row.missingRequired.filter { field, _ in
            prior == nil || sheet.presentElements.contains(field) || prior?.mets.dublinCore[field].isEmpty == true
        }
        let problems = row.problems + missing.keys.sorted().compactMap { missing[$0] }
        guard let first = problems.first else { return nil }
        return StageFailure(stage: .intake, reason: ReasonCode(first.kind), consequence: .keepItemInInbox,
                            message: problems.map(\.description).joined(separator: " ") + " El ítem espera en la bandeja hasta que se corrija la hoja")
    }
}
