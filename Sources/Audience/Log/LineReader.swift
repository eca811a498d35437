import Foundation

/// Splits a `ByteSource` into lines, handing each one to a closure as a pointer and a length (no copy
/// per line), with the uncompressed offset where the line starts. A last line without its line break
/// in a plain file is still being written by the server: it is left for the next run.
struct LineReader {
    static let blockSize = 1 << 20
    static let longestLine = 64 << 10

    /// What a pass over the file ended with.
    struct End {
        /// Offset just after the last line handed over.
        var offset: Int64
        /// Lines longer than `longestLine`, skipped (counted as malformed by the caller).
        var overlongLines: Int
    }

    /// Calls `body(line, count, offset, next)` for each complete line from the source's current offset;
    /// `next` is the offset of the following line.
    static func forEachLine(in source: ByteSource, _ body: (UnsafePointer<UInt8>, Int, Int64, Int64) -> Void) throws -> End {
        var buffer = [UInt8](repeating: 0, count: blockSize + longestLine)
        var held = 0                      // bytes of an unfinished line kept at the start of the buffer
        var heldOffset = source.offset    // file offset of buffer[0]
        var overlong = 0
        var discarding = false            // inside a line too long to keep
        while true {
            let got = try buffer.withUnsafeMutableBytes { raw in
                try source.read(into: raw.baseAddress! + held, count: raw.count - held)
            }
            if got == 0 { break }
            let filled = held + got
            var consumed = 0
            buffer.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress!
                var start = 0
                while start < filled {
                    guard let found = memchr(base + start, 10, filled - start) else { break }
                    let end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                    if discarding {
                        discarding = false
                    } else {
                        var length = end - start
                        if length > 0 && base[start + length - 1] == 13 { length -= 1 }   // CRLF
                        body(base + start, length, heldOffset + Int64(start), heldOffset + Int64(end + 1))
                    }
                    start = end + 1
                }
                consumed = start
            }
            held = filled - consumed
            if held >= longestLine {
                // No line break within the limit: skip the rest of this line.
                if !discarding { overlong += 1 }
                discarding = true
                consumed = filled
                held = 0
            }
            if consumed > 0 && held > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    let base = raw.baseAddress!
                    memmove(base, base + consumed, held)
                }
            }
            heldOffset += Int64(consumed)
        }
        // What is left has no line break: the end of a finished compressed file is a whole line; in a
        // plain file it is a line the server has not finished writing.
        if held > 0 && !discarding && source.compressed {
            buffer.withUnsafeBufferPointer { bytes in body(bytes.baseAddress!, held, heldOffset, heldOffset + Int64(held)) }
            heldOffset += Int64(held)
        }
        return End(offset: discarding ? source.offset : heldOffset, overlongLines: overlong)
    }
}
