import Foundation
import Support

/// A request to stop, set from a signal handler (SIGTERM, SIGINT) and read by the runners between
/// items: the files in progress finish, every item whose files are all done is committed, nothing new
/// starts; the service stops after that batch. A kill at any moment stays safe as before (the next
/// run recovers); this is the clean way, with a report that says the batch was interrupted.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?

    public init() {}

    public func request(_ why: String) {
        lock.lock()
        if reason == nil { reason = why }
        lock.unlock()
        CrashPoints.acknowledgeStop()
    }

    public var isRequested: Bool { lock.lock(); defer { lock.unlock() }; return reason != nil }
    public var why: String? { lock.lock(); defer { lock.unlock() }; return reason }
}
