import Foundation

/// How the library tells the outside world what it is doing. The library never prints: the CLI
/// turns these events into a progress line on a terminal, plain log lines otherwise, or nothing.
public enum ProgressEvent: Sendable {
    /// A stage starts over `total` units (pages, files, objects).
    case began(stage: String, total: Int)
    /// `done` of `total` units; `detail` names the current one.
    case advanced(stage: String, done: Int, total: Int, detail: String)
    case finished(stage: String)
    case info(String)
    case warning(String)
}

public struct Reporter: Sendable {
    public let emit: @Sendable (ProgressEvent) -> Void

    public init(_ emit: @escaping @Sendable (ProgressEvent) -> Void) { self.emit = emit }

    public static let silent = Reporter { _ in }

    public func info(_ message: String) { emit(.info(message)) }
    public func warning(_ message: String) { emit(.warning(message)) }
}

/// A thread-safe counter for progress across parallel tasks.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
