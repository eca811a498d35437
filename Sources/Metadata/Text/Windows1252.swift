/// Windows-1252 ("ANSI" in Excel on Windows): Latin-1 plus printable characters in 0x80–0x9F.
public enum Windows1252 {
    /// Code points of bytes 0x80...0x9F; nil where Windows-1252 leaves the byte undefined.
    static let high: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// Decodes bytes; returns nil at the first undefined byte (0x81, 0x8D, 0x8F, 0x90, 0x9D), with its offset.
    public static func decode(_ bytes: [UInt8]) -> Result<String, UndefinedByte> {
        var scalars = String.UnicodeScalarView()
        for (offset, byte) in bytes.enumerated() {
            if byte >= 0x80 && byte <= 0x9F {
                guard let value = high[Int(byte - 0x80)], let scalar = Unicode.Scalar(value) else {
                    return .failure(UndefinedByte(offset: offset, byte: byte))
                }
                scalars.append(scalar)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return .success(String(scalars))
    }

    /// Encodes text; characters Windows-1252 cannot represent become "?".
    public static func encode(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            if scalar.value < 0x80 || (scalar.value >= 0xA0 && scalar.value <= 0xFF) { return UInt8(scalar.value) }
            if let index = high.firstIndex(where: { $0 == scalar.value }) { return UInt8(0x80 + index) }
            return 0x3F
        }
    }

    public struct UndefinedByte: Error, Equatable {
        public let offset: Int
        public let byte: UInt8
    }
}
