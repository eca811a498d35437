import FixtureKit
import Foundation
@testable import Imaging
import Testing

/// The PNG structure check follows the image's zlib stream across its IDAT chunks (without copying
/// them together) and names bytes left over after the stream's end: padding in the chunk where it
/// ends, or whole IDAT chunks after it.
struct PNGStructureTests {
    /// A real PNG from libpng, its IDAT data re-cut into chunks at `cuts`, plus `extra` bytes after it.
    static func png(cuts: [Int], extra: [UInt8]) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("png-structure-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        var pixels = [UInt8](repeating: 0, count: 300 * 200 * 3)
        for index in pixels.indices { pixels[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
        try FixtureImageWriter.writePNG(pixels, width: 300, height: 200, channels: 3, dpi: 300, to: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        var before: [UInt8] = [], after: [UInt8] = [], idat: [UInt8] = []
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let chunk = Array(bytes[offset..<(offset + 12 + length)])
            if type == "IDAT" { idat += bytes[(offset + 8)..<(offset + 8 + length)] } else if idat.isEmpty { before += chunk } else { after += chunk }
            offset += 12 + length
        }
        idat += extra
        func chunk(_ data: ArraySlice<UInt8>) -> [UInt8] {
            let n = data.count
            let typeAndData: [UInt8] = Array("IDAT".utf8) + Array(data)
            let crc: UInt32 = crc32(typeAndData)
            let length: [UInt8] = [UInt8(n >> 24 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
            let check: [UInt8] = [UInt8(crc >> 24 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
            return length + typeAndData + check
        }
        var result = Array(bytes[0..<8]) + before
        var start = 0
        for cut in cuts + [idat.count] where cut > start {
            result += chunk(idat[start..<min(cut, idat.count)])
            start = cut
        }
        return result + after
    }

    /// The PNG chunk CRC (CRC-32 of type and data), so that libpng decodes the re-cut files.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// Total length of the IDAT chunks' data.
    static func idatLength(_ bytes: [UInt8]) -> Int {
        var offset = 8, total = 0
        while offset + 12 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            if bytes[(offset + 4)..<(offset + 8)].elementsEqual("IDAT".utf8) { total += length }
            offset += 12 + length
        }
        return total
    }

    @Test func aStreamSplitAcrossManyChunksHasNoLeftovers() throws {
        #expect(PNGStructure.findings(try Self.png(cuts: [1, 2, 500, 501, 9_000], extra: [])) == StructureFindings())
        #expect(PNGStructure.findings(try Self.png(cuts: [], extra: [])) == StructureFindings())
    }

    @Test func bytesAfterTheStreamInItsLastChunkArePaddingWhereverTheChunksAreCut() throws {
        for cuts in [[], [100], [3, 7_000]] {
            let findings = PNGStructure.findings(try Self.png(cuts: cuts, extra: [1, 2, 3, 4, 5]))
            #expect(findings.damage == nil)
            #expect(findings.observations.map(\.code) == [.pngImageDataPadded], "cuts \(cuts)")
            #expect(findings.observations.first?.detail.hasPrefix("5 byte(s) after the end of the zlib stream") == true, "cuts \(cuts)")
        }
    }

    @Test func anIDATChunkAfterTheStreamIsImageDataAfterTheEnd() throws {
        let whole = try Self.png(cuts: [], extra: [])             // the whole stream in one IDAT chunk
        let streamLength = PNGStructure.findings(whole) == StructureFindings() ? Self.idatLength(whole) : 0
        let bytes = try Self.png(cuts: [streamLength], extra: [9, 9, 9])
        let findings = PNGStructure.findings(bytes)
        #expect(findings.observations.map(\.code) == [.pngImageDataAfterEnd])
        #expect(findings.observations.first?.detail == "1 IDAT chunk(s), 3 byte(s), after the end of the zlib stream")
    }

    /// What a master's decode observes (the one-pass path: libpng inflates the stream, the structure
    /// check only walks chunk headers, and the stream is measured again only when libpng met data after it).
    static func decodedObservations(_ bytes: [UInt8]) throws -> [DecodeObservation] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("png-decode-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        let format = try FormatIdentifier.identify(fileAt: url)
        return try MasterDecoder.decode(url, format: format, limits: DecodeLimits(), derivatives: nil) { _ in }.observations
    }

    @Test func theDecodeOfAStreamSplitAcrossManyChunksObservesNothing() throws {
        #expect(try Self.decodedObservations(try Self.png(cuts: [1, 2, 500, 501, 9_000], extra: [])).isEmpty)
    }

    @Test func theDecodeNamesPaddingAfterTheStreamWithItsByteCount() throws {
        for cuts in [[], [100], [3, 7_000]] {
            let found = try Self.decodedObservations(try Self.png(cuts: cuts, extra: [1, 2, 3, 4, 5]))
            #expect(found.map(\.code) == [.pngImageDataPadded], "cuts \(cuts)")
            #expect(found.first?.detail.hasPrefix("5 byte(s) after the end of the zlib stream") == true, "cuts \(cuts)")
        }
    }

    @Test func theDecodeNamesAnIDATChunkAfterTheStreamThatLibpngSkipsSilently() throws {
        let whole = try Self.png(cuts: [], extra: [])
        let streamLength = Self.idatLength(whole)
        let found = try Self.decodedObservations(try Self.png(cuts: [streamLength], extra: [9, 9, 9]))
        #expect(found.map(\.code) == [.pngImageDataAfterEnd])
        #expect(found.first?.detail == "1 IDAT chunk(s), 3 byte(s), after the end of the zlib stream")
        let twoLater = try Self.decodedObservations(try Self.png(cuts: [streamLength, streamLength + 2], extra: [9, 9, 9]))
        #expect(twoLater.map(\.code) == [.pngImageDataAfterEnd])
        #expect(twoLater.first?.detail == "2 IDAT chunk(s), 3 byte(s), after the end of the zlib stream")
    }

    @Test func theChunkWalkFindsDataAfterIENDWithoutReadingTheImageStream() throws {
        let bytes = try Self.png(cuts: [], extra: []) + [7, 7, 7, 7]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("png-walk-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        let walked = PNGChunkWalk.findings(fileAt: url, size: bytes.count)
        #expect(walked.observations.map(\.code) == [.pngDataAfterEnd])
        #expect(walked.observations.first?.detail == "4 byte(s) after the IEND chunk")
        #expect(walked == PNGStructure.findings(bytes))
    }
}
