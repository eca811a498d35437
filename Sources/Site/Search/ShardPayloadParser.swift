/// Reads the object of a search shard, `{"word":[1,230,2,...],...}`, as `ScriptJSON` writes it: string
/// keys (with any JSON escape) and arrays of integers. An incremental publish reads back every shard
/// that holds a word of a changed item; Foundation's JSONSerialization spent most of that time boxing
/// each number. Anything else in the input (another shape, bad escapes, trailing bytes) gives nil.
struct ShardPayloadParser {
    private let bytes: [UInt8]
    private var at = 0

    static func parse<S: Sequence>(_ input: S) -> [String: [Int]]? where S.Element == UInt8 {
        var parser = ShardPayloadParser(bytes: Array(input))
        guard let object = parser.object() else { return nil }
        parser.skipSpace()
        return parser.at == parser.bytes.count ? object : nil
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func object() -> [String: [Int]]? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var result: [String: [Int]] = [:]
        skipSpace()
        if consume(UInt8(ascii: "}")) { return result }
        while true {
            skipSpace()
            guard let key = string() else { return nil }
            skipSpace()
            guard consume(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            guard let values = integers() else { return nil }
            result[key] = values
            skipSpace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "}")) ? result : nil
        }
    }

    private mutating func integers() -> [Int]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var values: [Int] = []
        skipSpace()
        if consume(UInt8(ascii: "]")) { return values }
        while true {
            skipSpace()
            let negative = consume(UInt8(ascii: "-"))
            var value = 0, digits = 0
            while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39, digits < 18 {
                value = value * 10 + Int(bytes[at] - 0x30)
                at += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
            values.append(negative ? -value : value)
            skipSpace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "]")) ? values : nil
        }
    }

    private mutating func string() -> String? {
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
                        // A surrogate pair: \uD83D\uDE00.
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
