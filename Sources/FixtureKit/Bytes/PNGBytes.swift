/// A PNG written chunk by chunk, so that a fixture can hold exactly the chunks (and the mistakes)
/// it needs. Image data is stored in uncompressed deflate blocks: small, and every byte is known.
struct PNGBytes {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// One chunk: length, type, data and its CRC.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var out: [UInt8] = []
        out.appendBigEndian(UInt32(data.count))
        out += typeBytes + data
        out.appendBigEndian(Checksums.crc32(typeBytes + data))
        return out
    }

    /// IHDR for a non-interlaced image of `colorType` (0 gray, 2 RGB, 3 palette) and `bitDepth`.
    static func header(width: Int, height: Int, bitDepth: Int, colorType: Int) -> [UInt8] {
        var data: [UInt8] = []
        data.appendBigEndian(UInt32(width))
        data.appendBigEndian(UInt32(height))
        data += [UInt8(bitDepth), UInt8(colorType), 0, 0, 0]
        return chunk("IHDR", data)
    }

    /// The zlib stream of `rows` (each row `rowBytes` long), filter type 0 on every row.
    static func zlibStream(rows: [UInt8], rowBytes: Int) -> [UInt8] {
        var raw: [UInt8] = []
        for start in stride(from: 0, to: rows.count, by: rowBytes) {
            raw.append(0)
            raw += rows[start..<min(start + rowBytes, rows.count)]
        }
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, raw.count - offset)
            let final: UInt8 = offset + length == raw.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += raw[offset..<(offset + length)]
            offset += length
        } while offset < raw.count
        out.appendBigEndian(Checksums.adler32(raw))
        return out
    }
}
