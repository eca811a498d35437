/// A TIFF-structured metadata block inside a JPEG (EXIF in APP1, the MPF index in APP2): byte order,
/// signature, the first directory and the sub-directories it points to, every value in bounds, and
/// resolutions that are real numbers.
import Foundation
enum TIFFBlock {
    enum Problem: Equatable {
        case tooShort(bytes: Int)
        case noByteOrder(first: UInt8, second: UInt8)
        case noSignature
        case directoryOutside(offset: Int)
        case valueOutside(tag: Int)
        case zeroDenominator(tag: Int, numerator: Int)

        /// In English, for the observation's technical detail.
        func detail(block: String) -> String {
            switch self {
            case .tooShort(let bytes): return "\(block) block is \(bytes) bytes long, too short for a TIFF header"
            case .noByteOrder(let first, let second):
                return "\(block) block declares no byte order: " + String(format: "%02X %02X", first, second) + " instead of II or MM"
            case .noSignature: return "\(block) block lacks the TIFF signature 42"
            case .directoryOutside(let offset): return "\(block) directory at offset \(offset) lies outside the block"
            case .valueOutside(let tag): return String(format: "%@ tag 0x%04X points outside the block", block, tag)
            case .zeroDenominator(let tag, let numerator):
                return "\(block) \(tag == 0x011A ? "XResolution" : "YResolution") is \(numerator)/0"
            }
        }
    }

    /// Sub-directories whose entries are checked too: Exif, GPS and Interoperability.
    static let subDirectoryTags: Set<Int> = [0x8769, 0x8825, 0xA005]
    static let typeSizes = [1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8]

    static func problem(_ b: [UInt8]) -> Problem? {
        guard b.count >= 8 else { return .tooShort(bytes: b.count) }
        guard let r = EndianReader(tiffStructure: b) else { return .noByteOrder(first: b[0], second: b[1]) }
        guard r.u16(2) == 42 else { return .noSignature }
        guard let first = r.u32(4) else { return .directoryOutside(offset: -1) }
        var pending = [first], visited: Set<Int> = []
        while let ifd = pending.popLast(), visited.count < 8 {
            guard visited.insert(ifd).inserted else { continue }
            guard let count = r.u16(ifd), count < 1000, ifd + 2 + count * 12 <= b.count else { return .directoryOutside(offset: ifd) }
            for i in 0..<count {
                let entry = ifd + 2 + i * 12
                guard let tag = r.u16(entry), let type = r.u16(entry + 2), let n = r.u32(entry + 4),
                      let size = typeSizes[type] else { continue }
                let bytes = size * n
                if bytes > 4 {
                    guard let at = r.u32(entry + 8), at + bytes <= b.count else { return .valueOutside(tag: tag) }
                    if (tag == 0x011A || tag == 0x011B) && type == 5, r.u32(at + 4) == 0 {
                        return .zeroDenominator(tag: tag, numerator: r.u32(at) ?? 0)
                    }
                } else if subDirectoryTags.contains(tag), type == 4 || type == 13, let offset = r.u32(entry + 8) {
                    pending.append(offset)
                }
            }
        }
        return nil
    }
}
