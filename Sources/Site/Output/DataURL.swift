/// A `data:` URL carrying a small text file inside the page that links to it (RFC 2397): the
/// text's UTF-8 percent-encoded, every byte but the URL's unreserved characters.
enum DataURL {
    static func text(_ text: String, mediaType: String) -> String {
        var out = "data:\(mediaType);charset=utf-8,"
        out.reserveCapacity(out.utf8.count + text.utf8.count * 2)
        let digits = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 2)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
        return out
    }
}
