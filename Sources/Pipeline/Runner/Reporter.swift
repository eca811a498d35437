import Foundation
import Support

/// How the library tells the outside world what it is doing. The library never prints: the CLI
/// turns these events into a progress line on a terminal, plain log lines otherwise, or nothing.
public enum ProgressEvent: Sendable {
    /// A stage starts over `total` units (files by default, or objects of the archive).
    case began(stage: String, total: Int, unit: ProgressUnit = .files)
    /// `done` of `total` units; `detail` names the current one.
    case advanced(stage: String, done: Int, total: Int, detail: String)
    case finished(stage: String)
    case info(String)
    case warning(String)
}

/// What a stage counts, so that a person reads «120 objetos por procesar» and not «120 archivos» when
/// the stage goes object by object.
public enum ProgressUnit: Sendable {
    case files
    case objects

    /// The count in Spanish with its noun: «1 archivo», «3 objetos».
    public func counted(_ count: Int) -> String {
        switch self {
        case .files: return SpanishText.count(count, "archivo", "archivos")
        case .objects: return SpanishText.count(count, "objeto", "objetos")
        }
    }
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
