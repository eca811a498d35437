import Foundation

/// A log and its rotations, oldest first: `access.log.3.gz`, `access.log.2.gz`, `access.log.1`,
/// `access.log` (logrotate's numbered names), or `access.log-20261101.gz` ... `access.log` (dateext).
/// Whatever file of the series is named, the whole series is read, so a rotation between two runs
/// loses nothing.
public struct LogSeries: Sendable, Equatable {
    /// The live file's path (the series' name).
    public let base: String
    /// Existing files of the series, oldest first.
    public let files: [String]

    /// The series of the files given. All must belong to one log.
    public static func discover(_ paths: [String]) throws -> LogSeries {
        guard !paths.isEmpty else { throw AudienceError.noLog }
        for path in paths where !FileManager.default.fileExists(atPath: path) { throw AudienceError.logMissing(path: path) }
        let bases = Set(paths.map { baseName(of: URL(fileURLWithPath: $0).standardizedFileURL.path) })
        guard bases.count == 1, let base = bases.first else { throw AudienceError.severalLogs(bases.sorted()) }
        let folder = URL(fileURLWithPath: base).deletingLastPathComponent()
        let name = URL(fileURLWithPath: base).lastPathComponent
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var found: [(rank: Rank, path: String)] = []
        for entry in entries {
            guard entry == name || entry.hasPrefix(name + ".") || entry.hasPrefix(name + "-"), let rank = rank(of: entry, base: name) else { continue }
            let path = folder.appendingPathComponent(entry).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            found.append((rank, path))
        }
        return LogSeries(base: base, files: found.sorted { $0.rank < $1.rank }.map(\.path))
    }

    /// The live file's name of a rotated file: strips ".gz", then ".<n>" or "-<yyyymmdd>".
    static func baseName(of path: String) -> String {
        var name = path
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if let dot = name.lastIndex(of: "."), !name[name.index(after: dot)...].isEmpty, name[name.index(after: dot)...].allSatisfy(\.isNumber) {
            return String(name[..<dot])
        }
        if let dash = name.lastIndex(of: "-"), name[name.index(after: dash)...].count == 8, name[name.index(after: dash)...].allSatisfy(\.isNumber) {
            return String(name[..<dash])
        }
        return name
    }

    /// Order: dated rotations by date, then numbered ones from the highest number, then the live file.
    struct Rank: Comparable {
        var group: Int
        var value: Int
        static func < (a: Rank, b: Rank) -> Bool { (a.group, a.value) < (b.group, b.value) }
    }

    static func rank(of entry: String, base: String) -> Rank? {
        if entry == base { return Rank(group: 3, value: 0) }
        var rest = String(entry.dropFirst(base.count))
        if rest.hasSuffix(".gz") { rest.removeLast(3) }
        if rest.isEmpty { return Rank(group: 3, value: -1) }   // the live file's name with .gz: a log kept compressed
        if rest.hasPrefix("."), let n = Int(rest.dropFirst()), n >= 0 { return Rank(group: 2, value: -n) }
        if rest.hasPrefix("-"), rest.count == 9, let date = Int(rest.dropFirst()) { return Rank(group: 1, value: date) }
        return nil
    }
}
