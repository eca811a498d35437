import Foundation
import Preservation
import Support

/// Where reports go and how they are named: `<folder>/<prefix>-<local stamp>.json` and `.html`, with
/// `-2`, `-3`... when a report of the same second exists (a report is never overwritten). Both files are
/// written atomically (staging name, fsync, rename).
struct ReportFiles {
    let folder: URL
    let prefix: String
    let timeZone: TimeZone

    /// The stem (`informe-20261201-152729`, local time) for a run that started at `started`.
    func stem(started: Date) -> String {
        let base = "\(prefix)-\(Timestamp.fileStamp(started, timeZone: timeZone))"
        var stem = base
        var attempt = 1
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(stem).json").path) {
            attempt += 1
            stem = "\(base)-\(attempt)"
        }
        return stem
    }

    /// Writes the JSON and the HTML; returns the JSON's URL.
    func write(stem: String, json: Data, html: String) throws -> URL {
        try FileSystem.createDirectory(folder)
        let jsonURL = folder.appendingPathComponent("\(stem).json")
        try FileSystem.replaceAtomically(jsonURL, with: json)
        try FileSystem.replaceAtomically(folder.appendingPathComponent("\(stem).html"), with: Data(html.utf8))
        return jsonURL
    }
}
