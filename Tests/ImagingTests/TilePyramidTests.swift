import FixtureKit
import Foundation
@testable import Imaging
import Testing
import TestSupport

/// Deep-zoom tiles: the IIIF Image API 3.0 geometry, info.json, orientation, the policy, and the
/// pixels against an independent decoder and downscale (libvips).
@Suite struct TilePyramidTests {
    /// A test chart with fine detail and a little grain, so JPEG has real work to do.
    static func chart(width: Int, height: Int) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var seed: UInt32 = 12345
        for y in 0..<height {
            for x in 0..<width {
                seed = seed &* 1_664_525 &+ 1_013_904_223
                let grain = Int(seed >> 30) - 2
                let ring = (Double((x - width / 2) * (x - width / 2) + (y - height / 3) * (y - height / 3))).squareRoot()
                var r = x * 255 / max(1, width - 1), g = y * 255 / max(1, height - 1), b = Int(128 + 120 * sin(ring / 11))
                if x % 61 < 2 || y % 47 < 2 { (r, g, b) = (25, 20, 30) }
                let i = (y * width + x) * 3
                rgb[i] = UInt8(clamping: r + grain); rgb[i + 1] = UInt8(clamping: g + grain); rgb[i + 2] = UInt8(clamping: b + grain)
            }
        }
        return rgb
    }

    // MARK: geometry

    struct Shape: Sendable, CustomStringConvertible {
        var width: Int, height: Int, factors: [Int], sizes: [[Int]], tiles: Int
        var description: String { "\(width)x\(height)" }
    }

    @Test(arguments: [
        Shape(width: 2480, height: 3508, factors: [1, 2, 4, 8, 16], sizes: [[155, 220], [310, 439]], tiles: 35 + 12 + 4 + 1 + 1),
        Shape(width: 9000, height: 12000, factors: [1, 2, 4, 8, 16, 32, 64], sizes: [[141, 188], [282, 375]],
              tiles: 432 + 108 + 30 + 9 + 4 + 1 + 1),
        Shape(width: 1300, height: 900, factors: [1, 2, 4, 8], sizes: [[163, 113], [325, 225]], tiles: 6 + 2 + 1 + 1),
        Shape(width: 300, height: 200, factors: [1, 2], sizes: [[150, 100], [300, 200]], tiles: 2),
    ])
    func geometryFollowsTheImageAPITileFormulaAndCanonicalPaths(shape: Shape) {
        let pyramid = TilePyramid(width: shape.width, height: shape.height, spec: TileSpec())
        #expect(pyramid.scaleFactors == shape.factors)
        #expect(pyramid.sizes.map { [$0.width, $0.height] } == shape.sizes)
        let tiles = pyramid.tiles
        #expect(tiles.count == shape.tiles)
        #expect(Set(tiles.map(\.path)).count == tiles.count, "every tile has its own path")
        for tile in tiles {
            // Image API 3.0 implementation notes §3, written out again here.
            let (t, s) = (512, tile.scaleFactor)
            let xr = tile.column * t * s, yr = tile.row * t * s
            let wr = xr + t * s > shape.width ? shape.width - xr : t * s
            let hr = yr + t * s > shape.height ? shape.height - yr : t * s
            let ws = xr + t * s > shape.width ? (shape.width - xr + s - 1) / s : t
            let hs = yr + t * s > shape.height ? (shape.height - yr + s - 1) / s : t
            let got: [Int] = [tile.x, tile.y, tile.regionWidth, tile.regionHeight, tile.width, tile.height]
            let want: [Int] = [xr, yr, wr, hr, ws, hs]
            #expect(got == want, "\(tile.path)")
            let whole = wr == shape.width && hr == shape.height
            let region = whole ? "full" : "\(xr),\(yr),\(wr),\(hr)"
            let size = ws == shape.width && hs == shape.height ? "max" : "\(ws),\(hs)"
            #expect(tile.path == "\(region)/\(size)/0/default.jpg")
        }
        // Every listed size is a file: a one-tile level, or the alias of the unreduced image.
        let paths = Set(tiles.map(\.path) + [pyramid.aliasPath])
        for size in pyramid.sizes {
            let unreduced = size.width == shape.width && size.height == shape.height
            #expect(paths.contains("full/\(size.width),\(size.height)/0/default.jpg"), "\(size)")
            if unreduced { #expect(paths.contains("full/max/0/default.jpg")) }
        }
        #expect(paths.contains("full/max/0/default.jpg"), "level 0 requires full/max")
    }

    @Test func infoJSONIsRenderedForTheIdGivenAtPublishTime() throws {
        var pyramid = TilePyramid(width: 2480, height: 3508, spec: TileSpec())
        pyramid.fileCount = 54
        let text = IIIFInfoJSON.render(pyramid, id: "https://archivo.example/iiif/BSH-0001/0001")
        let golden = TestPaths.packageRoot.appendingPathComponent("Tests/ImagingTests/Goldens/iiif-info-a4.json")
        if let difference = Golden.mismatch(text, golden: golden) { Issue.record("\(difference)") }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "ImageService3" && json["profile"] as? String == "level0")
        #expect(json["maxWidth"] as? Int == 310 && json["maxHeight"] as? Int == 439)
        // An id is text: quotes and backslashes cannot break the document.
        let odd = IIIFInfoJSON.render(pyramid, id: "https://x.example/a\"b\\c")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(odd.utf8)) as? [String: Any])
        #expect(parsed["id"] as? String == "https://x.example/a\"b\\c")
        // An image that fits in a tile unreduced needs no cap on `max`.
        let small = IIIFInfoJSON.render(TilePyramid(width: 300, height: 200, spec: TileSpec()), id: "https://x.example/p")
        #expect(!small.contains("maxWidth"))
    }

    @Test func writerHoldsAboutTwoBandsOfTheMasterNotTheWholeImage() {
        let folder = TemporaryDirectory("tile-memory")
        let writer = TilePyramidWriter(folder: folder.path("t"), storedWidth: 9000, storedHeight: 12000, layout: .rgb,
                                       orientation: 1, spec: TileSpec())
        let band = 512 * 9000 * 3
        #expect(writer.memory <= band * 2 + band / 8, "\(writer.memory) bytes for a 9000-pixel-wide page")
    }

    // MARK: pixels

    @Test func tilesMatchADownscaleByAnIndependentDecoder() throws {
        guard let vips = ExternalTools.pathOrSkip("vips", package: "libvips-tools") else { return }
        let folder = TemporaryDirectory("tiles-vips")
        // Sizes that are multiples of the deepest scale factor, so vips' box shrink is the same reduction.
        let (w, h) = (1280, 896)
        let master = folder.path("master.tif")
        try TIFFWriter.write([.init(width: w, height: h, pixels: .rgb8(Self.chart(width: w, height: h)), dpi: 300, encoding: .lzw)], to: master)
        let out = folder.path("iiif")
        // Quality 90 (full-resolution chroma) so that JPEG's own loss does not hide a misplaced tile.
        let request = TileRequest(spec: TileSpec(tileSize: 256, quality: 90), policy: .always, accessLongEdge: 2000) { _ in out }
        var found: TilePyramid?
        try MasterDecoder.decode(master, format: try FormatIdentifier.identify(fileAt: master), limits: DecodeLimits(),
                                 derivatives: nil, tiles: request) { found = $0.tiles }
        let pyramid = try #require(found)
        #expect(pyramid.scaleFactors == [1, 2, 4, 8])
        // Exactly the files the geometry names, and the description beside them.
        let expected = Set(pyramid.tiles.map(\.path) + [pyramid.aliasPath, TilePyramidFile.name])
        #expect(Set(TestDeployment.listFiles(out)) == expected)
        #expect(TilePyramidFile.read(from: out) == pyramid)
        #expect(pyramid.fileCount == expected.count - 1)

        var references: [Int: NetPBM] = [:]
        for s in pyramid.scaleFactors {
            let file = folder.path("reference-\(s).ppm")
            try ExternalTools.run(vips, ["shrink", master.path, file.path, "\(s)", "\(s)"])
            references[s] = try NetPBM(contentsOf: file)
        }
        var worst = 99.0
        for tile in pyramid.tiles {
            let decoded = folder.path("tile.ppm")
            try ExternalTools.run(vips, ["copy", out.appendingPathComponent(tile.path).path, decoded.path])
            let image = try NetPBM(contentsOf: decoded)
            #expect(image.width == tile.width && image.height == tile.height, "\(tile.path)")
            let reference = try #require(references[tile.scaleFactor])
            let expectedPixels = reference.crop(x: tile.x / tile.scaleFactor, y: tile.y / tile.scaleFactor, width: tile.width, height: tile.height)
            let quality = FixtureKindsTests.psnr(image.pixels, expectedPixels)
            worst = min(worst, quality)
            // Measured: 35.1 dB at worst (the 160×112 level), where vips' own JPEG of its reduction at the
            // same quality scores 35.2 dB, so JPEG is the whole difference; a tile one pixel off scores below 25.
            #expect(quality > 34, "\(tile.path): \(quality) dB from vips' reduction of the master")
        }
        print("tiles against vips shrink: worst tile \(String(format: "%.1f", worst)) dB")
        // The alias is the largest listed size, byte for byte.
        let largest = pyramid.largestSize
        #expect(try Data(contentsOf: out.appendingPathComponent(pyramid.aliasPath))
                == Data(contentsOf: out.appendingPathComponent("full/\(largest.width),\(largest.height)/0/default.jpg")))
    }

    /// The stored pixels of an upright image saved with `orientation` (the inverse of Orientation.apply).
    static func stored(_ upright: [UInt8], width w: Int, height h: Int, orientation: Int) -> (pixels: [UInt8], width: Int, height: Int) {
        let transposed = orientation >= 5
        let (sw, sh) = transposed ? (h, w) : (w, h)
        var out = [UInt8](repeating: 0, count: upright.count)
        for y in 0..<h {
            for x in 0..<w {
                let (sx, sy): (Int, Int)
                switch orientation {
                case 2: (sx, sy) = (sw - 1 - x, y)
                case 3: (sx, sy) = (sw - 1 - x, sh - 1 - y)
                case 4: (sx, sy) = (x, sh - 1 - y)
                case 5: (sx, sy) = (y, x)
                case 6: (sx, sy) = (y, sh - 1 - x)
                case 7: (sx, sy) = (sw - 1 - y, sh - 1 - x)
                case 8: (sx, sy) = (sw - 1 - y, x)
                default: (sx, sy) = (x, y)
                }
                for k in 0..<3 { out[(sy * sw + sx) * 3 + k] = upright[(y * w + x) * 3 + k] }
            }
        }
        return (out, sw, sh)
    }

    static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in TestDeployment.listFiles(folder) { result[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        return result
    }

    @Test func everyOrientationGivesTheTilesOfTheUprightImage() throws {
        let folder = TemporaryDirectory("tiles-orientation")
        // Odd sizes: partial tiles and unpaired last rows and columns at every level.
        let (w, h) = (701, 433)
        let upright = Self.chart(width: w, height: h)
        let spec = TileSpec(tileSize: 128, quality: 90, smallestLongEdge: 64)
        var reference: [String: Data]?
        for orientation in 1...8 {
            let (pixels, sw, sh) = Self.stored(upright, width: w, height: h, orientation: orientation)
            let out = folder.path("o\(orientation)")
            let writer = TilePyramidWriter(folder: out, storedWidth: sw, storedHeight: sh, layout: .rgb, orientation: orientation, spec: spec)
            try pixels.withUnsafeBufferPointer { buffer in
                for y in 0..<sh { try writer.push(row: buffer.baseAddress! + y * sw * 3) }
            }
            let pyramid = try writer.finish()
            #expect(pyramid.width == w && pyramid.height == h, "orientation \(orientation)")
            let files = try Self.files(in: out)
            if let reference {
                #expect(files == reference, "orientation \(orientation): tiles differ from the upright image's")
            } else {
                reference = files
                #expect(files.count == pyramid.tiles.count + 2)
            }
        }
    }

    // MARK: the policy and the decoder

    @Test func policyChoosesPagesAndJPEGMastersAreTiledAtFullSize() throws {
        let folder = TemporaryDirectory("tiles-policy")
        let (w, h) = (2400, 1800)
        let jpeg = folder.path("big.jpg")
        try FixtureImageWriter.writeJPEG(Self.chart(width: w, height: h), width: w, height: h, channels: 3, quality: 90, dpi: 300, to: jpeg)
        let small = folder.path("small.tif")
        try TIFFWriter.write([.init(width: 800, height: 600, pixels: .rgb8(Self.chart(width: 800, height: 600)), dpi: 300, encoding: .lzw)], to: small)
        // The access copy (1000 px) is smaller than both: auto tiles both; a 2000-px access copy only the JPEG.
        func run(_ url: URL, _ policy: TilePolicy, access: Int) throws -> DecodedPage {
            let out = folder.path("\(url.lastPathComponent)-\(policy)-\(access)")
            let request = TileRequest(spec: TileSpec(), policy: policy, accessLongEdge: access) { _ in out }
            var page: DecodedPage?
            try MasterDecoder.decode(url, format: try FormatIdentifier.identify(fileAt: url), limits: DecodeLimits(),
                                     derivatives: DerivativeSpec(accessLongEdge: access), tiles: request) { page = $0 }
            return try #require(page)
        }
        let big = try run(jpeg, .auto, access: 2000)
        #expect(big.tiles?.width == w && big.tiles?.height == h, "JPEG tiles come from the full-size decode")
        #expect(big.access?.width == 2000, "the access copy is still made in the same pass")
        #expect(try run(jpeg, .never, access: 2000).tiles == nil)
        #expect(try run(small, .auto, access: 2000).tiles == nil, "a master smaller than its access copy gets no tiles")
        #expect(try run(small, .auto, access: 600).tiles?.width == 800)
        #expect(try run(small, .always, access: 2000).tiles?.scaleFactors == [1, 2, 4])
    }

    @Test func aFolderThatCannotBeWrittenIsATypedError() throws {
        let folder = TemporaryDirectory("tiles-unwritable")
        let master = folder.path("m.tif")
        try TIFFWriter.write([.init(width: 700, height: 500, pixels: .rgb8(Self.chart(width: 700, height: 500)), dpi: 300, encoding: .lzw)], to: master)
        let blocker = folder.path("iiif")
        try Data("not a folder".utf8).write(to: blocker)
        let request = TileRequest(policy: .always, accessLongEdge: 2000) { _ in blocker }
        do {
            try MasterDecoder.decode(master, format: try FormatIdentifier.identify(fileAt: master), limits: DecodeLimits(),
                                     derivatives: nil, tiles: request) { _ in }
            Issue.record("tiles were written into a file")
        } catch let error as ImagingError {
            #expect(error.code == "derivative-write")
            #expect(error.archivistMessage.contains("memoria derive"))
        }
    }
}
