/// Splices marker segments into a JPEG made by our encoder, to write the metadata quirks of
/// cameras and scanners around image data that is known to be good.
enum JPEGSegments {
    /// A marker segment: FF, the marker, a 16-bit length that counts itself, the payload.
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0xFF, marker]
        out.appendBigEndian16(payload.count + 2)
        return out + payload
    }

    /// The JPEG without its APP0 segments (our encoder writes JFIF there).
    static func withoutAPP0(_ jpeg: [UInt8]) -> [UInt8] {
        var out = Array(jpeg[0..<2])
        var offset = 2
        while offset + 4 <= jpeg.count, jpeg[offset] == 0xFF, jpeg[offset + 1] == 0xE0 {
            offset += 2 + (Int(jpeg[offset + 2]) << 8 | Int(jpeg[offset + 3]))
        }
        out += jpeg[offset...]
        return out
    }

    /// Inserts `segments` right after SOI.
    static func afterStart(_ jpeg: [UInt8], _ segments: [UInt8]) -> [UInt8] {
        Array(jpeg[0..<2]) + segments + jpeg[2...]
    }

    /// Inserts `segments` right after the frame header (SOF0, SOF1 or SOF2).
    static func afterFrameHeader(_ jpeg: [UInt8], _ segments: [UInt8]) -> [UInt8] {
        var offset = 2
        while offset + 4 <= jpeg.count, jpeg[offset] == 0xFF {
            let marker = jpeg[offset + 1]
            let end = offset + 2 + (Int(jpeg[offset + 2]) << 8 | Int(jpeg[offset + 3]))
            if (0xC0...0xC2).contains(marker) { return Array(jpeg[0..<end]) + segments + jpeg[end...] }
            offset = end
        }
        return jpeg
    }

    /// A JFIF APP0 with a density in `unit` (1 dots per inch, 2 dots per centimetre).
    static func jfif(unit: UInt8, density: Int) -> [UInt8] {
        var payload = Array("JFIF".utf8) + [0, 1, 2, unit]
        payload.appendBigEndian16(density)
        payload.appendBigEndian16(density)
        return segment(0xE0, payload + [0, 0])
    }
}
