import Foundation
import Support

/// Reads a list of freshly copied (and already synced) files back from the replica's disk and digests
/// them. Each file's cached pages are dropped first, so its bytes come from the device, not from the
/// page cache; and the reads of the next files are asked for ahead (POSIX_FADV_WILLNEED, a window of
/// `window` open files), so the disk works on many small files at once instead of one round trip per
/// file. The digest is taken as the bytes arrive, once per file.
struct DiskReadBack {
    var window = 32

    /// One digest (or the error that prevented it) per file, in order.
    func digests(_ files: [(path: String, algorithm: DigestAlgorithm)]) -> [Result<String, FixityError>] {
        let paths = files.map(\.path)
        var results: [Result<String, FixityError>] = []
        results.reserveCapacity(paths.count)
        var opened: [Int: Int32] = [:]
        defer { for fd in opened.values { close(fd) } }
        var asked = 0
        func askAhead(upTo limit: Int) {
            while asked < min(limit, paths.count) {
                let fd = SystemCall.open(paths[asked], O_RDONLY | O_CLOEXEC, for: .read)
                if fd >= 0 {
                    _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
                    _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_WILLNEED))
                    opened[asked] = fd
                } else {
                    opened[asked] = -errno
                }
                asked += 1
            }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Digester.chunkSize, alignment: 4096)
        defer { buffer.deallocate() }
        for index in paths.indices {
            askAhead(upTo: index + window)
            let fd = opened.removeValue(forKey: index) ?? -EBADF
            guard fd >= 0 else {
                results.append(.failure(.unreadable(path: paths[index], errno: -fd)))
                continue
            }
            defer { close(fd) }
            let digester = Digester(files[index].algorithm)
            var failure: Int32?
            while true {
                let count = SystemCall.read(fd, buffer.baseAddress, buffer.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if count == 0 { break }
                digester.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
            if let failure { results.append(.failure(.unreadable(path: paths[index], errno: failure))) } else { results.append(.success(digester.finalize())) }
        }
        return results
    }
}
