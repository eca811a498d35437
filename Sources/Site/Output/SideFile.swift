import Foundation
import Support

/// The small text files a publish keeps beside the site (its state, the key of its inputs): written
/// to a temporary sibling and renamed over the old one, so a reader finds the old file or the new
/// one, never half of one. Not synced: a file lost in a power cut only makes the next publish full.
enum SideFile {
    static func replace(_ url: URL, with text: String) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        let fd = SystemCall.open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644, for: .create)
        guard fd >= 0 else { throw SiteError.system(path: url.path, operation: "crear", errno: errno) }
        let failed = Data(text.utf8).withUnsafeBytes { SystemCall.writeAll(fd, $0) }
        close(fd)
        if let failed { unlink(temporary.path); throw SiteError.system(path: url.path, operation: "escribir", errno: failed) }
        guard SystemCall.rename(temporary.path, url.path) == 0 else { throw SiteError.system(path: url.path, operation: "poner en su lugar", errno: errno) }
    }
}
