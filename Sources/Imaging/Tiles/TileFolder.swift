import Foundation
import Support

/// Writes tile files under a folder, creating the IIIF path's folders as they are needed, and
/// counts what it wrote. Failures are `ImagingError.derivativeWriteFailed` with the system's reason.
final class TileFolder {
    let root: URL
    private let rootPath: String
    private var created: Set<String> = []
    private(set) var fileCount = 0
    private(set) var byteCount = 0

    init(root: URL) {
        self.root = root
        rootPath = root.path
    }

    /// Writes `bytes` at `relativePath` (e.g. `0,0,512,512/512,512/0/default.jpg`).
    func write(_ bytes: [UInt8], to relativePath: String) throws {
        let path = rootPath + "/" + relativePath
        let parent = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        try makeFolder(parent)
        let fd = SystemCall.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644, for: .create)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        if let code = bytes.withUnsafeBytes({ SystemCall.writeAll(fd, $0) }) { throw failure(path, code) }
        fileCount += 1
        byteCount += bytes.count
    }

    private func makeFolder(_ path: String) throws {
        if created.contains(path) { return }
        if path.count <= rootPath.count {
            do { try FileManager.default.createDirectory(atPath: rootPath, withIntermediateDirectories: true) } catch {
                throw ImagingError.derivativeWriteFailed(path: rootPath, reason: "\(error)")
            }
        } else {
            if let slash = path.lastIndex(of: "/") { try makeFolder(String(path[..<slash])) }
            if SystemCall.mkdir(path, 0o755) != 0 && errno != EEXIST { throw failure(path, errno) }
        }
        created.insert(path)
    }

    private func failure(_ path: String, _ code: Int32) -> ImagingError {
        .derivativeWriteFailed(path: path, reason: String(cString: strerror(code)))
    }
}
