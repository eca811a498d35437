import Foundation
import Preservation
import Support

/// The notices waiting to go out, one file per notice and channel in reports/avisos/pendientes/
/// (written atomically). A notice is never lost: once delivered it moves to enviados/<AAAA-MM>/, and
/// after notices.attempts failed tries (waiting retry_seconds, then twice as long each time) to
/// fallidos/, where a person can read it. Ingest only writes here; delivery happens after the batch.
struct NoticeSpool {
    enum Channel: String, Codable { case mail = "correo", webhook, digest = "resumen" }

    struct Entry: Codable {
        var notice: Notice
        var channel: Channel
        var attempts: Int
        /// Not before this moment (ISO 8601, UTC).
        var nextAttempt: String
        /// Spanish: why the last attempt failed.
        var lastProblem: String?
        var lastDetail: String?
    }

    let folder: URL
    var pending: URL { folder.appendingPathComponent("pendientes") }
    var sent: URL { folder.appendingPathComponent("enviados") }
    var failed: URL { folder.appendingPathComponent("fallidos") }
    var digestDay: URL { folder.appendingPathComponent("ultimo-resumen.txt") }

    func add(_ entry: Entry, now: Date, timeZone: TimeZone) throws {
        try FileSystem.createDirectory(pending)
        let key = String(StableHash.fnv1a(parts: [entry.notice.kind.rawValue, entry.notice.subject, entry.notice.time, entry.channel.rawValue]), radix: 16)
        let name = "\(Timestamp.fileStamp(now, timeZone: timeZone))-\(key)-\(entry.channel.rawValue).json"
        try FileSystem.replaceAtomically(pending.appendingPathComponent(name), with: try Self.encode(entry))
    }

    /// The pending entries, oldest first, with their file.
    func entries() throws -> [(file: URL, entry: Entry)] {
        guard FileManager.default.fileExists(atPath: pending.path) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: pending.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let file = pending.appendingPathComponent(name)
            return (file, try JSONDecoder().decode(Entry.self, from: Data(contentsOf: file)))
        }
    }

    func update(_ file: URL, _ entry: Entry) throws {
        try FileSystem.replaceAtomically(file, with: try Self.encode(entry))
    }

    /// Moves a delivered entry to enviados/<AAAA-MM>/ (the month of its notice).
    func markSent(_ file: URL, month: String) throws {
        let target = sent.appendingPathComponent(month)
        try FileSystem.createDirectory(target)
        try FileSystem.rename(file, to: target.appendingPathComponent(file.lastPathComponent))
    }

    func markFailed(_ file: URL, _ entry: Entry) throws {
        try FileSystem.createDirectory(failed)
        try update(file, entry)
        try FileSystem.rename(file, to: failed.appendingPathComponent(file.lastPathComponent))
    }

    static func encode(_ entry: Entry) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(entry)
    }
}
