import Foundation

/// What happened to one batch: written as JSON (for scripts) and HTML (for people) in reports/, built
/// by the BatchLedger as the run goes. Codes are stable English identifiers for scripts; every text
/// field is Spanish; `detail` fields keep the libraries' own words.
public struct BatchReport: Codable, Sendable {
    public struct ItemResult: Codable, Sendable {
        public var outcome: ItemOutcome
        public var id: String
        public var version: String?
        public var pages: Int
        public var bytesWritten: Int64
        public var formats: [String]
        /// Why it was not archived (nil when it was).
        public var reason: ReasonCode?
        /// Spanish: what happened and what to do.
        public var message: String?
        /// The technical detail behind `message`.
        public var detail: String?
        /// Spanish notes on an archived item (a renamed extension, a failed OCR...).
        public var warnings: [String]
        /// Spanish: what this version changed (pages added, elements corrected...).
        public var changes: [String] = []
        /// "Válido con observaciones": what was unusual about a master though it was archived.
        public var observations: [Observation] = []
    }

    /// The fonds' classification chart the batch brought (cuadro.csv): what became of it.
    public struct ChartResult: Codable, Sendable {
        /// archived, new-version, unchanged or kept-in-inbox (the sheet has problems).
        public var outcome: ItemOutcome
        public var object: String
        public var version: String?
        public var units: Int
        /// Spanish: what this version changes (unit added, title before → after…), or its problems.
        public var changes: [String]
    }

    /// One observation of a master: where, its stable code, what a person reads, the verbatim detail.
    public struct Observation: Codable, Sendable {
        public var file: String
        public var code: String
        public var message: String
        public var detail: String
    }

    public struct QuarantinedFile: Codable, Sendable {
        public var itemID: String?
        /// Inside the batch folder (`BSH-0001/0003.tif`).
        public var originalPath: String
        /// Shown relative to the quarantine's parent folder (`quarantine/banda-sinfonica/…`).
        public var quarantinePath: String
        public var code: ReasonCode
        public var reason: String
        public var detail: String?
    }

    /// Something the curator must know although no item failed (e.g. the catalog was not updated).
    public struct Warning: Codable, Sendable, Equatable {
        public enum Code: String, Codable, Sendable {
            case catalogNotUpdated = "catalog-not-updated"
            case unknownColumns = "unknown-columns"
            case ocrFailed = "ocr-failed"
            case reportCopyFailed = "report-copy-failed"
            case derivativesNotPlaced = "derivatives-not-placed"
        }
        public var code: Code
        public var message: String
        public var detail: String?
    }

    public struct Totals: Codable, Sendable {
        public var itemsArchived = 0
        public var newVersions = 0
        public var unchanged = 0
        public var quarantined = 0
        public var keptInInbox = 0
        public var failed = 0
        public var pages = 0
        public var bytesRead: Int64 = 0
        public var bytesWritten: Int64 = 0
        public var filesQuarantined = 0

        mutating func count(_ outcome: ItemOutcome) {
            switch outcome {
            case .archived: itemsArchived += 1
            case .newVersion: newVersions += 1
            case .unchanged: unchanged += 1
            case .quarantined: quarantined += 1
            case .keptInInbox: keptInInbox += 1
            case .failed: failed += 1
            }
        }
    }

    public var fonds: String
    public var batch: String
    public var status: BatchState
    /// Spanish: why the batch is held or aborted.
    public var statusReason: String?
    public var statusDetail: String?
    /// The signal that stopped the run between items (SIGTERM, SIGINT), when that is why it is aborted.
    public var stoppedBy: String?
    /// Local time with offset (ISO 8601).
    public var startedAt: String
    public var finishedAt: String
    public var durationSeconds: Double
    public var operatorName: String
    public var software: String
    public var metadataEncoding: String?
    public var ignoredColumns: [String] = []
    public var notes: [String] = []
    public var warnings: [Warning] = []
    public var items: [ItemResult] = []
    public var quarantined: [QuarantinedFile] = []
    public var ignoredFiles: [String] = []
    /// The classification chart, when the batch brought cuadro.csv.
    public var chart: ChartResult?
    public var totals = Totals()
    /// Pages validated and derived per second, and MB read per second, over the batch's wall time.
    public var pagesPerSecond: Double = 0
    public var megabytesPerSecond: Double = 0

    /// True when someone has something to do: a held or aborted batch, an item not archived, a
    /// quarantined file, or a warning (a catalog write that failed).
    public var needsAttention: Bool {
        status != .done || items.contains { $0.outcome.needsAttention } || !quarantined.isEmpty || !warnings.isEmpty
    }

    public var identifier: String { "\(fonds)/\(batch)" }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
