import CZlib
import Foundation

/// A PDF file being written front to back: buffered writes, the byte offset of every object for
/// the cross-reference table, and Flate compression for content streams. Writes to `<file>.partial`
/// and renames when complete, so a failed run leaves no half PDF under the final name.
final class PDFOutput {
    let url: URL
    private let partial: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var offset = 0
    private(set) var objectOffsets: [Int: Int] = [:]

    init(url: URL) throws {
        self.url = url
        partial = url.path + ".partial"
        fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ImagingError.derivativeWriteFailed(path: url.path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if fd >= 0 { close(fd) }
        unlink(partial)   // after a successful rename there is nothing left to remove
    }

    func write(_ text: String) throws { try write(Array(text.utf8)) }

    func write(_ bytes: [UInt8]) throws {
        offset += bytes.count
        if buffer.count + bytes.count > 1 << 20 { try flush() }
        if bytes.count >= 1 << 20 { try writeOut(bytes) } else { buffer += bytes }
    }

    /// Starts object `number` (`N 0 obj`), recording where it begins.
    func begin(object number: Int) throws {
        objectOffsets[number] = offset
        try write("\(number) 0 obj\n")
    }

    /// A stream object: `dictionary` gets its /Length; `data` is written as it is.
    func stream(object number: Int, dictionary: String, data: [UInt8]) throws {
        try begin(object: number)
        try write("<< \(dictionary) /Length \(data.count) >>\nstream\n")
        try write(data)
        try write("\nendstream\nendobj\n")
    }

    /// Flushes, syncs (unless `sync` is false) and renames the file into place.
    func finish(sync: Bool = true) throws {
        try flush()
        guard !sync || fsync(fd) == 0 else { throw ImagingError.derivativeWriteFailed(path: url.path, reason: String(cString: strerror(errno))) }
        guard rename(partial, url.path) == 0 else { throw ImagingError.derivativeWriteFailed(path: url.path, reason: String(cString: strerror(errno))) }
    }

    private func flush() throws {
        if buffer.isEmpty { return }
        try writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeOut(_ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ImagingError.derivativeWriteFailed(path: url.path, reason: String(cString: strerror(errno)))
            }
            done += n
        }
    }

    /// zlib (FlateDecode) compression of a content stream.
    static func deflate(_ bytes: [UInt8]) -> [UInt8]? {
        var length = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let rc = compress2(&out, &length, bytes, uLong(bytes.count), 6)
        guard rc == Z_OK else { return nil }
        return Array(out.prefix(Int(length)))
    }
}
