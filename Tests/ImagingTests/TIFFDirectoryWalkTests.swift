import Foundation
@testable import Imaging
import Testing
import TestSupport

/// The TIFF structure check reads each directory where it lies (pread), not a prefix of the file.
@Suite struct TIFFDirectoryWalkTests {
    /// A little-endian TIFF header pointing at one directory at `ifd`, whose BitsPerSample has two
    /// values for three samples; the file is sparse up to it.
    static func write(directoryAt ifd: Int, to url: URL) throws {
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16 & 0xFFFF) }
        let header: [UInt8] = [0x49, 0x49] + u16(42) + u32(ifd)
        let entries: [UInt8] = u16(2)
            + u16(258) + u16(3) + u32(2) + u32(ifd + 40)   // BitsPerSample: 2 values, stored after the directory
            + u16(277) + u16(3) + u32(1) + u16(3) + u16(0) // SamplesPerPixel: 3
            + u32(0)                                        // no next directory
        try Data(header).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(ifd))
        try handle.write(contentsOf: Data(entries + [UInt8](repeating: 8, count: 4)))
    }

    @Test(arguments: [64, 20 << 20])
    func aContradictionIsFoundWhereverTheDirectoryLies(offset: Int) throws {
        let folder = TemporaryDirectory("tiff-walk")
        let url = folder.path("far.tif")
        try Self.write(directoryAt: offset, to: url)
        let format = IdentifiedFormat(kind: .tiff, name: "TIFF (little-endian)", mimeType: "image/tiff")
        let findings = StructureCheck.findings(fileAt: url, format: format)
        #expect(findings.damage == .bitsPerSampleCount(page: 0, values: 2, samples: 3), "directory at \(offset)")
    }

    @Test func readingByPieceEqualsReadingTheWholeFile() throws {
        let folder = TemporaryDirectory("tiff-walk")
        let url = folder.path("near.tif")
        try Self.write(directoryAt: 64, to: url)
        let whole = [UInt8](try Data(contentsOf: url))
        #expect(TIFFStructure.findings(fileAt: url) == TIFFStructure.findings(whole))
        // Cut inside the directory: both see the same partial directory.
        let cut = Array(whole.prefix(64 + 2 + 12 + 6))
        try Data(cut).write(to: url)
        #expect(TIFFStructure.findings(fileAt: url) == TIFFStructure.findings(cut))
    }
}
