// Intake stage.
// Consumes: a ready batch as the inbox scanner found it. Produces: the plan of the run: each item with
// its metadata.csv row, what the row asks (DepositRequest), its archived state (if any) and the good
// pages of it that wait in quarantine; rows that correct the description of an archived item with no
// files in the batch; the items that cannot go on (with the failure that says why and what it means);
// notes on rows that match nothing.
// Fails the whole batch (it stays in the inbox, untouched) when metadata.csv is missing or unreadable,
// or when the archive's disk cannot hold the batch.
// Reads only: never moves, copies or deletes a file.
import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// One item ready for the per-file stages (or, with no files, a description-only correction).
struct IntakeItem: Sendable {
    var item: InboxItem
    var row: MetadataSheet.Row
    var prior: PriorObject?
    var request: DepositRequest
    /// Dublin Core elements the sheet has a column for: a correction changes only these.
    var presentElements: Set<String>
    /// Files of this item held in quarantine beside a page that was refused, deposited again with it.
    var fromQuarantine: [QuarantinedFile] = []

    /// The item's page files: the batch's and those taken from the quarantine, in natural order.
    var masters: [InboxFile] {
        let waiting = fromQuarantine.map(\.file).filter { InboxScanner.sidecar(url: $0.url, original: $0.originalName, name: $0.name) == nil }
        return (item.files + waiting).sorted { NaturalOrder.areInIncreasingOrder($0.name, $1.name) }
    }

    /// The item's transcriptions: the batch's and those taken from the quarantine.
    var sidecars: [InboxSidecar] {
        item.sidecars + fromQuarantine.compactMap { InboxScanner.sidecar(url: $0.file.url, original: $0.file.originalName, name: $0.file.name) }
    }
}

/// A file waiting in quarantine that belongs to an item being deposited.
struct QuarantinedFile: Sendable {
    var entryID: Int64
    var file: InboxFile
}

/// What the run will do with a batch.
struct IntakePlan: Sendable {
    var sheet: MetadataSheet
    var items: [IntakeItem]
    /// Items that cannot be archived as deposited, with the reason.
    var refused: [(item: InboxItem, failure: StageFailure)]
    /// Spanish notes for the report (rows without an item...).
    var notes: [String]

    var isEmpty: Bool { items.isEmpty && refused.isEmpty }
}

struct IntakeStage: IngestStage {
    static let name = StageName.intake
    let storage: OCFLStorageRoot
    let fonds: PipelineConfig.Fonds
    let catalog: CatalogDatabase
    let quarantineRoot: URL
    /// The fonds' classification chart this batch brought; without one, the archived chart is used.
    var chart: ClassificationChart? = nil

    func run(_ batch: InboxBatch, context: StageContext) throws(StageFailure) -> IntakePlan {
        let sheet = try IntakeSheet.read(batch, fonds: fonds)
        try checkFreeSpace(batch, context: context)
        let units = try unitCodes(sheet)
        var plan = IntakePlan(sheet: sheet, items: [], refused: [], notes: sheet.rowProblems.map(\.description))
        let reader = ArchiveReader(storage: storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor)
        let heldByScanner = Set(batch.rejected.compactMap(\.itemID))
        for item in batch.items where !heldByScanner.contains(item.id) {
            switch take(item, sheet: sheet, units: units, reader: reader, config: context.config) {
            case .success(let intake): plan.items.append(intake)
            case .failure(let failure): plan.refused.append((item, failure))
            }
        }
        // Rows that name an archived item with no files in the batch: a description-only correction.
        let named = Set(batch.items.map(\.id)).union(heldByScanner)
        for row in sheet.rows.values.sorted(by: { $0.line < $1.line }) where !named.contains(row.identifier) {
            guard storage.objectExists(row.identifier) else {
                plan.notes.append("metadata.csv, línea \(row.line): la fila «\(row.identifier)» no corresponde a ninguna carpeta ni archivo del lote ni a un ítem archivado")
                continue
            }
            let item = InboxItem(id: row.identifier, folder: nil, files: [], sidecars: [])
            switch take(item, sheet: sheet, units: units, reader: reader, config: context.config) {
            case .success(let intake): plan.items.append(intake)
            case .failure(let failure): plan.refused.append((item, failure))
            }
        }
        // A row that could not be read (more cells than the header) naming an archived item: the
        // correction it meant is refused by name, never dropped in silence.
        for id in sheet.unreadableRows.keys.sorted() where !named.contains(id) && sheet.rows[id] == nil && storage.objectExists(id) {
            let item = InboxItem(id: id, folder: nil, files: [], sidecars: [])
            if case .failure(let failure) = take(item, sheet: sheet, units: units, reader: reader, config: context.config) { plan.refused.append((item, failure)) }
        }
        return plan
    }

