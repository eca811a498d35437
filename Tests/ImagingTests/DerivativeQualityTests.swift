import FixtureKit
import Foundation
@testable import Imaging
import Testing
import TestSupport

/// Access copies against an independent reference: a direct Lanczos-3 reduction in Double precision,
/// written here without the production code's block averaging, SIMD or fixed tap tables.
@Suite struct DerivativeQualityTests {
    static let width = 1200, height = 900

    static func chart() -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                let ring = (Double((x - 600) * (x - 600) + (y - 450) * (y - 450))).squareRoot()
                var r = UInt8(x * 255 / (width - 1)), g = UInt8(y * 255 / (height - 1))
                var b = UInt8(128 + 127 * sin(ring / 9))
                if (x / 40 + y / 40) % 2 == 0 && x < 300 { r = 30; g = 30; b = 30 }
                if x % 97 < 2 || y % 89 < 2 { r = 0; g = 0; b = 0 }
                rgb[i] = r; rgb[i + 1] = g; rgb[i + 2] = b
            }
        }
        return rgb
    }

    static func reference(_ pixels: [UInt8], width: Int, height: Int, channels: Int, to outWidth: Int, _ outHeight: Int) -> [UInt8] {
        func lanczos(_ x: Double) -> Double {
            if x == 0 { return 1 }
            if abs(x) >= 3 { return 0 }
            let px = Double.pi * x
            return 3 * sin(px) * sin(px / 3) / (px * px)
        }
        func pass(_ input: [Double], inSize: Int, outSize: Int, stride: Int, lines: Int, lineStride: Int) -> [Double] {
            let scale = Double(inSize) / Double(outSize), support = 3 * max(scale, 1)
            var output = [Double](repeating: 0, count: lines * outSize * channels)
            for line in 0..<lines {
                for o in 0..<outSize {
                    let center = (Double(o) + 0.5) * scale
                    let lo = max(0, Int((center - support + 0.5).rounded(.down))), hi = min(inSize, Int((center + support + 0.5).rounded(.down)))
                    var weights: [Double] = []
                    for i in lo..<hi { weights.append(lanczos((Double(i) - center + 0.5) / max(scale, 1))) }
                    let total = weights.reduce(0, +)
                    for c in 0..<channels {
                        var sum = 0.0
                        for (k, i) in (lo..<hi).enumerated() { sum += weights[k] / total * input[line * lineStride + i * stride + c] }
                        output[(line * outSize + o) * channels + c] = sum
                    }
                }
            }
            return output
        }
        let input = pixels.map(Double.init)
        // Horizontal: each row; then vertical on the transposed result.
        let horizontal = pass(input, inSize: width, outSize: outWidth, stride: channels, lines: height, lineStride: width * channels)
        var transposed = [Double](repeating: 0, count: horizontal.count)
        for y in 0..<height { for x in 0..<outWidth { for c in 0..<channels { transposed[(x * height + y) * channels + c] = horizontal[(y * outWidth + x) * channels + c] } } }
        let vertical = pass(transposed, inSize: height, outSize: outHeight, stride: channels, lines: outWidth, lineStride: height * channels)
        var result = [UInt8](repeating: 0, count: outWidth * outHeight * channels)
        for x in 0..<outWidth { for y in 0..<outHeight { for c in 0..<channels {
            result[(y * outWidth + x) * channels + c] = UInt8(max(0, min(255, vertical[(x * outHeight + y) * channels + c].rounded())))
        } } }
        return result
    }

    func access(of url: URL, longEdge: Int) throws -> (PixelImage, DecodedPage) {
        let format = try FormatIdentifier.identify(fileAt: url)
        var result: DecodedPage?
        try MasterDecoder.decode(url, format: format, limits: DecodeLimits(),
                                 derivatives: DerivativeSpec(accessLongEdge: longEdge, accessQuality: 92, thumbnailLongEdge: 100)) { result = $0 }
        let page = try #require(result)
        let folder = TemporaryDirectory("access")
        let file = folder.path("a.jpg")
        try Data(page.access!.jpeg).write(to: file)
        let image = try withExtendedLifetime(folder) { try #require(try MasterDecoder.fullImages(file).first) }
        return (image, page)
    }

    @Test func accessCopiesMatchAnIndependentReductionIncluding16BitAndCMYKMasters() throws {
        let folder = TemporaryDirectory("quality")
        let rgb = Self.chart()
        let (w, h) = (Self.width, Self.height)
        let reference = Self.reference(rgb, width: w, height: h, channels: 3, to: 400, 300)
        let wide: [UInt16] = rgb.map { UInt16($0) * 257 }
        let masters: [(String, TIFFWriter.Page.Pixels)] = [
            ("rgb8.tif", .rgb8(rgb)), ("rgb16.tif", .rgb16(wide)), ("cmyk.tif", .cmyk8(FixtureKindsTests.cmyk(rgb))),
        ]
        for (name, pixels) in masters {
            let url = folder.path(name)
            try TIFFWriter.write([.init(width: w, height: h, pixels: pixels, dpi: 300, encoding: .lzw)], to: url)
            let (image, page) = try access(of: url, longEdge: 400)
            #expect(image.width == 400 && image.height == 300, "\(name)")
            let quality = FixtureKindsTests.psnr(image.pixels, reference)
            #expect(quality > 36, "\(name): access copy is \(quality) dB from the reference")
            // The thumbnail is a valid JPEG of the right size, made from the access copy.
            #expect(page.thumbnail?.width == 100 && page.thumbnail?.height == 75)
            #expect(page.access!.jpeg.starts(with: [0xFF, 0xD8]))
            #expect(page.access!.jpeg.windowsContains([0xFF, 0xC2]), "\(name): the access copy is progressive")
        }
    }

    @Test func exifOrientationIsAppliedToDerivativesAndRecorded() throws {
        let folder = TemporaryDirectory("orientation")
        let rgb = Self.chart()
        let (w, h) = (Self.width, Self.height)
        // Stored rotated 90° counter-clockwise with orientation 6: displayed upright.
        var rotated = [UInt8](repeating: 0, count: rgb.count)
        for y in 0..<w { for x in 0..<h { for c in 0..<3 { rotated[(y * h + x) * 3 + c] = rgb[(x * w + (w - 1 - y)) * 3 + c] } } }
        let url = folder.path("rotated.jpg")
        try FixtureImageWriter.writeJPEG(rotated, width: h, height: w, channels: 3, quality: 95, dpi: 300, exifOrientation: 6, to: url)
        let (image, page) = try access(of: url, longEdge: 400)
        #expect(page.technical.orientation == 6)
        #expect(image.width == 400 && image.height == 300, "displayed upright: \(image.width)x\(image.height)")
        let quality = FixtureKindsTests.psnr(image.pixels, Self.reference(rgb, width: w, height: h, channels: 3, to: 400, 300))
        // The master itself is a camera-style JPEG (chroma at half resolution), which costs ~10 dB on this
        // chart; a wrong turn or mirror scores below 15.
        #expect(quality > 27, "rotated access copy is \(quality) dB from the upright reference")
    }

    @Test func headersDeclaringHugeImagesAreRefusedBeforeAnyAllocation() throws {
        let folder = TemporaryDirectory("bombs")
        // An LZW TIFF claiming 100000 × 100000 gray (10 GB of pixels) in a few bytes.
        var tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00]
        let entries: [(UInt16, UInt16, UInt32, UInt32)] = [(256, 4, 1, 100_000), (257, 4, 1, 100_000), (258, 3, 1, 8), (259, 3, 1, 5),
                                                          (262, 3, 1, 1), (273, 4, 1, 200), (277, 3, 1, 1), (278, 4, 1, 100_000), (279, 4, 1, 16)]
        tiff += withUnsafeBytes(of: UInt16(entries.count).littleEndian, Array.init)
        for (tag, type, count, value) in entries {
            tiff += withUnsafeBytes(of: tag.littleEndian, Array.init) + withUnsafeBytes(of: type.littleEndian, Array.init)
                + withUnsafeBytes(of: count.littleEndian, Array.init) + withUnsafeBytes(of: value.littleEndian, Array.init)
        }
        tiff += [0, 0, 0, 0] + [UInt8](repeating: 0, count: 100)
        let url = folder.path("bomb.tif")
        try Data(tiff).write(to: url)
        do {
            _ = try MasterDecoder.decode(url, format: try FormatIdentifier.identify(fileAt: url), limits: DecodeLimits(maxPixels: 300_000_000),
                                         derivatives: DerivativeSpec()) { _ in }
            Issue.record("the bomb was accepted")
        } catch let error as ImagingError {
            #expect(error == .exceedsPixelLimit(path: url.path, width: 100_000, height: 100_000, limit: 300_000_000))
        }
        // The same limit applies to JPEG and PNG headers.
        let (rgb, _) = FixtureKindsTests.chart()
        let jpeg = folder.path("big.jpg"), png = folder.path("big.png")
        try FixtureImageWriter.writeJPEG(rgb, width: FixtureKindsTests.width, height: FixtureKindsTests.height, channels: 3, quality: 90, dpi: 72, to: jpeg)
        try FixtureImageWriter.writePNG(rgb, width: FixtureKindsTests.width, height: FixtureKindsTests.height, channels: 3, dpi: 72, to: png)
        for url in [jpeg, png] {
            #expect(throws: ImagingError.self) {
                try MasterDecoder.decode(url, format: try FormatIdentifier.identify(fileAt: url), limits: DecodeLimits(maxPixels: 1000),
                                         derivatives: nil) { _ in }
            }
        }
    }

    @Test func formatsAreIdentifiedByContentNotExtension() throws {
        let folder = TemporaryDirectory("identify")
        let (rgb, _) = FixtureKindsTests.chart()
        let url = folder.path("looks-like.tif")
        try FixtureImageWriter.writeJPEG(rgb, width: FixtureKindsTests.width, height: FixtureKindsTests.height, channels: 3, quality: 90, dpi: 72, to: url)
        let format = try FormatIdentifier.identify(fileAt: url)
        #expect(format.kind == .jpeg && format.mimeType == "image/jpeg")
        #expect(FormatIdentifier.identify(bytes: Array("%PDF-1.4\n".utf8)).pronomID == "fmt/18")
        #expect(FormatIdentifier.identify(bytes: [0x4D, 0x4D, 0x00, 0x2B, 0, 8, 0, 0]).kind == .bigTIFF)
        #expect(FormatIdentifier.identify(bytes: [0x49, 0x49, 0x2A, 0x00]).pronomID == "fmt/353")
        #expect(FormatIdentifier.identify(bytes: [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]).pronomID == "x-fmt/392")
        #expect(FormatIdentifier.identify(bytes: []).kind == .empty)
        #expect(FormatIdentifier.identify(bytes: Array("PK\u{3}\u{4}".utf8)).kind == .zip)
    }
}

extension Array where Element == UInt8 {
    func windowsContains(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        for i in 0...(count - needle.count) where self[i] == needle[0] && Array(self[i..<(i + needle.count)]) == needle { return true }
        return false
    }
}
