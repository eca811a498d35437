import Foundation

/// Named places in ingest, publish and verify where a crash is most dangerous. When the environment variable
/// MEMORIA_CRASH_AT=n is set, the process kills itself (SIGKILL, like a power cut) at the n-th point
/// it passes; the kill-and-rerun test walks n = 1, 2, 3... to prove that a rerun always recovers.
/// With MEMORIA_CRASH_LOG=<file> as well, each point passed is appended to that file (`7 site file written`),
/// so that a test can learn how many points a command passes and which.
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
    private static let logPath: String? = ProcessInfo.processInfo.environment["MEMORIA_CRASH_LOG"]
    /// MEMORIA_PAUSE_AT=n with MEMORIA_PAUSE_FILE=<file>: at the n-th point the process creates the
    /// file and waits until it is removed, so that a test can change the inbox at that very moment.
    private static let pauseAt: Int? = ProcessInfo.processInfo.environment["MEMORIA_PAUSE_AT"].flatMap(Int.init)
    private static let pauseFile: String? = ProcessInfo.processInfo.environment["MEMORIA_PAUSE_FILE"]
    private static let stopTarget: (count: Int, name: String?)? = ProcessInfo.processInfo.environment["MEMORIA_SIGTERM_AT"].flatMap { text in
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let count = parts.first.flatMap(Int.init) else { return nil }
        return (count, parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil)
    }

    public static func pass(_ name: String) {
        if let stopTarget { stopIfDue(name, stopTarget) }
        guard target != nil || pauseAt != nil else { return }
        lock.lock()
        passed += 1
        let now = passed
        lock.unlock()
        if let logPath { RawLog.append("\(now) \(name)\n", to: logPath) }
        if now == pauseAt, let pauseFile {
            RawLog.append("", to: pauseFile)
            while access(pauseFile, F_OK) == 0 { usleep(2_000) }
        }
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
