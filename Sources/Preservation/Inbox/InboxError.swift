/// Errors of reading the inbox itself (not of the files in it, which are quarantined instead).
public enum InboxError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadableFolder(path: String, reason: String)
    case missingInbox(path: String)

    public var description: String {
        switch self {
        case .unreadableFolder(let path, let reason):
            return "cannot read the folder \(path) (\(reason)); check its permissions."
        case .missingInbox(let path):
            return "the inbox \(path) does not exist; create it or set paths.inbox in pipeline.yaml."
        }
    }
}
