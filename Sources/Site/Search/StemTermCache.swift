import Catalog

/// The stem terms of the words a publish has already stemmed: one Snowball stemmer for the whole
/// publish and each word stemmed once (the same words come back on most pages; stemming each
/// occurrence anew, with a stemmer made for every item, was a tenth of a full publish). Bounded, so
/// that a large archive's vocabulary does not grow the publish's memory: past `capacity` words the
/// others are stemmed every time, with the same result.
final class StemTermCache {
    static let capacity = 200_000
    private let stemmer = SpanishStemmer()
    /// Word → its stem term, "" when the stem is the folded word itself (no stem term).
    private var known: [String: String] = [:]

    func stemTerm(_ lowered: String) -> String? {
        if let term = known[lowered] { return term.isEmpty ? nil : term }
        let term = stemmer.stemTerm(lowered)
        if known.count < Self.capacity { known[lowered] = term ?? "" }
        return term
    }
}
