import Foundation

/// Writes the site's files. A full publish writes into a fresh folder beside the site and swaps it in
/// at the end; an incremental publish replaces files in place, each atomically (temporary file +
/// rename), and only when its content changed: a visitor sees the old or the new file, never half of one.
final class SiteOutput {
    let target: URL
    let compare: Bool
    private(set) var written = 0
    private(set) var unchanged = 0
    private(set) var bytes: Int64 = 0
    private var createdFolders: Set<String> = []

    init(target: URL, compareWithExisting: Bool) throws {
        self.target = target
        compare = compareWithExisting
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    }

    func url(_ relative: String) -> URL { target.appendingPathComponent(relative) }

    func write(_ relative: String, _ data: Data) throws {
        let destination = url(relative)
        bytes += Int64(data.count)
        if compare, let existing = FileManager.default.contents(atPath: destination.path), existing == data {
            unchanged += 1
            return
        }
        let folder = destination.deletingLastPathComponent()
        if !createdFolders.contains(folder.path) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            createdFolders.insert(folder.path)
        }
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).tmp")
        // Plain POSIX writes, no fsync: the site is derived data, rebuilt by `memoria publish --full`
        // (Foundation's Data.write synced every one of the site's 100,000+ files).
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SiteError.write(path: temporary.path, reason: String(cString: strerror(errno))) }
        let failed: Int32? = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, base + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return errno }
                offset += n
            }
            return nil
        }
        close(fd)
        if let failed { unlink(temporary.path); throw SiteError.write(path: destination.path, reason: String(cString: strerror(failed))) }
        if rename(temporary.path, destination.path) != 0 {
            throw SiteError.write(path: destination.path, reason: String(cString: strerror(errno)))
        }
        written += 1
    }

    func write(_ relative: String, _ text: String) throws { try write(relative, Data(text.utf8)) }

    /// Puts a derivative image in the site: a hard link when possible (no copy), else a copy.
    func link(_ relative: String, from source: String) throws {
        let destination = url(relative)
        var sourceInfo = stat(), destinationInfo = stat()
        guard stat(source, &sourceInfo) == 0 else { throw SiteError.missingDerivative(path: source) }
        bytes += Int64(sourceInfo.st_size)
        if compare, stat(destination.path, &destinationInfo) == 0, destinationInfo.st_ino == sourceInfo.st_ino {
            unchanged += 1
            return
        }
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).tmp")
        unlink(temporary.path)
        if Foundation.link(source, temporary.path) != 0 {
            try FileManager.default.copyItem(atPath: source, toPath: temporary.path)
        }
        if rename(temporary.path, destination.path) != 0 {
            throw SiteError.write(path: destination.path, reason: String(cString: strerror(errno)))
        }
        written += 1
    }

    func remove(_ relative: String) {
        try? FileManager.default.removeItem(at: url(relative))
    }

    /// Removes files under `folder` that this publish did not produce (stale pages of a list that shrank).
    func prune(_ folder: String, keeping: Set<String>) {
        for file in FileTree.files(under: url(folder).path) where !keeping.contains(folder + "/" + file.path) {
            unlink(url(folder + "/" + file.path).path)
        }
    }
}

/// Errors of the Site room.
public enum SiteError: Error, CustomStringConvertible, Sendable {
    case templates(String)
    case write(path: String, reason: String)
    case missingDerivative(path: String)

    public var description: String {
        switch self {
        case .templates(let reason): return "the site templates cannot be read (\(reason)); reinstall Memoria with its memoria_Site.resources folder"
        case .write(let path, let reason): return "cannot write \(path): \(reason); check free space and permissions"
        case .missingDerivative(let path): return "the derivative \(path) is missing; run `memoria derive` and publish again"
        }
    }
}
