import Foundation

/// Reads a piece of an open file at an offset (`pread`), for the structure walks that need a few
/// small pieces of a large file.
enum FileSlice {
    /// Up to `count` bytes from `offset`: fewer at the end of the file, none when it cannot be read
    /// there (the decoder then reports the file itself).
    static func bytes(_ fd: Int32, at offset: Int, count: Int) -> [UInt8] {
        guard offset >= 0, count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            done += got
        }
        buffer.removeLast(count - done)
        return buffer
    }
}
