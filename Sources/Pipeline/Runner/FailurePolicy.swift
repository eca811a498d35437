import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// Applies what a stage failure means (StageFailure.consequence): quarantine the offending file and
/// hold its item there with it, leave the item in the inbox, or stop the batch. The one place that
/// moves inbox files to quarantine; every move is recorded in the ledger, the catalog and a PREMIS event.
struct FailurePolicy: Sendable {
    let scope: BatchScope

    /// What became of the item. Throws only when the batch must stop (a stopBatch failure, or a
    /// quarantine move that failed: the files stay where they are).
    func apply(_ failure: StageFailure, to item: InboxItem, offending: [URL], ledger: inout BatchLedger) throws(StageFailure) {
        switch failure.consequence {
        case .quarantineFile:
            try hold(item, failure: failure, offending: offending, ledger: &ledger)
        case .keepItemInInbox, .holdBatch:
            ledger.item(result(item, .keptInInbox, failure))
        case .retryItem:
            scope.environment.derivatives.discard(itemID: item.id)
            ledger.item(result(item, .failed, failure))
        case .stopBatch:
            scope.environment.derivatives.discard(itemID: item.id)
            ledger.item(result(item, .failed, failure))
            throw failure
        }
    }

    /// Moves all of an item's files to quarantine: the offending ones with the failure's reason, the
    /// others with a note that they wait there with their item.
    func hold(_ item: InboxItem, failure: StageFailure, offending: [URL], ledger: inout BatchLedger) throws(StageFailure) {
        scope.environment.derivatives.discard(itemID: item.id)
        for url in scope.inboxFiles(of: item) {
            let isOffender = offending.isEmpty || offending.contains(url)
            let code = isOffender ? failure.reason : .heldWithItem
            let message = isOffender ? failure.message
                : "Retenido junto con su ítem «\(item.id)», que no se puede archivar incompleto: \(failure.message)"
            try quarantine(raw: Array(url.path.utf8), itemID: item.id, code: code, message: message,
                           detail: isOffender ? failure.detail : nil, digest: isOffender ? failure.digest : nil, ledger: &ledger)
        }
        if let folder = item.folder { scope.cleaner.removeIfEmpty(folder) }
        ledger.item(result(item, .quarantined, failure))
    }

    /// Moves one inbox entry (raw path bytes: the name may not be valid UTF-8) to quarantine with its
    /// reason file, and records it.
    func quarantine(raw: [UInt8], itemID: String?, code: ReasonCode, message: String, detail: String?, digest: String?,
                    ledger: inout BatchLedger) throws(StageFailure) {
        let context = scope.context
        let original = String(decoding: raw, as: UTF8.self)
        let inBatch = scope.pathInBatch(original)
        let placement: QuarantineStore.Placement
        do {
            placement = try scope.quarantine.quarantine(
                rawPath: raw, relativeTo: scope.batch.folder, batchKey: scope.batch.identifier,
                reason: .init(batch: scope.batch.identifier, originalPath: inBatch, itemID: itemID, code: code.rawValue,
                              label: code.label, message: message, digest: digest, date: context.clock()))
        } catch {
            throw PackageStage.archiveFailure(error, itemID: itemID ?? inBatch, context: context, what: "la cuarentena")
        }
        let shown = context.displayPath(placement.quarantinedPath)
        let rootPath = scope.quarantine.root.standardizedFileURL.path + "/"
        let inQuarantine = placement.quarantinedPath.hasPrefix(rootPath) ? String(placement.quarantinedPath.dropFirst(rootPath.count)) : placement.quarantinedPath
        ledger.quarantined(.init(itemID: itemID, originalPath: inBatch, quarantinePath: shown, code: code, reason: message, detail: detail))
        let at = context.timestamp()
        let entry = CatalogQuarantineEntry(batchID: scope.batchID, itemID: itemID, originalPath: inBatch, quarantinePath: inQuarantine,
                                           reasonCode: code.rawValue, reason: message, digest: digest, at: at)
        let event = itemID.map { quarantineEvent(itemID: $0, file: inBatch, code: code, detail: detail.map(context.displayPaths.scrub), at: at) }
        do {
            try ArchiveEventLog(storage: scope.environment.storage, quarantine: scope.quarantine).quarantined(entry, event: event)
        } catch {
            ledger.warning(.catalogNotUpdated, "no se pudo anotar en el registro de la cuarentena que «\(inBatch)» quedó en ella (\(SystemErrorText.describe(error).spanish)); el archivo sí está en la cuarentena",
                           detail: "\(error)")
        }
        do {
            try scope.environment.catalog.recordQuarantine(entry)
            if let itemID, let event { try scope.environment.catalog.record([event], itemID: itemID) }
        } catch {
            ledger.catalogNotUpdated("registro de cuarentena de «\(inBatch)»", error: error)
        }
    }

    /// The PREMIS event of a file put in quarantine; its identifier is derived from the batch, the file and
    /// the time, so the same run always writes the same identifier.
    func quarantineEvent(itemID: String, file: String, code: ReasonCode, detail: String?, at: String) -> PremisEvent {
        let key = StableHash.hex16(StableHash.fnv1a(parts: [scope.batch.identifier, file, at]))
        return PremisEvent(identifier: "\(itemID)/quarantine/\(key)", type: .quarantine, dateTime: at,
                           detail: "archivo retenido en cuarentena: \(file) (lote \(scope.batch.identifier))",
                           outcome: .failure, outcomeDetail: "quarantine: \(code.rawValue)" + (detail.map { "; \($0)" } ?? ""),
                           agents: scope.context.eventAgents, objects: [file])
    }

    private func result(_ item: InboxItem, _ outcome: ItemOutcome, _ failure: StageFailure) -> BatchReport.ItemResult {
        BatchReport.ItemResult(outcome: outcome, id: item.id, version: nil, pages: 0, bytesWritten: 0, formats: [], reason: failure.reason,
                               message: failure.message, detail: failure.detail.isEmpty ? nil : failure.detail, warnings: [])
    }
}
