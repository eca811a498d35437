import CZlib
import Foundation

/// The C library's read(2) (a free function, so the method `read(into:count:)` does not hide it).
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(descriptor, buffer, count) }

/// The bytes of one log file, plain or gzip-compressed (`access.log.2.gz`), read in large blocks.
/// Offsets are always in uncompressed bytes. All zlib and file-descriptor calls of this room are here.
final class ByteSource {
    enum Failure: Error, Equatable {
        /// The file could not be opened or read; `detail` is the system's or zlib's text (for JSON only).
        case unreadable(detail: String)
        /// The compressed data is damaged or cut short after `offset` uncompressed bytes.
        case damaged(offset: Int64, detail: String)
    }

    let compressed: Bool
    private var descriptor: Int32 = -1
    private var gz: gzFile?
    private(set) var offset: Int64 = 0

    init(path: String, compressed: Bool) throws {
        self.compressed = compressed
        if compressed {
            guard let handle = gzopen(path, "rb") else { throw Failure.unreadable(detail: String(cString: strerror(errno))) }
            gzbuffer(handle, 256 * 1024)
            gz = handle
        } else {
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw Failure.unreadable(detail: String(cString: strerror(errno))) }
        }
    }

    deinit {
        if let gz { gzclose(gz) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Moves to `target` uncompressed bytes from the start (a compressed file is decompressed up to it).
    func skip(to target: Int64) throws {
        guard target > offset else { return }
        if !compressed {
            guard lseek(descriptor, off_t(target), SEEK_SET) >= 0 else { throw Failure.unreadable(detail: String(cString: strerror(errno))) }
            offset = target
            return
        }
        var scratch = [UInt8](repeating: 0, count: 1 << 20)
        while offset < target {
            let want = Int(min(Int64(scratch.count), target - offset))
            let got = try scratch.withUnsafeMutableBytes { try read(into: $0.baseAddress!, count: want) }
            if got == 0 { return }
        }
    }

    /// Reads up to `count` bytes; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if let gz {
            let got = gzread(gz, buffer, UInt32(count))
            if got < 0 {
                var code: Int32 = 0
                let message = gzerror(gz, &code).map { String(cString: $0) } ?? "zlib error \(code)"
                throw Failure.damaged(offset: offset, detail: message)
            }
            // A stream cut short reads as a clean end in gzread; zlib reports it through gzerror.
            if got == 0 {
                var code: Int32 = 0
                let message = gzerror(gz, &code).map { String(cString: $0) } ?? ""
                if code != Z_OK && code != Z_STREAM_END { throw Failure.damaged(offset: offset, detail: message) }
            }
            offset += Int64(got)
            return Int(got)
        }
        while true {
            let got = systemRead(descriptor, buffer, count)
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw Failure.unreadable(detail: String(cString: strerror(errno))) }
            offset += Int64(got)
            return got
        }
    }
}
