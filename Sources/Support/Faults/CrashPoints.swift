import Foundation

/// Named places in ingest, publish and verify where a crash is most dangerous. When the environment variable
/// MEMORIA_CRASH_AT=n is set, the process kills itself (SIGKILL, like a power cut) at the n-th point
/// it passes; the kill-and-rerun test walks n = 1, 2, 3... to prove that a rerun always recovers.
/// With MEMORIA_SIGTERM_AT=n (or `n:point name`, counting only the points of that name) the process
/// sends itself SIGTERM at the n-th point instead, and waits there until the stop request has seen
/// the signal (at most 10 s): a systemd stop at an exact moment, for the clean-stop tests.
/// Without the variables this costs one comparison.
public enum CrashPoints {
    nonisolated(unsafe) private static var passed = 0
    nonisolated(unsafe) private static var passedForStop = 0
    nonisolated(unsafe) private static var stopSeen = false
    private static let lock = NSLock()
    private static let target: Int? = ProcessInfo.processInfo.environment["MEMORIA_CRASH_AT"].flatMap(Int.init)
    private static let stopTarget: (count: Int, name: String?)? = ProcessInfo.processInfo.environment["MEMORIA_SIGTERM_AT"].flatMap { text in
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let count = parts.first.flatMap(Int.init) else { return nil }
        return (count, parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil)
    }

    public static func pass(_ name: String) {
        if let stopTarget { stopIfDue(name, stopTarget) }
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

    /// Called by the stop request when a signal asked it to stop.
    public static func acknowledgeStop() {
        lock.lock()
        stopSeen = true
        lock.unlock()
    }

    private static func stopIfDue(_ name: String, _ stopTarget: (count: Int, name: String?)) {
        if let wanted = stopTarget.name, wanted != name { return }
        lock.lock()
        passedForStop += 1
        let now = passedForStop
        lock.unlock()
        guard now == stopTarget.count else { return }
        kill(getpid(), SIGTERM)
        let end = Date().addingTimeInterval(10)
        while Date() < end {
            lock.lock()
            let seen = stopSeen
            lock.unlock()
            if seen { return }
            usleep(10_000)
        }
    }
}
