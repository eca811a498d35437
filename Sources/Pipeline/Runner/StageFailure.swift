import Foundation

/// Why a stage could not produce its output, and what that means (the runner applies it; see
/// FailurePolicy). `message` is what the archivist reads; `detail` keeps the library's own words for
/// the PREMIS event and the JSON report.
public struct StageFailure: Error, Sendable, Equatable {
    public var stage: StageName
    public var reason: ReasonCode
    public var consequence: FailureConsequence
    /// Spanish: what happened and what to do.
    public var message: String
    /// Verbatim technical text (library messages, errno text); never shown on a terminal.
    public var detail: String
    /// The digest of the file concerned, when it was computed before the failure.
    public var digest: String?
    /// The file at fault when it is not the master being processed (a sidecar transcription).
    public var offendingFile: URL?

    public init(stage: StageName, reason: ReasonCode, consequence: FailureConsequence? = nil, message: String, detail: String = "",
                digest: String? = nil, offendingFile: URL? = nil) {
        self.stage = stage
        self.reason = reason
        self.consequence = consequence ?? reason.defaultConsequence
        self.message = message
        self.detail = detail
        self.digest = digest
        self.offendingFile = offendingFile
    }
}

/// What a failure means for the file, its item and its batch.
public enum FailureConsequence: String, Sendable, Codable, Equatable {
    /// The file's bytes cannot be archived: it goes to quarantine with a reason, and its item is held
    /// there with it (an item is archived whole or not at all).
    case quarantineFile = "quarantine-file"
    /// The item cannot be archived as described (its row in metadata.csv): its files stay in the inbox,
    /// untouched, until the sheet is corrected.
    case keepItemInInbox = "keep-item-in-inbox"
    /// Memoria could not finish this item this time (a file changed while it was read, its own METS did
    /// not validate): the files stay in the inbox and the next run tries again.
    case retryItem = "retry-item"
    /// The batch cannot be read as a whole (no metadata.csv, or one that cannot be read): the batch folder
    /// stays in the inbox untouched.
    case holdBatch = "hold-batch"
    /// The environment failed (disk full, the archive unwritable): the batch stops where it is; what was
    /// archived stays archived, the rest stays in the inbox.
    case stopBatch = "stop-batch"
}
