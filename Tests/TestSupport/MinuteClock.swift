import Foundation

/// A clock for in-process runs that moves one minute each time it is read, so every step of a test
/// has its own time and the times are the same on every run.
public final class MinuteClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Date

    public init(start: Date = Date(timeIntervalSince1970: 1_780_000_000)) { now = start }

    public func next() -> Date {
        lock.lock(); defer { lock.unlock() }
        now += 60
        return now
    }
}