    /// An item of the batch (or a description-only row) as it will be processed, or why it cannot be.
    private func take(_ item: InboxItem, sheet: MetadataSheet, units: Set<String>, reader: ArchiveReader, config: PipelineConfig) -> Result<IntakeItem, StageFailure> {
        if ChartObject.isChart(item.id) {
            return .failure(StageFailure(stage: Self.name, reason: .invalidIdentifier, consequence: .keepItemInInbox,
                message: "«\(item.id)» termina en «\(ChartObject.suffix)», que Memoria reserva para el cuadro de clasificación de cada fondo. Renombre la carpeta o el archivo; el ítem espera en la bandeja"))
        }
        let prior: PriorObject?
        do {
            prior = try reader.prior(item.id)
        } catch {
            return .failure(StageFailure(stage: Self.name, reason: .unreadableArchive,
                message: "No se pudo leer la versión archivada de «\(item.id)»; el ítem sigue en la bandeja. Ejecute memoria verify --item \(item.id) y avise al equipo de sistemas",
                detail: "\(error)"))
        }
        if let failure = IntakeRules.fondsFailure(item.id, prior: prior, fonds: fonds, config: config) { return .failure(failure) }
        if let failure = IntakeRules.rowFailure(item, sheet: sheet, prior: prior, fonds: fonds) { return .failure(failure) }
        let row = sheet.rows[item.id]!
        if let failure = IntakeRules.unitFailure(row, units: units, fonds: fonds) { return .failure(failure) }
        let request: DepositRequest
        switch DepositRequest.parse(row) {
        case .success(let parsed): request = parsed
        case .failure(let failure): return .failure(failure)
        }
        if request.action == .descriptionOnly && !item.files.isEmpty {
            return .failure(StageFailure(stage: Self.name, reason: .invalidInstruction,
                message: "metadata.csv, línea \(row.line): la hoja pide solo-descripcion para «\(item.id)», pero el lote trae \(SpanishText.count(item.files.count, "archivo", "archivos")) suyos. Quite los archivos o cambie la acción; el ítem espera en la bandeja"))
        }
        if request.action == .descriptionOnly && prior == nil {
            return .failure(StageFailure(stage: Self.name, reason: .invalidInstruction,
                message: "metadata.csv, línea \(row.line): «\(item.id)» no está archivado, así que no hay descripción que corregir (solo-descripcion). El ítem espera en la bandeja"))
        }
        var intake = IntakeItem(item: item, row: row, prior: prior, request: request, presentElements: sheet.presentElements)
        if prior == nil {
            switch IntakeQuarantine(catalog: catalog, root: quarantineRoot).completing(item) {
            case .success(let waiting): intake.fromQuarantine = waiting
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(intake)
    }

    /// The reference codes of the fonds' chart, read only when a row names a unit.
    private func unitCodes(_ sheet: MetadataSheet) throws(StageFailure) -> Set<String> {
        guard sheet.rows.values.contains(where: { !($0.instructions["unidad"] ?? "").isEmpty }) else { return [] }
        if let chart { return Set(chart.units.map(\.code)) }
        do {
            return Set((try ChartObject.read(storage, fondsCode: fonds.code))?.chart.units.map(\.code) ?? [])
        } catch {
            throw StageFailure(stage: Self.name, reason: .unreadableArchive, consequence: .holdBatch,
                message: "No se pudo leer el cuadro de clasificación archivado del fondo \(fonds.title); el lote sigue en la bandeja. Ejecute memoria verify --item \(ChartObject.id(fondsCode: fonds.code))",
                detail: "\(error)")
        }
    }

    /// The whole batch, and what the run makes from it (SpaceEstimate), must fit on each disk it
    /// writes to with the configured margin to spare.
    private func checkFreeSpace(_ batch: InboxBatch, context: StageContext) throws(StageFailure) {
        let config = context.config
        let estimate = SpaceEstimate(items: batch.items, tiles: config.derivatives.tiles, ocr: config.text.ocr != "never")
        let margin = Int64(config.ingest.minFreeBytes)
        let disks = estimate.disks(archive: config.url(\.archive), derivatives: config.url(\.derivatives), catalog: config.url(\.catalog),
                                   show: { context.displayPath($0) })
        guard let short = disks.first(where: { $0.available - $0.needed < margin }) else { return }
        let parts = short.parts.filter { $0.1 > 0 }.map { "\($0.0) \(SpanishText.bytes($0.1))" }
        throw StageFailure(stage: Self.name, reason: .diskFull,
            message: "No hay espacio suficiente en el disco de \(SpanishText.list(short.folders)): el lote necesita unos \(SpanishText.bytes(short.needed)) (\(SpanishText.list(parts))) más un margen de \(SpanishText.bytes(margin)) y quedan \(SpanishText.bytes(short.available)). El lote sigue en la bandeja; libere espacio en ese disco y vuelva a ejecutar",
            detail: "needed \(short.needed) bytes (\(short.parts.map { "\($0.0)=\($0.1)" }.joined(separator: ", "))) + margin \(margin), available \(short.available) on the disk of \(short.folders.joined(separator: ", "))")
    }
}
