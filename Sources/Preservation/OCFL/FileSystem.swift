import Foundation
import Support

/// Durable file-system operations: fsync of files and folders, atomic writes and renames.
public enum FileSystem {
    /// Writes bytes to a new file and fsyncs it.
    public static func writeDurably(_ data: Data, to url: URL) throws {
        try write(data, to: url, fsync: true)
    }

    /// Writes bytes to a new file (replacing one there), with an fsync when asked; callers that make
    /// many files durable at once (replication) sync the file system once instead.
    public static func write(_ data: Data, to url: URL, fsync sync: Bool) throws {
        let fd = SystemCall.open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644, for: .create)
        guard fd >= 0 else { throw OCFLError.system(path: url.path, operation: .create, errno: errno) }
        defer { close(fd) }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = SystemCall.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw OCFLError.system(path: url.path, operation: .write, errno: errno)
                }
                offset += n
            }
        }
        guard !sync || SystemCall.fsync(fd) == 0 else { throw OCFLError.system(path: url.path, operation: .fsync, errno: errno) }
    }

    /// A whole file read through SystemCall (so that a test can make the read fail); nil when there is
    /// no such file, `FixityError.unreadable` with the errno for any other failure.
    public static func contentsIfPresent(_ url: URL) throws -> Data? {
        try contentsIfPresent(atPath: url.path)
    }

    /// The same for a path built as a string.
    public static func contentsIfPresent(atPath path: String) throws -> Data? {
        var data = Data()
        do {
            try FileReader.forEachChunk(atPath: path) { data.append(contentsOf: $0) }
        } catch FixityError.unreadable(_, let code) where code == ENOENT {
            return nil
        }
        return data
    }

    /// Writes a file atomically: a temporary sibling, fsync, rename over the target, fsync the folder.
    /// When a step fails the target is as it was and the temporary sibling is removed (best effort: a
    /// disk that refuses the removal too leaves it to the archive's recovery or the next write).
    public static func replaceAtomically(_ url: URL, with data: Data) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            try writeDurably(data, to: temporary)
        } catch {
            _ = unlink(temporary.path)
            throw error
        }
        guard SystemCall.rename(temporary.path, url.path) == 0 else {
            let code = errno
            _ = unlink(temporary.path)
            throw OCFLError.system(path: url.path, operation: .rename, errno: code)
        }
        try syncDirectory(url.deletingLastPathComponent())
    }

    /// rename(2) then fsync of the destination folder.
    public static func rename(_ from: URL, to: URL) throws {
        guard SystemCall.rename(from.path, to.path) == 0 else {
            throw OCFLError.system(path: to.path, operation: .rename, errno: errno)
        }
        try syncDirectory(to.deletingLastPathComponent())
    }

    /// rename(2) alone, for derived data that is remade rather than recovered (derivatives).
    public static func renameWithoutSync(_ from: URL, to: URL) throws {
        guard SystemCall.rename(from.path, to.path) == 0 else {
            throw OCFLError.system(path: to.path, operation: .rename, errno: errno)
        }
    }

    /// Makes everything written on the file system holding `folder` durable (syncfs); without syncfs,
    /// runs `fallback` (fsyncs of the files and folders concerned) instead.
    public static func syncFileSystem(of folder: URL, fallback: () throws -> Void) throws {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw OCFLError.system(path: folder.path, operation: .openFolder, errno: errno) }
        defer { close(fd) }
        switch SystemCall.syncfs(fd) {
        case 0?: return
        case nil: try fallback()
        default: throw OCFLError.system(path: folder.path, operation: .fsync, errno: errno)
        }
    }

    /// fsync of one existing file.
    public static func syncFile(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OCFLError.system(path: url.path, operation: .read, errno: errno) }
        defer { close(fd) }
        guard SystemCall.fsync(fd) == 0 else { throw OCFLError.system(path: url.path, operation: .fsync, errno: errno) }
    }

    public static func syncDirectory(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw OCFLError.system(path: url.path, operation: .openFolder, errno: errno) }
        defer { close(fd) }
        guard SystemCall.fsync(fd) == 0 else { throw OCFLError.system(path: url.path, operation: .fsync, errno: errno) }
    }

    /// fsyncs every folder under `url` and `url` itself (deepest first), for a tree whose files were
    /// each fsynced when written.
    public static func syncFolders(_ url: URL) throws {
        var directories: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey]) {
            for case let item as URL in enumerator where (try? item.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                directories.append(item)
            }
        }
        for directory in directories.reversed() { try syncDirectory(directory) }
        try syncDirectory(url)
    }

    /// fsyncs every file and folder under `url` (deepest first).
    public static func syncTree(_ url: URL) throws {
        let files = FileManager.default
        if let enumerator = files.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey]) {
            var directories: [URL] = []
            for case let item as URL in enumerator {
                if (try? item.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                    directories.append(item)
                } else {
                    let fd = open(item.path, O_RDONLY | O_CLOEXEC)
                    if fd >= 0 { _ = fsync(fd); close(fd) }
                }
            }
            for directory in directories.reversed() { try syncDirectory(directory) }
        }
        try syncDirectory(url)
    }

    public static func createDirectory(_ url: URL) throws {
        if let code = FaultInjection.fault(for: .create) { throw OCFLError.system(path: url.path, operation: .createFolder, errno: code) }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw OCFLError.system(path: url.path, operation: .createFolder, errno: SystemErrorText.errno(of: error) ?? EIO)
        }
    }

    /// The device id of the file system holding `url` (or its nearest existing parent).
    public static func device(of url: URL) -> UInt64? {
        var current = url
        while true {
            var info = stat()
            if stat(current.path, &info) == 0 { return UInt64(info.st_dev) }
            if current.path == "/" { return nil }
            current.deleteLastPathComponent()
        }
    }

    /// Bytes available to this user on the file system holding `url`.
    public static func availableBytes(at url: URL) -> Int64? {
        var current = url
        while !FileManager.default.fileExists(atPath: current.path) && current.path != "/" { current.deleteLastPathComponent() }
        var info = statvfs()
        guard statvfs(current.path, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }
}
