import CSearchTokenizer
import Foundation

/// Snowball's Spanish stemmer (libstemmer) as the catalog's tokenizer applies it: the stem of the
/// lower-cased word, then folded like every term ("canciones" → "cancion", "cantó" → "cant"). The
/// site's search applies the same algorithm in JavaScript (Assets/buscar.js); a test keeps them equal.
///
/// Not thread-safe (libstemmer keeps its buffer in the stemmer): make one per task. Stems are cached,
/// since a text repeats its words.
public final class SpanishStemmer {
    /// The first character of every stem term in the static site's index (U+E000, private use), so
    /// that a stem never collides with a word. The catalog's index has no stem terms (`SearchForms`).
    public static let mark = "\u{E000}"

    private let stemmer: OpaquePointer?
    private var cache: [String: String] = [:]
    private var scratch = [CChar](repeating: 0, count: 512)

    public init() { stemmer = memoria_stemmer_new() }

    deinit { memoria_stemmer_free(stemmer) }

    /// The folded stem of one word (any case; accents matter to the algorithm, as written).
    public func stem(_ word: String) -> String {
        let lower = word.precomposedStringWithCanonicalMapping.lowercased()
        if let known = cache[lower] { return known }
        var bytes = Array(lower.utf8)
        guard bytes.count * 2 + 8 <= scratch.count else { return SearchText.fold(lower) }
        let length = bytes.withUnsafeMutableBufferPointer { input in
            input.withMemoryRebound(to: CChar.self) { memoria_stem_token(stemmer, $0.baseAddress, Int32($0.count), &scratch, Int32(scratch.count)) }
        }
        let result = length >= 0 ? String(decoding: scratch.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self) : SearchText.fold(lower)
        if cache.count > 100_000 { cache.removeAll(keepingCapacity: true) }
        cache[lower] = result
        return result
    }

    /// The stem term the index holds for a word, or nil when its stem is its folded form.
    public func stemTerm(_ word: String) -> String? {
        let stem = stem(word)
        return stem == SearchText.fold(word) || stem.isEmpty ? nil : Self.mark + stem
    }
}
