import Foundation
import Support

/// Copies a file to a new one, chunk by chunk through one reused buffer, then fsyncs the copy. Each
/// chunk can be looked at as it passes (a digest); a caller that checks the copy by reading it back
/// from the disk needs no digest of the source here.
public enum DurableCopy {
    /// Returns the number of bytes copied. Throws `FixityError.unreadable` / `.unwritable` with the path.
    @discardableResult
    public static func copy(_ source: URL, to destination: URL, eachChunk: (UnsafeRawBufferPointer) -> Void = { _ in }) throws -> Int64 {
        let out = SystemCall.open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644, for: .create)
        guard out >= 0 else { throw FixityError.unwritable(path: destination.path, errno: errno) }
        defer { close(out) }
        let total = try write(contentsOf: source, to: out, destinationPath: destination.path, eachChunk: eachChunk)
        guard SystemCall.fsync(out) == 0 else { throw FixityError.unwritable(path: destination.path, errno: errno) }
        return total
    }

    /// Writes the bytes of `source` to the open file `out` (at its offset), chunk by chunk; returns
    /// how many. `destinationPath` names the file in the error when a write fails.
    public static func write(contentsOf source: URL, to out: Int32, destinationPath: String,
                             eachChunk: (UnsafeRawBufferPointer) -> Void = { _ in }) throws -> Int64 {
        var total: Int64 = 0
        try FileReader.forEachChunk(of: source) { chunk in
            eachChunk(chunk)
            var offset = 0
            while offset < chunk.count {
                let written = SystemCall.write(out, chunk.baseAddress! + offset, chunk.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FixityError.unwritable(path: destinationPath, errno: errno)
                }
                offset += written
            }
            total += Int64(chunk.count)
        }
        return total
    }
}
