import Foundation

/// A request to stop, set from a signal handler (SIGTERM, SIGINT) and read by the service between
/// batches: the batch in progress finishes, nothing new starts.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?

    public init() {}

    public func request(_ why: String) {
        lock.lock(); defer { lock.unlock() }
        if reason == nil { reason = why }
    }

    public var isRequested: Bool { lock.lock(); defer { lock.unlock() }; return reason != nil }
    public var why: String? { lock.lock(); defer { lock.unlock() }; return reason }
}
