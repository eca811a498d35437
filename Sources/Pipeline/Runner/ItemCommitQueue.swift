import Foundation

/// The items of a batch committed one at a time, off the cooperative threads, while the batch loop goes
/// on starting files: the loop hands each finished item over and keeps feeding the workers instead of
/// waiting on the commit's fsyncs and read-back (on 2 cores that wait left a core idle for part of
/// every item). The batch's ledger lives here until the last commit is done; commits run one after
/// another on BlockingWork's serial queue, each with the ledger the one before it left.
final class ItemCommitQueue: @unchecked Sendable {
    /// What became of one item handed over.
    struct Result: Sendable {
        /// False when the item was not committed: an earlier commit stopped the batch, or a stop was
        /// asked for before its turn (it stays in the inbox).
        let attempted: Bool
        /// The batch-stopping failure of this commit, if any.
        let failure: StageFailure?
    }

    private let lock = NSLock()
    private let commit: ItemCommit
    private let context: StageContext
    // Guarded by `lock` (held for the whole of a commit: they run one at a time anyway).
    private var ledger: BatchLedger
    private var stopped = false

    init(ledger: BatchLedger, commit: ItemCommit, context: StageContext) {
        self.ledger = ledger
        self.commit = commit
        self.context = context
    }

    /// Commits the item after those handed over before it has started; returns when it is done.
    func commit(_ item: IntakeItem, outcomes: [FileOutcome]) async -> Result {
        await BlockingWork.run { self.commitNow(item, outcomes: outcomes) }
    }

    /// The ledger after every commit; read once the batch loop has received every result.
    var finalLedger: BatchLedger {
        lock.lock(); defer { lock.unlock() }
        return ledger
    }

    private func commitNow(_ item: IntakeItem, outcomes: [FileOutcome]) -> Result {
        lock.lock(); defer { lock.unlock() }
        guard !stopped, !context.stopRequested else { return Result(attempted: false, failure: nil) }
        do throws(StageFailure) {
            try commit.commit(item, outcomes: outcomes, ledger: &ledger)
            return Result(attempted: true, failure: nil)
        } catch {
            stopped = true
            return Result(attempted: true, failure: error)
        }
    }
}
