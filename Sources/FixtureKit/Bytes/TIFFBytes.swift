/// A classic TIFF written tag by tag, with uncompressed strips, so that a fixture can leave out a tag,
/// give a strip a byte count of 0 or chain its directories in a loop: files libtiff would not write.
struct TIFFBytes {
    /// One tag: type 3 (SHORT), 4 (LONG) or 5 (RATIONAL, `values` as numerator/denominator pairs).
    struct Entry {
        let tag: Int
        let type: Int
        let values: [Int]
    }

    /// One directory (page): its tags other than StripOffsets and StripByteCounts, and its strips.
    struct Directory {
        var entries: [Entry]
        var strips: [[UInt8]]
        /// Byte counts written instead of the strips' lengths (to describe damage).
        var byteCounts: [Int]?
    }

    var bigEndian = false
    /// Index of the directory the last one points to as its "next" (a loop); nil ends the chain.
    var lastPointsTo: Int?

    /// A page of `samples` × `bits` samples per pixel, cut into strips of `rowsPerStrip` rows (nil:
    /// one strip and no RowsPerStrip tag). With separate planes, `pixels` holds the planes one after
    /// the other.
    static func page(width: Int, height: Int, samples: Int, bits: Int, photometric: Int, pixels: [UInt8],
                     rowsPerStrip: Int?, separatePlanes: Bool = false, sampleFormat: Int? = nil, dpi: Int = 300) -> Directory {
        let planes = separatePlanes ? samples : 1
        let rowBytes = (width * (separatePlanes ? 1 : samples) * bits + 7) / 8
        let planeBytes = rowBytes * height
        let rows = rowsPerStrip ?? height
        var strips: [[UInt8]] = []
        for plane in 0..<planes {
            for first in stride(from: 0, to: height, by: rows) {
                let start = plane * planeBytes + first * rowBytes
                strips.append(Array(pixels[start..<(start + min(rows, height - first) * rowBytes)]))
            }
        }
        var entries = [
            Entry(tag: 256, type: 4, values: [width]), Entry(tag: 257, type: 4, values: [height]),
            Entry(tag: 258, type: 3, values: Array(repeating: bits, count: samples)), Entry(tag: 259, type: 3, values: [1]),
            Entry(tag: 262, type: 3, values: [photometric]), Entry(tag: 277, type: 3, values: [samples]),
            Entry(tag: 282, type: 5, values: [dpi, 1]), Entry(tag: 283, type: 5, values: [dpi, 1]),
            Entry(tag: 284, type: 3, values: [separatePlanes ? 2 : 1]), Entry(tag: 296, type: 3, values: [2]),
        ]
        if let rowsPerStrip { entries.append(Entry(tag: 278, type: 4, values: [rowsPerStrip])) }
        if let sampleFormat { entries.append(Entry(tag: 339, type: 3, values: Array(repeating: sampleFormat, count: samples))) }
        return Directory(entries: entries, strips: strips)
    }

    func bytes(_ directories: [Directory]) -> [UInt8] {
        var out: [UInt8] = bigEndian ? [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 0] : [0x49, 0x49, 0x2A, 0x00, 0, 0, 0, 0]
        var directoryOffsets: [Int] = []
        var nextFields: [Int] = []
        for directory in directories {
            var offsets: [Int] = []
            for strip in directory.strips {
                offsets.append(out.count)
                out += strip
                if out.count % 2 == 1 { out.append(0) }
            }
            let entries = (directory.entries + [
                Entry(tag: 273, type: 4, values: offsets),
                Entry(tag: 279, type: 4, values: directory.byteCounts ?? directory.strips.map(\.count)),
            ]).sorted { $0.tag < $1.tag }
            // Values that do not fit in the entry's four bytes go before the directory.
            var external: [Int: Int] = [:]
            for entry in entries where Self.size(entry) > 4 {
                external[entry.tag] = out.count
                out += encode(entry)
            }
            directoryOffsets.append(out.count)
            out += u16(entries.count)
            for entry in entries {
                out += u16(entry.tag) + u16(entry.type) + u32(entry.type == 5 ? entry.values.count / 2 : entry.values.count)
                if let at = external[entry.tag] {
                    out += u32(at)
                } else {
                    let value = encode(entry)
                    out += value + Array(repeating: 0, count: 4 - value.count)
                }
            }
            nextFields.append(out.count)
            out += u32(0)
        }
        patch(&out, at: 4, directoryOffsets.first ?? 0)
        for (index, field) in nextFields.enumerated() {
            let next = index + 1 < directoryOffsets.count ? directoryOffsets[index + 1] : lastPointsTo.map { directoryOffsets[$0] } ?? 0
            patch(&out, at: field, next)
        }
        return out
    }

    private static func size(_ entry: Entry) -> Int { entry.values.count * (entry.type == 3 ? 2 : 4) }

    private func encode(_ entry: Entry) -> [UInt8] {
        entry.values.flatMap { entry.type == 3 ? u16($0) : u32($0) }
    }

    private func u16(_ v: Int) -> [UInt8] {
        bigEndian ? [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)]
    }

    private func u32(_ v: Int) -> [UInt8] {
        let b = [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
        return bigEndian ? b : b.reversed()
    }

    private func patch(_ out: inout [UInt8], at offset: Int, _ value: Int) {
        out.replaceSubrange(offset..<(offset + 4), with: u32(value))
    }
}
