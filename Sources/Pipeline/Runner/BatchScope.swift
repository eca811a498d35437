import Catalog
import Foundation
import Preservation

/// What every part of one batch run shares: the batch, its fonds, the run's environment and context,
/// the quarantine and the inbox clean-up. Immutable; the ledger is passed separately.
struct BatchScope: Sendable {
    let batch: InboxBatch
    let fonds: PipelineConfig.Fonds
    let environment: RunEnvironment
    let context: StageContext
    let quarantine: QuarantineStore
    let cleaner: InboxCleaner
    /// The batch run's row in the catalog (nil when the catalog could not be written).
    var batchID: Int64?

    init(batch: InboxBatch, fonds: PipelineConfig.Fonds, environment: RunEnvironment, context: StageContext) {
        self.batch = batch
        self.fonds = fonds
        self.environment = environment
        self.context = context
        let config = context.config
        quarantine = QuarantineStore(root: config.url(\.quarantine))
        cleaner = InboxCleaner(mode: config.ingest.afterIngest, inbox: config.url(\.inbox), processed: config.url(\.processed))
    }

    /// A path inside the batch folder as the report shows it (`BSH-0001/0003.tif`).
    func pathInBatch(_ path: String) -> String {
        let prefix = batch.folder.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : context.displayPath(path)
    }

    func inboxFiles(of item: InboxItem) -> [URL] { item.files.map(\.url) + item.sidecars.map(\.url) }
}
