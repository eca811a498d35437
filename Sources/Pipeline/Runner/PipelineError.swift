/// Faults that stop a whole command (exit code 2): the environment, not the input.
public enum PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
    case environment(String)
    case busy(String)
    case notFound(String)
    case usage(String)

    public var description: String {
        switch self {
        case .environment(let message), .busy(let message), .notFound(let message), .usage(let message): return message
        }
    }
}
