/// Reads the few EXIF/TIFF fields Memoria needs from an EXIF block (a TIFF structure): orientation,
/// resolution, scanner make/model/software, date and the Exif version. Every offset is bounds-checked:
/// EXIF blocks in the wild are often broken, and a broken block only yields fewer fields.
struct ExifReader {
    let bytes: [UInt8]

    private var littleEndian: Bool? {
        guard bytes.count >= 8 else { return nil }
        if bytes[0] == 0x49 && bytes[1] == 0x49 { return true }
        if bytes[0] == 0x4D && bytes[1] == 0x4D { return false }
        return nil
    }

    private func u16(_ at: Int) -> Int? {
        guard let le = littleEndian, at >= 0, at + 2 <= bytes.count else { return nil }
        return le ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : Int(bytes[at]) << 8 | Int(bytes[at + 1])
    }

    private func u32(_ at: Int) -> Int? {
        guard let hi = u16(littleEndian == true ? at + 2 : at), let lo = u16(littleEndian == true ? at : at + 2) else { return nil }
        return hi << 16 | lo
    }

    private struct Entry { let tag: Int; let type: Int; let count: Int; let valueOffset: Int }

    private func entries(ofIFDAt offset: Int) -> [Entry] {
        guard let count = u16(offset), count < 1000 else { return [] }
        var result: [Entry] = []
        for i in 0..<count {
            let at = offset + 2 + i * 12
            guard let tag = u16(at), let type = u16(at + 2), let n = u32(at + 4) else { break }
            result.append(Entry(tag: tag, type: type, count: n, valueOffset: at + 8))
        }
        return result
    }

    private var ifd0: [Entry] {
        guard let first = u32(4) else { return [] }
        return entries(ofIFDAt: first)
    }

    private func short(_ e: Entry) -> Int? { e.type == 3 ? u16(e.valueOffset) : (e.type == 4 ? u32(e.valueOffset) : nil) }

    private func rational(_ e: Entry) -> Double? {
        guard e.type == 5, let at = u32(e.valueOffset), let num = u32(at), let den = u32(at + 4), den != 0 else { return nil }
        let value = Double(num) / Double(den)
        return value > 0 && value.isFinite ? value : nil
    }

    private func ascii(_ e: Entry) -> String? {
        guard e.type == 2 || e.type == 7, e.count > 0, e.count < 4096 else { return nil }
        let start = e.count <= 4 ? e.valueOffset : (u32(e.valueOffset) ?? -1)
        guard start >= 0, start + e.count <= bytes.count else { return nil }
        let raw = bytes[start..<start + e.count].prefix { $0 != 0 }
        let text = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    private func value(_ tag: Int) -> Entry? { ifd0.first { $0.tag == tag } }

    /// TIFF/EXIF orientation 1...8, or nil when absent or invalid.
    var orientation: Int? {
        guard let e = value(0x0112), let v = short(e), (1...8).contains(v) else { return nil }
        return v
    }

    /// Horizontal and vertical resolution in dots per inch.
    var dpi: (x: Double, y: Double)? {
        guard let ex = value(0x011A), let ey = value(0x011B), let x = rational(ex), let y = rational(ey) else { return nil }
        let unit = value(0x0128).flatMap(short) ?? 2
        switch unit {
        case 2: return (x, y)
        case 3: return (x * 2.54, y * 2.54)
        default: return nil
        }
    }

    var make: String? { value(0x010F).flatMap(ascii) }
    var model: String? { value(0x0110).flatMap(ascii) }
    var software: String? { value(0x0131).flatMap(ascii) }
    var dateTime: String? { value(0x0132).flatMap(ascii) }

    /// The ExifVersion field ("0220", "0221", ...), from the Exif sub-IFD.
    var exifVersion: String? {
        guard let pointer = value(0x8769), let offset = u32(pointer.valueOffset) else { return nil }
        guard let e = entries(ofIFDAt: offset).first(where: { $0.tag == 0x9000 }), e.count == 4,
              e.valueOffset + 4 <= bytes.count else { return nil }
        let text = String(decoding: bytes[e.valueOffset..<e.valueOffset + 4], as: UTF8.self)
        return text.allSatisfy(\.isNumber) ? text : nil
    }
}

import Foundation
