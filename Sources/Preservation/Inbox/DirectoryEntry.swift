import Foundation

/// One entry of a folder, read with readdir(3) so names that are not valid UTF-8 are seen as they are
/// (Foundation would skip or mangle them) and symbolic links are never followed.
public struct DirectoryEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case file, directory, symlink, other }

    /// The name's bytes exactly as on disk.
    public var rawName: [UInt8]
    /// The name as text, when it is valid UTF-8.
    public var name: String?
    public var kind: Kind
    public var size: Int64
    public var modified: Date

    /// The name NFC-normalised (macOS copies write NFD): what Memoria compares and stores.
    public var normalizedName: String? { name?.precomposedStringWithCanonicalMapping }

    /// Lists `folder` (a path as raw bytes, or a URL), skipping "." and "..".
    public static func list(_ folder: URL) throws -> [DirectoryEntry] {
        try list(rawPath: Array(folder.path.utf8))
    }

    public static func list(rawPath: [UInt8]) throws -> [DirectoryEntry] {
        let cPath = rawPath + [0]
        guard let dir = cPath.withUnsafeBufferPointer({ $0.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) } }) else {
            throw InboxError.unreadableFolder(path: String(decoding: rawPath, as: UTF8.self), reason: String(cString: strerror(errno)))
        }
        defer { closedir(dir) }
        var entries: [DirectoryEntry] = []
        while let pointer = readdir(dir) {
            let raw: [UInt8] = withUnsafeBytes(of: pointer.pointee.d_name) { bytes in Array(bytes.prefix { $0 != 0 }) }
            if raw == [0x2E] || raw == [0x2E, 0x2E] { continue }
            let full = rawPath + [0x2F] + raw + [0]
            var info = stat()
            let ok = full.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &info) } }
            guard ok == 0 else { continue }
            let kind: Kind
            switch info.st_mode & S_IFMT {
            case S_IFREG: kind = .file
            case S_IFDIR: kind = .directory
            case S_IFLNK: kind = .symlink
            default: kind = .other
            }
            let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
            entries.append(DirectoryEntry(rawName: raw, name: String(validating: raw, as: UTF8.self), kind: kind,
                                          size: Int64(info.st_size), modified: modified))
        }
        return entries
    }

    /// The size and modification time of a file as a scan sees them (lstat), to tell whether it changed
    /// since (nil when it is gone).
    public static func stamp(of path: String) -> (size: Int64, modified: Date)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (Int64(info.st_size), Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9))
    }
}
