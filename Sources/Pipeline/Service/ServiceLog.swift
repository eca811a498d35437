import Foundation

/// How serious a line of the service's log is (journald's priorities 6, 4 and 3).
public enum ServiceLogLevel: String, Sendable {
    case info, warning, error

    /// The syslog priority journald reads from a `<N>` prefix.
    public var syslogPriority: Int {
        switch self {
        case .info: return 6
        case .warning: return 4
        case .error: return 3
        }
    }

    /// The word a person reads before the message.
    public var label: String {
        switch self {
        case .info: return "info"
        case .warning: return "aviso"
        case .error: return "error"
        }
    }
}

/// Where `memoria vigilar` tells what it does: one event per line, in Spanish. The library never
/// prints; the CLI renders each line for journald or for a terminal.
public struct ServiceLog: Sendable {
    public let write: @Sendable (ServiceLogLevel, String) -> Void

    public init(_ write: @escaping @Sendable (ServiceLogLevel, String) -> Void) { self.write = write }

    public func info(_ message: String) { write(.info, message) }
    public func warning(_ message: String) { write(.warning, message) }
    public func error(_ message: String) { write(.error, message) }

    /// A reporter for the runners the service calls: their warnings become log lines (each text once
    /// until it stops appearing), their progress and chatter are left out of the log.
    func runnerReporter(_ seen: SeenLines) -> Reporter {
        Reporter { event in
            if case .warning(let message) = event, seen.isNew(message) { write(.warning, message) }
        }
    }
}

/// Lines already logged, so a condition that lasts (an undeclared folder, a batch still copying)
/// is logged when it starts and not at every look at the inbox.
final class SeenLines: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Set<String> = []
    private var previous: Set<String> = []

    /// True the first time `line` appears since the last `nextRound()` in which it was absent.
    func isNew(_ line: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        current.insert(line)
        return !previous.contains(line)
    }

    /// Ends one look at the inbox: what did not appear this time is forgotten.
    func nextRound() {
        lock.lock(); defer { lock.unlock() }
        previous = current
        current = []
    }
}
