import FixtureKit
import Foundation
@testable import Imaging
import Testing
import TestSupport

/// Every encoding a scanning station produces, written by our generator and decoded back: lossless
/// kinds must return exactly the written pixels (16-bit reduced with rounding), lossy ones must stay
/// close; dimensions, resolution and pixel checksums are compared with goldens.
@Suite struct FixtureKindsTests {
    static let width = 96, height = 64

    /// A test chart: gradients, fine lines and a sharp-edged block (aliasing shows on it).
    static func chart() -> (rgb: [UInt8], gray: [UInt8]) {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var gray = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                var r = UInt8(x * 255 / (width - 1)), g = UInt8(y * 255 / (height - 1)), b = UInt8((x + y) % 256)
                if x % 8 == 0 || y % 11 == 0 { r = 20; g = 20; b = 20 }
                if (30..<60).contains(x) && (20..<40).contains(y) { r = 250; g = 240; b = 10 }
                rgb[i * 3] = r; rgb[i * 3 + 1] = g; rgb[i * 3 + 2] = b
                let luma: Int = 299 * Int(r) + 587 * Int(g) + 114 * Int(b)
                gray[i] = UInt8((luma + 500) / 1000)
            }
        }
        return (rgb, gray)
    }

    /// RGB to CMYK with no black ink: the decoder's naive CMYK→RGB gives back the same values.
    static func cmyk(_ rgb: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rgb.count / 3 * 4)
        var i = 0
        while i < rgb.count {
            out.append(255 - rgb[i]); out.append(255 - rgb[i + 1]); out.append(255 - rgb[i + 2]); out.append(0)
            i += 3
        }
        return out
    }

    static func checksum(_ pixels: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in pixels { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return String(hash, radix: 16)
    }

    static func psnr(_ a: [UInt8], _ b: [UInt8]) -> Double {
        precondition(a.count == b.count)
        let mse = zip(a, b).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) } / Double(a.count)
        return mse == 0 ? 99 : 10 * log10(255 * 255 / mse)
    }

    func write(_ name: String, in folder: TemporaryDirectory, _ body: (URL) throws -> Void) rethrows -> URL {
        let url = folder.path(name)
        try body(url)
        return url
    }

    @Test func everyKindDecodesToWhatWasWritten() throws {
        let folder = TemporaryDirectory("kinds")
        let (rgb, gray) = Self.chart()
        let w = Self.width, h = Self.height
        let gray16 = gray.map { UInt16($0) * 257 + 3 }
        let rgb16 = rgb.map { UInt16($0) * 256 + 77 }
        let bitonal = gray.map { $0 < 128 ? UInt8(1) : 0 }
        let cmyk = Self.cmyk(rgb)
        typealias Page = TIFFWriter.Page
        var cases: [(String, URL, [UInt8], Double)] = []   // name, file, expected pixels, least PSNR (99: exact)
        func tiff(_ name: String, _ pixels: Page.Pixels, _ encoding: TIFFWriter.Encoding, tiled: Bool = false, bigEndian: Bool = false, expected: [UInt8], least: Double = 99) throws {
            var page = Page(width: w, height: h, pixels: pixels, dpi: 300, encoding: encoding)
            page.rowsPerStrip = 16
            if tiled { page.tileSize = 32 }
            let url = folder.path(name)
            try TIFFWriter.write([page], to: url, bigEndian: bigEndian)
            cases.append((name, url, expected, least))
        }
        try tiff("rgb-none.tif", .rgb8(rgb), .uncompressed, expected: rgb)
        try tiff("rgb-lzw.tif", .rgb8(rgb), .lzw, expected: rgb)
        try tiff("rgb-deflate-be.tif", .rgb8(rgb), .deflate, bigEndian: true, expected: rgb)
        try tiff("rgb-lzw-tiled.tif", .rgb8(rgb), .lzw, tiled: true, expected: rgb)
        try tiff("gray-packbits.tif", .gray8(gray), .packBits, expected: gray)
        try tiff("gray16-lzw-be.tif", .gray16(gray16), .lzw, bigEndian: true, expected: gray)
        try tiff("rgb16-deflate.tif", .rgb16(rgb16), .deflate, expected: rgb16.map { SampleMath.to8($0) })
        try tiff("bitonal-g4.tif", .bitonal(bitonal), .group4, expected: bitonal.map { $0 == 1 ? 0 : 255 })
        try tiff("cmyk-lzw.tif", .cmyk8(cmyk), .lzw, expected: rgb)
        try tiff("rgb-jpeg.tif", .rgb8(rgb), .jpeg(quality: 95), expected: rgb, least: 40)
        let png = folder.path("rgb.png"), pngGray = folder.path("gray-interlaced.png"), jpeg = folder.path("rgb.jpg")
        try FixtureImageWriter.writePNG(rgb, width: w, height: h, channels: 3, dpi: 300, to: png)
        try FixtureImageWriter.writePNG(gray, width: w, height: h, channels: 1, dpi: 300, interlaced: true, to: pngGray)
        try FixtureImageWriter.writeJPEG(rgb, width: w, height: h, channels: 3, quality: 95, dpi: 300, to: jpeg)
        // The JPEG is written as cameras write it, chroma at half resolution, which the one-pixel colour
        // lines of the chart punish: about 24.5 dB (Pillow decodes it to the same figure).
        cases += [("rgb.png", png, rgb, 99), ("gray-interlaced.png", pngGray, gray, 99), ("rgb.jpg", jpeg, rgb, 23.5)]

        var lines: [String] = []
        for (name, url, expected, least) in cases {
            let format = try FormatIdentifier.identify(fileAt: url)
            let image = try #require(try MasterDecoder.fullImages(url).first, "\(name)")
            #expect(image.width == w && image.height == h, "\(name)")
            if least == 99 {
                #expect(image.pixels == expected, "\(name): decoded pixels differ from those written")
            } else {
                #expect(Self.psnr(image.pixels, expected) > least, "\(name): PSNR \(Self.psnr(image.pixels, expected))")
            }
            var technical: TechnicalMetadata?
            try MasterDecoder.decode(url, format: format, limits: DecodeLimits(), derivatives: nil) { technical = $0.technical }
            let dpi = try #require(technical?.dpi, "\(name) has no resolution")
            #expect(abs(dpi.x - 300) < 1, "\(name): \(dpi)")
            lines.append("\(name) \(image.width)x\(image.height) \(image.layout) \(technical!.compression) \(technical!.bitsPerSample) \(Self.checksum(image.pixels))")
        }
        if let mismatch = Golden.mismatch(lines.joined(separator: "\n") + "\n", golden: Golden.directory().appendingPathComponent("fixture-kinds.txt")) {
            Issue.record("\(mismatch)")
        }
    }

    @Test func aMultiPageTIFFIsSeveralPages() throws {
        let folder = TemporaryDirectory("multipage")
        let (rgb, gray) = Self.chart()
        let url = folder.path("multi.tif")
        try TIFFWriter.write([.init(width: Self.width, height: Self.height, pixels: .rgb8(rgb), dpi: 300, encoding: .lzw),
                              .init(width: Self.width, height: Self.height, pixels: .gray8(gray), dpi: 300, encoding: .lzw)], to: url)
        let pages = try MasterDecoder.fullImages(url)
        #expect(pages.map(\.layout) == [.rgb, .gray])
        #expect(pages[0].pixels == rgb && pages[1].pixels == gray)
    }
}
