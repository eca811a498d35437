import Foundation

/// PDF string syntax: WinAnsi literal strings for the text layer, UTF-16 strings for the
/// information dictionary, and numbers written without locale or exponent.
enum PDFStrings {
    /// The byte of `scalar` in WinAnsiEncoding (Windows-1252), if it has one.
    static func winAnsi(_ scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if (0x20...0x7E).contains(v) || (0xA0...0xFF).contains(v) { return UInt8(v) }
        return winAnsiHigh[v]
    }

    /// Windows-1252's 0x80...0x9F row (the code points Latin-1 leaves to control characters).
    private static let winAnsiHigh: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// Text as WinAnsi bytes: a character outside the encoding becomes its base letter when it has
    /// one there (ā → a), else "?"; tabs and line ends become spaces.
    static func winAnsiBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for character in text {
            let scalars = character.unicodeScalars
            if scalars.count == 1, let scalar = scalars.first {
                if scalar == "\t" || scalar == "\n" || scalar == "\r" { out.append(0x20); continue }
                if let byte = winAnsi(scalar) { out.append(byte); continue }
            }
            let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
            if composed.count == 1, let scalar = composed.first, let byte = winAnsi(scalar) { out.append(byte); continue }
            let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first
            out.append(base.flatMap(winAnsi) ?? UInt8(ascii: "?"))
        }
        return out
    }

    /// A literal string `( ... )` of these bytes: parentheses and backslashes escaped, bytes outside
    /// printable ASCII as octal escapes.
    static func literal(_ bytes: [UInt8]) -> String {
        var out = "("
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"): out += "\\" + String(UnicodeScalar(byte))
            case 0x20...0x7E: out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let octal = String(byte, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return out + ")"
    }

    /// A text string for the information dictionary: plain when ASCII, else UTF-16BE with its
    /// byte order mark, in hexadecimal.
    static func text(_ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) { return literal(Array(value.utf8)) }
        var hex = "<FEFF"
        for unit in value.utf16 { hex += String(format: "%04X", unit) }
        return hex + ">"
    }

    /// A number with at most three decimals and no trailing zeros ("595.276", "12", "-0.5").
    static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(format: "%.3f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A PDF date, D:YYYYMMDDHHmmSSZ, in UTC.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "(D:%04d%02d%02d%02d%02d%02dZ)", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
