import Foundation

/// One ingest at a time: an exclusive flock on staging/ingest.lock, released when the process ends
/// (even when it is killed), so a stale lock can never block the next run.
public final class IngestLock: @unchecked Sendable {
    private let descriptor: Int32

    public init(folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ingest.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PipelineError.environment("cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw PipelineError.busy("another Memoria process is already ingesting or verifying into this archive (lock \(path)); wait for it to finish")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
