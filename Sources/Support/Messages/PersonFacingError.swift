/// The one shape of every problem Memoria tells a person about: what happened (naming the file, field
/// or line), and what to do about it, in Spanish. The library's or the system's own words are kept in
/// `technicalDetail`, which goes to PREMIS event details and JSON reports, never to a terminal.
///
/// Every error a person can meet conforms: configuration problems, inbox and sheet problems, imaging
/// rejections, archive faults, usage errors. The CLI prints `messageForPeople`; nothing else.
public protocol PersonFacingError: Error, Sendable {
    /// Spanish: what happened, and to which file, field or line (paths shown relative, see DisplayPath).
    var whatHappened: String { get }
    /// Spanish: what the person should do next. Empty when there is nothing to do.
    var whatToDo: String { get }
    /// Verbatim text from a library or the system (may be English), for records only.
    var technicalDetail: String? { get }
}

extension PersonFacingError {
    public var technicalDetail: String? { nil }

    /// "What happened. What to do." as one text, each part ending with a full stop.
    public var messageForPeople: String {
        SpanishText.sentences(whatHappened, whatToDo)
    }
}

/// A problem described directly by its parts (for places that have no error enum of their own).
public struct PersonMessage: PersonFacingError, Equatable {
    public var whatHappened: String
    public var whatToDo: String
    public var technicalDetail: String?

    public init(_ whatHappened: String, whatToDo: String = "", technicalDetail: String? = nil) {
        self.whatHappened = whatHappened
        self.whatToDo = whatToDo
        self.technicalDetail = technicalDetail
    }
}
