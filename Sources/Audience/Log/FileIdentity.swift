import Foundation

/// How a log file is recognised from one run to the next: its inode, and a fingerprint of its first
/// line with the first field (the client's address) left out, so no address, hashed or not, is ever
/// part of it.
struct FileIdentity: Equatable {
    var inode: UInt64
    var diskBytes: Int64
    var compressed: Bool
    var fingerprint: String

    /// nil when the file has no complete first line yet (nothing to read).
    static func read(_ path: String) throws -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ByteSource.Failure.unreadable(detail: String(cString: strerror(errno))) }
        let compressed = try isGzip(path)
        let source = try ByteSource(path: path, compressed: compressed)
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var filled = 0
        var lineEnd: Int?
        while filled < buffer.count && lineEnd == nil {
            let got = try buffer.withUnsafeMutableBytes { try source.read(into: $0.baseAddress! + filled, count: $0.count - filled) }
            if got == 0 { break }
            lineEnd = buffer[filled..<filled + got].firstIndex(of: 10)
            filled += got
        }
        if lineEnd == nil && compressed && filled > 0 && filled < buffer.count { lineEnd = filled }
        guard let end = lineEnd else { return nil }
        let line = buffer[..<end]
        let afterAddress = line.firstIndex(of: UInt8(ascii: " ")).map { line.index(after: $0) } ?? line.startIndex
        let hash = buffer.withUnsafeBytes { raw in
            ByteHash.hash(UnsafeRawBufferPointer(rebasing: raw[afterAddress..<end]), seed: 0x6D65_6D6F_7269_6131)
        }
        return FileIdentity(inode: UInt64(info.st_ino), diskBytes: Int64(info.st_size), compressed: compressed,
                            fingerprint: String(hash, radix: 16) + "-" + String(end - afterAddress))
    }

    /// gzip's magic bytes, whatever the name says.
    static func isGzip(_ path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ByteSource.Failure.unreadable(detail: "cannot open") }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 2)
        return head.count == 2 && head[head.startIndex] == 0x1F && head[head.startIndex + 1] == 0x8B
    }
}
