/// The lower-cased UTF-8 of every scalar below U+0800 (two bytes in UTF-8: the Latin, Greek,
/// Cyrillic, Hebrew and Arabic letters) as `SearchSnippet.words` lower-cases a word's scalar, worked
/// out once with the same rules, so that the snippet scan reads it from a table; empty for a scalar
/// that is not part of a word.
struct SearchSnippetLatinTable: Sendable {
    static let limit: UInt32 = 0x800
    static let shared = SearchSnippetLatinTable()

    /// Every scalar's bytes, one after the other; scalar v's are `bytes[offsets[v]..<offsets[v + 1]]`.
    let bytes: [UInt8]
    let offsets: [Int]

    private init() {
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        for value in 0..<Self.limit {
            if let scalar = Unicode.Scalar(value) { bytes += Self.lowered(scalar) }
            offsets.append(bytes.count)
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    /// A scalar lower-cased as a word's letter (`SearchSnippet.words`' rules), or nothing when it is
    /// not a word's.
    static func lowered(_ scalar: Unicode.Scalar) -> [UInt8] {
        guard SearchText.isWordScalar(scalar) else { return [] }
        let value = scalar.value
        if (0xC0...0xDE).contains(value) && value != 0xD7 {
            return Array(String(Unicode.Scalar(UInt8(value + 0x20))).utf8)
        }
        if scalar.properties.isUppercase { return Array(scalar.properties.lowercaseMapping.utf8) }
        return Array(String(scalar).utf8)
    }
}
