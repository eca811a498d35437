/// A small reader for the JSON that Memoria itself writes in hot paths (catalog Dublin Core records,
/// search-index shards): objects, arrays, strings with every JSON escape, and integers. Foundation's
/// decoders box every value and took a large share of an incremental publish. Anything it does not
/// expect makes it return false or nil, so a caller can fall back to a full decoder or a rebuild.
public struct JSONByteScanner {
    private let bytes: [UInt8]
    private var at = 0

    public init<S: Sequence>(_ input: S) where S.Element == UInt8 { bytes = Array(input) }

    /// True when only white space is left.
    public mutating func isAtEnd() -> Bool {
        skipSpace()
        return at == bytes.count
    }

    /// `{"key": value, ...}`: `value` reads each value and returns false when it cannot.
    public mutating func object(_ value: (inout JSONByteScanner, String) -> Bool) -> Bool {
        skipSpace()
        guard consume(UInt8(ascii: "{")) else { return false }
        skipSpace()
        if consume(UInt8(ascii: "}")) { return true }
        while true {
            skipSpace()
            guard let key = string() else { return false }
            skipSpace()
            guard consume(UInt8(ascii: ":")) else { return false }
            skipSpace()
            guard value(&self, key) else { return false }
            skipSpace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "}"))
        }
    }

    /// `[element, ...]`: `element` reads each element and returns false when it cannot.
    public mutating func array(_ element: (inout JSONByteScanner) -> Bool) -> Bool {
        skipSpace()
        guard consume(UInt8(ascii: "[")) else { return false }
        skipSpace()
        if consume(UInt8(ascii: "]")) { return true }
        while true {
            skipSpace()
            guard element(&self) else { return false }
            skipSpace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "]"))
        }
    }

    /// `[value, ...]` where every element is read by `read` (e.g. `{ $0.string() }`); nil if any is not.
    public mutating func array<T>(of read: (inout JSONByteScanner) -> T?) -> [T]? {
        var values: [T] = []
        let complete = array { scanner in
            guard let value = read(&scanner) else { return false }
            values.append(value)
            return true
        }
        return complete ? values : nil
    }

    /// An integer of up to 18 digits (no fraction, no exponent).
    public mutating func integer() -> Int? {
        skipSpace()
        let negative = consume(UInt8(ascii: "-"))
        var value = 0, digits = 0
        while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 {
            guard digits < 18 else { return nil }
            value = value * 10 + Int(bytes[at] - 0x30)
            at += 1
            digits += 1
        }
        return digits > 0 ? (negative ? -value : value) : nil
    }

    /// A string literal, escapes decoded; nil for a bad escape, a raw control character, a lone
    /// surrogate or invalid UTF-8.
    public mutating func string() -> String? {
        skipSpace()
        guard consume(UInt8(ascii: "\"")) else { return nil }
        var utf8: [UInt8] = []
        while at < bytes.count {
            let byte = bytes[at]
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard at < bytes.count else { return nil }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return nil }
                    if (0xD800...0xDBFF).contains(code) {
                        // A surrogate pair: \ud83c\udfba.
                        guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hex4(),
                              (0xDC00...0xDFFF).contains(low) else { return nil }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { return nil }
                    utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                utf8.append(byte)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[at..<at + 4] {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        at += 4
        return value
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard at < bytes.count, bytes[at] == byte else { return false }
        at += 1
        return true
    }

    private mutating func skipSpace() {
        while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
    }
}
