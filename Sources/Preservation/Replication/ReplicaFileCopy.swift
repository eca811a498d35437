import Foundation
import Support

/// The byte-moving primitives of replication. A file is copied without an fsync of its own (a whole
/// group of objects is made durable with one syncfs of the replica's file system, which costs about
/// as much as one fsync), then read back from the disk and digested.
enum ReplicaFileCopy {
    /// Copies `source` to the new file `destination`; returns the bytes copied. Read errors name the
    /// source (the archive), write errors the destination (the replica).
    static func copy(_ source: URL, to destination: URL) throws -> Int64 {
        let input = SystemCall.open(source.path, O_RDONLY | O_CLOEXEC, for: .read)
        guard input >= 0 else { throw FixityError.unreadable(path: source.path, errno: errno) }
        defer { close(input) }
        let output = SystemCall.open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644, for: .create)
        guard output >= 0 else { throw FixityError.unwritable(path: destination.path, errno: errno) }
        defer { close(output) }
        var total: Int64 = 0
        // The kernel moves the bytes when it can (server-side on NFS 4.2 and SMB 3); otherwise by hand.
        copying: while let n = SystemCall.copyFileRange(input, output, 1 << 30) {
            if n > 0 { total += Int64(n); continue }
            if n == 0 { return total }
            switch errno {
            case EINTR: continue
            case EXDEV, ENOSYS, EINVAL, EOPNOTSUPP, EBADF:
                if total == 0 { break copying }
                throw FixityError.unwritable(path: destination.path, errno: errno)
            default: throw FixityError.unwritable(path: destination.path, errno: errno)
            }
        }
        return try DurableCopy.write(contentsOf: source, to: output, destinationPath: destination.path)
    }

    /// The digest of a file read from the disk, not from the page cache (the copy must be checked
    /// where it will stay).
    static func digestFromDisk(_ url: URL, algorithm: DigestAlgorithm) throws -> String {
        let digester = Digester(algorithm)
        try FileReader.forEachChunk(of: url, dropFromCache: true) { digester.update($0) }
        return digester.finalize()
    }

    /// Makes everything written on the file system holding `folder` durable; without syncfs, runs
    /// `fallback` (fsyncs of the files and folders concerned) instead.
    static func syncFileSystem(of folder: URL, fallback: () throws -> Void) throws {
        try FileSystem.syncFileSystem(of: folder, fallback: fallback)
    }
}
