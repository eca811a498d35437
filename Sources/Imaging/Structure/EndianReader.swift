/// Bounds-checked reads of 16- and 32-bit unsigned integers from a TIFF-structured byte array, in
/// its byte order. Every read outside the bytes gives nil: these structures are often broken.
struct EndianReader {
    let bytes: [UInt8]
    let littleEndian: Bool

    /// A reader in the byte order the structure declares ("II" or "MM"), or nil when it declares none.
    init?(tiffStructure bytes: [UInt8]) {
        guard bytes.count >= 2 else { return nil }
        if bytes[0] == 0x49 && bytes[1] == 0x49 {
            littleEndian = true
        } else if bytes[0] == 0x4D && bytes[1] == 0x4D {
            littleEndian = false
        } else {
            return nil
        }
        self.bytes = bytes
    }

    /// A reader of a piece of a structure whose byte order is already known.
    init(bytes: [UInt8], littleEndian: Bool) {
        self.bytes = bytes
        self.littleEndian = littleEndian
    }

    func u16(_ at: Int) -> Int? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        return littleEndian ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : Int(bytes[at]) << 8 | Int(bytes[at + 1])
    }

    func u32(_ at: Int) -> Int? {
        guard let first = u16(at), let second = u16(at + 2) else { return nil }
        return littleEndian ? second << 16 | first : first << 16 | second
    }
}
