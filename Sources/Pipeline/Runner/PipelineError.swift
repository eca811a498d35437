import Support

/// Faults that stop a whole command, and usage errors. Every message is Spanish and says what to do;
/// the CLI chooses the exit code from the case (usage and notFound: 64; environment and busy: 2).
public enum PipelineError: Error, Equatable, Sendable, PersonFacingError, CustomStringConvertible {
    /// The environment failed (disk, archive, schemas): the command stopped.
    case environment(String, detail: String? = nil)
    /// Another run holds the archive's lock.
    case busy(String)
    /// An item, fonds or batch named on the command line does not exist.
    case notFound(String)
    /// The command line asks for something impossible.
    case usage(String)

    public var whatHappened: String {
        switch self {
        case .environment(let message, _), .busy(let message), .notFound(let message), .usage(let message): return message
        }
    }

    public var whatToDo: String { "" }

    public var technicalDetail: String? {
        if case .environment(_, let detail) = self { return detail }
        return nil
    }

    public var description: String { messageForPeople }
}
