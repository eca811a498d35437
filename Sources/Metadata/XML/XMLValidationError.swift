import Support

/// A problem found in an XML document: not well-formed, invalid against a schema, or against our
/// profile rules; with the line and the library's message.
public struct XMLProblem: Equatable, Sendable, Codable, CustomStringConvertible {
    public var line: Int
    /// The library's words (or ours, in English, for logs and JSON).
    public var message: String
    /// Our own Spanish wording, for problems Memoria finds itself (profile rules, a non-METS root).
    public var spanishMessage: String?

    public init(line: Int, message: String, spanish: String? = nil) {
        self.line = line
        self.message = message
        spanishMessage = spanish
    }

    /// Spanish, for people: "línea 12: el elemento «fileSec» no se esperaba en este lugar".
    public var spanish: String {
        let what = spanishMessage ?? XMLProblemTranslation.spanish(message)
        return line > 0 ? "línea \(line): \(what)" : what
    }

    public var description: String { spanish }
}

/// Errors of the Metadata room's XML work.
public enum MetadataXMLError: Error, Equatable, Sendable, PersonFacingError, CustomStringConvertible {
    case schemaUnusable(path: String, problems: [XMLProblem])
    case notWellFormed(document: String, problems: [XMLProblem])
    case invalid(document: String, problems: [XMLProblem])

    public var whatHappened: String {
        switch self {
        case .schemaUnusable(let path, let problems):
            return "el esquema «\(path)» no se puede usar (\(problems.prefix(3).map(\.spanish).joined(separator: "; ")))"
        case .notWellFormed(let document, let problems):
            return "«\(document)» no es XML bien formado (\(problems.prefix(3).map(\.spanish).joined(separator: "; ")))"
        case .invalid(let document, let problems):
            return "«\(document)» no es válido (\(problems.prefix(5).map(\.spanish).joined(separator: "; ")))"
        }
    }

    public var whatToDo: String {
        switch self {
        case .schemaUnusable: return "Apunte paths.schemas (o --schemas) a la carpeta de los esquemas oficiales, la que tiene bundle.xsd"
        case .notWellFormed, .invalid: return ""
        }
    }

    public var technicalDetail: String? {
        switch self {
        case .schemaUnusable(_, let problems), .notWellFormed(_, let problems), .invalid(_, let problems):
            return problems.map { "line \($0.line): \($0.message)" }.joined(separator: "; ")
        }
    }

    public var description: String { messageForPeople }
}
