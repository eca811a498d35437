import Foundation

/// One notice for a person: what happened, how many, what to do and where the report is. It is the
/// JSON a webhook receives (stable English keys, Spanish text) and the content of a mail.
public struct Notice: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A batch archived something and nothing needs a person.
        case batchArchived = "batch-archived"
        /// A batch archived what it could; files went to quarantine or items stayed in the inbox.
        case batchNeedsAttention = "batch-needs-attention"
        /// The whole batch was left in the inbox (no sheet, an unreadable sheet, no room) or stopped.
        case batchHeld = "batch-held"
        /// A fixity audit found a problem in the archive or a replica.
        case auditProblem = "audit-problem"
        /// Publishing the site failed: the public site still shows its previous state.
        case publishFailed = "publish-failed"
        /// Bringing a replica up to date failed (unreachable, disk fault) or left objects uncopied.
        case replicationProblem = "replication-problem"
    }

    public var kind: Kind
    /// One line, Spanish (the mail's subject).
    public var subject: String
    /// Spanish paragraphs separated by a blank line: what happened, what to do, where the report is.
    public var text: String
    /// `fondo/lote`, for batch notices.
    public var batch: String?
    /// The figures behind the text (items archived, files quarantined, problems…), by stable name.
    public var counts: [String: Int]
    /// The report, shown relative to the deployment (reports/…/informe-….html).
    public var report: String?
    /// The institution's code (pipeline.yaml institution.code).
    public var institution: String
    /// When it happened: local time with its offset (ISO 8601).
    public var time: String
}
