/// FNV-1a (64 bits): a small hash that is the same in every run and on every machine (Swift's `Hasher`
/// is seeded per process). Used for names that must not change between versions (derivative keys, XML
/// IDs), publish fingerprints, deterministic PREMIS identifiers and the daily verify sample. Not a
/// cryptographic digest: fixity uses SHA-512 (Preservation/Fixity).
public enum StableHash {
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let prime: UInt64 = 0x100_0000_01B3

    /// The hash of a sequence of bytes.
    public static func fnv1a<S: Sequence>(_ bytes: S, continuing hash: UInt64 = offsetBasis) -> UInt64 where S.Element == UInt8 {
        var hash = hash
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        return hash
    }

    /// The hash of a string's UTF-8 bytes.
    public static func fnv1a(_ text: String) -> UInt64 { fnv1a(text.utf8) }

    /// The hash of several strings, each followed by a separator byte (0x1F), so that ("ab", "c") and
    /// ("a", "bc") differ.
    public static func fnv1a(parts: [String]) -> UInt64 {
        var hash = offsetBasis
        for part in parts {
            hash = fnv1a(part.utf8, continuing: hash)
            hash = (hash ^ 0x1F) &* prime
        }
        return hash
    }

    /// Lower-case hexadecimal, left-padded with zeros to 16 digits.
    public static func hex16(_ hash: UInt64) -> String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Lower-case hexadecimal without padding (the form publish fingerprints were first written in).
    public static func hex(_ hash: UInt64) -> String { String(hash, radix: 16) }
}
