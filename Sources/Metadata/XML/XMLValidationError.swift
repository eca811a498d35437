/// A problem found in an XML document: not well-formed, invalid against a schema, or against our
/// profile rules; with the line and the library's message.
public struct XMLProblem: Equatable, Sendable, Codable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// Errors of the Metadata room's XML work.
public enum MetadataXMLError: Error, Equatable, Sendable, CustomStringConvertible {
    case schemaUnusable(path: String, problems: [XMLProblem])
    case notWellFormed(document: String, problems: [XMLProblem])
    case invalid(document: String, problems: [XMLProblem])

    public var description: String {
        switch self {
        case .schemaUnusable(let path, let problems):
            return "the schema \(path) cannot be used: \(problems.prefix(3).map(\.description).joined(separator: "; ")). Point paths.schemas (or --schemas) at the folder of the official schemas with bundle.xsd."
        case .notWellFormed(let document, let problems):
            return "\(document) is not well-formed XML: \(problems.prefix(3).map(\.description).joined(separator: "; "))"
        case .invalid(let document, let problems):
            return "\(document) is not valid: \(problems.prefix(5).map(\.description).joined(separator: "; "))"
        }
    }
}
