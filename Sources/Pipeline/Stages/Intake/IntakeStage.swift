// Intake stage.
// Consumes: a ready batch as the inbox scanner found it. Produces: the plan of the run: each item with
// its metadata.csv row and its archived state (if any), the items that cannot go on (with the failure
// that says why and what it means), and notes on rows that match no item.
// Fails the whole batch (it stays in the inbox, untouched) when metadata.csv is missing or unreadable,
// or when the archive's disk cannot hold the batch.
// Reads only: never moves, copies or deletes a file.
import Foundation
import Metadata
import Preservation
import Support

/// One item ready for the per-file stages.
struct IntakeItem: Sendable {
    var item: InboxItem
    var row: MetadataSheet.Row
    var prior: PriorObject?
}

/// What the run will do with a batch.
struct IntakePlan: Sendable {
    var sheet: MetadataSheet
    var items: [IntakeItem]
    /// Items that cannot be archived as deposited, with the reason.
    var refused: [(item: InboxItem, failure: StageFailure)]
    /// Spanish notes for the report (rows without an item...).
    var notes: [String]
}

struct IntakeStage: IngestStage {
    static let name = StageName.intake
    let storage: OCFLStorageRoot
    let fonds: PipelineConfig.Fonds

    func run(_ batch: InboxBatch, context: StageContext) throws(StageFailure) -> IntakePlan {
        let sheet = try readSheet(batch)
        try checkFreeSpace(batch, context: context)
        var plan = IntakePlan(sheet: sheet, items: [], refused: [], notes: sheet.rowProblems.map(\.description))
        plan.notes += unmatchedRows(sheet, batch: batch)
        let reader = ArchiveReader(storage: storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor)
        let heldByScanner = Set(batch.rejected.compactMap(\.itemID))
        for item in batch.items where !heldByScanner.contains(item.id) {
            let prior: PriorObject?
            do {
                prior = try reader.prior(item.id)
            } catch {
                plan.refused.append((item, StageFailure(stage: Self.name, reason: .unreadableArchive,
                    message: "No se pudo leer la versión archivada de «\(item.id)»; el ítem sigue en la bandeja. Ejecute memoria verify --item \(item.id) y avise al equipo de sistemas",
                    detail: "\(error)")))
                continue
            }
            if let failure = rowFailure(item, sheet: sheet, prior: prior) {
                plan.refused.append((item, failure))
                continue
            }
            plan.items.append(IntakeItem(item: item, row: sheet.rows[item.id]!, prior: prior))
        }
        return plan
    }

    private func readSheet(_ batch: InboxBatch) throws(StageFailure) -> MetadataSheet {
        guard let file = batch.metadataFile else {
            throw StageFailure(stage: Self.name, reason: .missingSheet,
                message: "Falta metadata.csv: cada lote necesita una hoja con una fila por ítem (columnas identifier, dc.title, …). El lote sigue en la bandeja; añada la hoja")
        }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw StageFailure(stage: Self.name, reason: .unreadableSheet,
                message: "No se pudo leer metadata.csv (\(SystemErrorText.describe(error).spanish)). El lote sigue en la bandeja; vuelva a copiar la hoja",
                detail: "\(error)")
        }
        do {
            return try MetadataSheet.read([UInt8](data), file: "metadata.csv", requiredFields: fonds.requiredFields)
        } catch {
            throw StageFailure(stage: Self.name, reason: .unreadableSheet,
                message: "\(error) El lote sigue en la bandeja; corrija la hoja y vuelva a ejecutar", detail: "\(error)")
        }
    }

    /// The whole batch must fit on the archive's disk with the configured margin to spare.
    private func checkFreeSpace(_ batch: InboxBatch, context: StageContext) throws(StageFailure) {
        let needed = batch.items.flatMap(\.files).reduce(Int64(0)) { $0 + $1.size }
        let margin = Int64(context.config.ingest.minFreeBytes)
        guard let available = FileSystem.availableBytes(at: context.config.url(\.archive)), available - needed < margin else { return }
        throw StageFailure(stage: Self.name, reason: .diskFull,
            message: "No hay espacio suficiente en el disco del archivo: el lote necesita \(SpanishText.bytes(needed)) más un margen de \(SpanishText.bytes(margin)) y quedan \(SpanishText.bytes(available)). El lote sigue en la bandeja; libere espacio y vuelva a ejecutar",
            detail: "needed \(needed) bytes + margin \(margin), available \(available)")
    }

    /// Why an item's row keeps it in the inbox, or nil when the row is usable.
    private func rowFailure(_ item: InboxItem, sheet: MetadataSheet, prior: PriorObject?) -> StageFailure? {
        if sheet.rows[item.id] == nil, let problem = sheet.unreadableRows[item.id] {
            return StageFailure(stage: Self.name, reason: ReasonCode(problem.kind), consequence: .keepItemInInbox,
                                message: "La fila de «\(item.id)» en metadata.csv no se puede leer: \(problem.description). Corrija esa fila; el ítem espera en la bandeja")
        }
        guard let row = sheet.rows[item.id] else {
            return StageFailure(stage: Self.name, reason: .noRow, consequence: .keepItemInInbox,
                                message: "No hay fila para «\(item.id)» en metadata.csv (columna identifier). Añádala con al menos \(SpanishText.list(fonds.requiredFields)); el ítem espera en la bandeja")
        }
        // A required field the row leaves out holds back a new item; an archived item keeps its value
        // unless the sheet has the column and empties it.
        let missing = row.missingRequired.filter { field, _ in
            prior == nil || sheet.presentElements.contains(field) || prior?.mets.dublinCore[field].isEmpty == true
        }
        let problems = row.problems + missing.keys.sorted().compactMap { missing[$0] }
        guard let first = problems.first else { return nil }
        return StageFailure(stage: Self.name, reason: ReasonCode(first.kind), consequence: .keepItemInInbox,
                            message: problems.map(\.description).joined(separator: " ") + " El ítem espera en la bandeja hasta que se corrija la hoja")
    }

    /// Rows of the sheet that name no item of the batch.
    private func unmatchedRows(_ sheet: MetadataSheet, batch: InboxBatch) -> [String] {
        let itemIDs = Set(batch.items.map(\.id)).union(batch.rejected.compactMap(\.itemID))
        return sheet.rows.values.sorted { $0.line < $1.line }.filter { !itemIDs.contains($0.identifier) }.map { row in
            storage.objectExists(row.identifier)
                ? "metadata.csv, línea \(row.line): «\(row.identifier)» ya está en el archivo y sus archivos ya no están en la bandeja (se ingresó antes)"
                : "metadata.csv, línea \(row.line): la fila «\(row.identifier)» no corresponde a ninguna carpeta ni archivo del lote"
        }
    }
}
