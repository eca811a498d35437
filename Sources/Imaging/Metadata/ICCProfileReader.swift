/// Reads the description and colour space of an ICC profile (v2 `desc` or v4 `mluc` tag).
public struct ICCProfileSummary: Equatable, Sendable, Codable {
    /// The profile's own description, e.g. "sRGB IEC61966-2.1" or "Adobe RGB (1998)".
    public var description: String?
    /// The data colour space signature: "RGB", "GRAY", "CMYK", "Lab".
    public var colorSpace: String?
    /// Profile version, e.g. "2.1" or "4.3".
    public var version: String?
    /// Size of the embedded profile in bytes.
    public var size: Int

    init(bytes: [UInt8]) {
        size = bytes.count
        guard bytes.count >= 132 else { return }
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        func signature(_ at: Int) -> String {
            String(decoding: bytes[at..<min(at + 4, bytes.count)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        version = "\(bytes[8]).\(bytes[9] >> 4)"
        colorSpace = signature(16)
        guard let tagCount = u32(128), tagCount < 200 else { return }
        for i in 0..<tagCount {
            let entry = 132 + i * 12
            guard entry + 12 <= bytes.count, signature(entry) == "desc",
                  let offset = u32(entry + 4), let length = u32(entry + 8), offset + length <= bytes.count, length >= 12
            else { continue }
            let type = signature(offset)
            if type == "desc", let count = u32(offset + 8), count > 0, offset + 12 + count <= bytes.count {
                let raw = bytes[(offset + 12)..<(offset + 12 + count)].prefix { $0 != 0 }
                description = String(decoding: raw, as: UTF8.self)
            } else if type == "mluc", let records = u32(offset + 8), records > 0,
                      let recordLength = u32(offset + 20), let recordOffset = u32(offset + 24),
                      offset + recordOffset + recordLength <= bytes.count {
                let start = offset + recordOffset
                var units: [UInt16] = []
                var at = start
                while at + 1 < start + recordLength {
                    units.append(UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]))
                    at += 2
                }
                description = String(decoding: units, as: UTF16.self).trimmingCharacters(in: .controlCharacters)
            }
            break
        }
    }
}

import Foundation
