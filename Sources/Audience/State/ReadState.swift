import Foundation

/// What `memoria estadisticas` remembers between runs, in one JSON file: the figures of closed days,
/// the curators' tables by month, and how far each log file was read. It holds no address, no user
/// agent and no key or salt of a visitor: a day is only written once it is closed, as counts.
public struct ReadState: Codable, Sendable, Equatable {
    /// One log file as last read. A file is recognised by its first line (without its address) and
    /// its inode, so `access.log` renamed to `access.log.1` and compressed to `access.log.2.gz` is
    /// still the same file, and a new `access.log` is a new one.
    public struct FileRecord: Codable, Sendable, Equatable {
        /// The file's name when it was last read (for people; matching uses the fingerprint).
        public var name: String
        public var inode: UInt64
        /// Hash of the first line without its first field (the address).
        public var fingerprint: String
        public var compressed: Bool
        /// Size on disk when last read.
        public var diskBytes: Int64
        /// Uncompressed offset up to which lines were read, and the line number there.
        public var readEnd: Int64
        public var readEndLine: Int
        /// Where the next run starts: the first line of a day still open (or `readEnd`).
        public var resumeOffset: Int64
        public var resumeLine: Int
        /// A compressed file read to its end: it will not grow, the next run skips it.
        public var complete: Bool
    }

    public static let currentVersion = 1

    public var version = ReadState.currentVersion
    /// The log this state belongs to (the path of its live file).
    public var log = ""
    public var files: [FileRecord] = []
    /// Closed days, "2026-11-05" → figures.
    public var days: [String: DayFigures] = [:]
    /// "2026-11" → tables of the closed days of that month.
    public var months: [String: MonthTables] = [:]
    /// Lines found after their day had been closed (not counted), over every run.
    public var lateLines = 0

    public init() {}

    /// Reads the state; a missing file is an empty state.
    public static func load(_ url: URL) throws -> ReadState {
        guard FileManager.default.fileExists(atPath: url.path) else { return ReadState() }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw AudienceError.stateUnreadable(path: url.path, detail: "\(error)") }
        let state: ReadState
        do { state = try JSONDecoder().decode(ReadState.self, from: data) } catch {
            throw AudienceError.stateUnreadable(path: url.path, detail: "\(error)")
        }
        guard state.version == currentVersion else { throw AudienceError.stateUnreadable(path: url.path, detail: "version \(state.version)") }
        return state
    }

    /// Writes the state atomically (a temporary file renamed over the old one).
    public func save(_ url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoder.encode(self).write(to: url, options: .atomic)
        } catch {
            throw AudienceError.stateUnwritable(path: url.path, detail: "\(error)")
        }
    }
}
