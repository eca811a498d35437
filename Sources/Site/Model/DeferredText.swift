/// A text made only when it is read, and compared by what it is made from: a publish describes every
/// page of every item (an info.json each), but writes the info.json of the items it renders only.
public struct DeferredText: Sendable, Equatable {
    /// What the text follows from: equal inputs, equal text.
    let inputs: String
    private let make: @Sendable () -> String

    public init(inputs: String, make: @escaping @Sendable () -> String) {
        self.inputs = inputs
        self.make = make
    }

    public var text: String { make() }

    public static func == (a: DeferredText, b: DeferredText) -> Bool { a.inputs == b.inputs }
}
