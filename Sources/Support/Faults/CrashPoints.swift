import Foundation

/// Named places in ingest, publish and verify where a crash is most dangerous. When the environment variable
/// MEMORIA_CRASH_AT=n is set, the process kills itself (SIGKILL, like a power cut) at the n-th point
/// it passes; the kill-and-rerun test walks n = 1, 2, 3... to prove that a rerun always recovers.
/// Without the variable this costs one comparison.
public enum CrashPoints {
    nonisolated(unsafe) private static var passed = 0
    private static let lock = NSLock()
    private static let target: Int? = ProcessInfo.processInfo.environment["MEMORIA_CRASH_AT"].flatMap(Int.init)

    public static func pass(_ name: String) {
        guard let target else { return }
        lock.lock()
        passed += 1
        let now = passed
        lock.unlock()
        if now == target {
            FileHandle.standardError.write(Data("memoria: simulated crash at point \(now) (\(name))\n".utf8))
            kill(getpid(), SIGKILL)
        }
    }
}
