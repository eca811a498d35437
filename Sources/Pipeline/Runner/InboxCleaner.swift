import Foundation
import Preservation

/// What happens to inbox files once their item is safely archived (ingest.after_ingest): deleted,
/// moved to paths.processed (same layout), or kept. Called only after the archive copy was verified.
struct InboxCleaner {
    let mode: String
    let inbox: URL
    let processed: URL

    func release(_ urls: [URL]) throws {
        for url in urls {
            switch mode {
            case "keep": continue
            case "move":
                let relative = String(url.path.dropFirst(inbox.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                let target = processed.appendingPathComponent(relative)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
                if Foundation.rename(url.path, target.path) != 0 {
                    let copy = try Digester.copy(url, to: target, algorithm: .sha256)
                    guard copy.digest == (try Digester.digest(fileAt: url, algorithm: .sha256)) else {
                        throw PipelineError.environment("could not copy \(url.path) to \(target.path) faithfully")
                    }
                    try FileManager.default.removeItem(at: url)
                }
            default:
                try FileManager.default.removeItem(at: url)
            }
        }
    }

    /// Removes a folder left empty (an item folder, or a batch folder with only metadata.csv, the ready
    /// marker and system files once those are saved in the reports).
    func removeIfEmpty(_ folder: URL, ignoring: Set<String> = []) {
        guard mode != "keep" else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard names.allSatisfy({ ignoring.contains($0.lowercased()) || InboxScanner.isJunk($0) }) else { return }
        for name in names { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        try? FileManager.default.removeItem(at: folder)
    }
}
