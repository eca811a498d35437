import CResampleKernels
import Foundation
@testable import Imaging
import Testing

/// The resampler's C kernels and the whole reduction against straightforward references written
/// here: integer block means, a per-sample rounding, and a Lanczos-3 reduction in Double precision
/// with its own tap computation (no SIMD, no weight tables, no ring of rows).
@Suite struct ResamplerKernelTests {
    /// Deterministic pseudo-random bytes (a linear congruential generator), with runs of 0 and 255
    /// so that clamping and overshoot at both ends are exercised.
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (0..<count).map { i in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = UInt8(truncatingIfNeeded: state >> 56)
            switch (i / 97) % 4 {
            case 0: return 255
            case 1: return value < 40 ? 0 : value
            default: return value
            }
        }
    }

    static func referenceShrink(_ pixels: [UInt8], width: Int, height: Int, channels: Int, k: Int) -> [UInt8] {
        let w = (width + k - 1) / k, h = (height + k - 1) / k
        var out = [UInt8](repeating: 0, count: w * h * channels)
        for by in 0..<h { for bx in 0..<w { for c in 0..<channels {
            var sum = 0, count = 0
            for y in (by * k)..<min(by * k + k, height) { for x in (bx * k)..<min(bx * k + k, width) {
                sum += Int(pixels[(y * width + x) * channels + c]); count += 1
            } }
            out[(by * w + bx) * channels + c] = UInt8((sum + count / 2) / count)
        } } }
        return out
    }

    static func referenceLanczos(_ pixels: [UInt8], width: Int, height: Int, channels: Int,
                                 to outWidth: Int, _ outHeight: Int) -> [Double] {
        func taps(_ inSize: Int, _ outSize: Int, _ o: Int) -> [(Int, Double)] {
            let scale = Double(inSize) / Double(outSize), filter = max(scale, 1), support = 3 * filter
            let center = (Double(o) + 0.5) * scale
            let lo = max(0, Int((center - support + 0.5).rounded(.down)))
            let hi = min(inSize, Int((center + support + 0.5).rounded(.down)))
            let raw = (lo..<max(lo, hi)).map { i -> (Int, Double) in
                let x = (Double(i) - center + 0.5) / filter
                if x == 0 { return (i, 1) }
                if abs(x) >= 3 { return (i, 0) }
                let px: Double = Double.pi * x
                let numerator: Double = 3 * sin(px) * sin(px / 3)
                return (i, numerator / (px * px))
            }
            let total = raw.reduce(0) { $0 + $1.1 }
            return raw.map { ($0.0, $0.1 / total) }
        }
        var out = [Double](repeating: 0, count: outWidth * outHeight * channels)
        for oy in 0..<outHeight {
            let rows = taps(height, outHeight, oy)
            for ox in 0..<outWidth {
                let columns = taps(width, outWidth, ox)
                for c in 0..<channels {
                    var sum = 0.0
                    for (y, wy) in rows { for (x, wx) in columns {
                        sum += wy * wx * Double(pixels[(y * width + x) * channels + c])
                    } }
                    out[(oy * outWidth + ox) * channels + c] = sum
                }
            }
        }
        return out
    }

    @Test(arguments: [(1, 2), (3, 2), (1, 3), (3, 3), (3, 5)])
    func blockMeansAreExactIntegerMeans(channels: Int, k: Int) {
        for (width, height) in [(37, 11), (64, 64), (5, 3)] {
            let pixels = Self.noise(width * height * channels, seed: UInt64(width * 31 + k))
            let shrunkWidth = (width + k - 1) / k
            var sums = [UInt32](repeating: 0, count: shrunkWidth * channels)
            var got: [UInt8] = []
            var row = [UInt8](repeating: 0, count: shrunkWidth * channels)
            var accumulated = 0
            for y in 0..<height {
                pixels.withUnsafeBufferPointer { p in
                    memoria_shrink_accumulate(p.baseAddress! + y * width * channels, Int32(width), Int32(channels), Int32(k), &sums)
                }
                accumulated += 1
                if accumulated == k || y + 1 == height {
                    memoria_shrink_emit(&sums, Int32(shrunkWidth), Int32(channels), Int32(width), Int32(k), Int32(accumulated), &row)
                    got += row
                    accumulated = 0
                    #expect(sums.allSatisfy { $0 == 0 }, "the sums are zeroed after each emitted row")
                }
            }
            let expected = Self.referenceShrink(pixels, width: width, height: height, channels: channels, k: k)
            #expect(got == expected, "\(width)×\(height), \(channels) channels, blocks of \(k)")
        }
    }

    @Test func roundingClampsToTheByteRange() {
        let values: [Float] = [-3, -0.5, -0.49, 0, 0.49, 0.5, 1.5, 2.5, 127.49, 127.5, 254.49, 254.5, 255, 300, .infinity, -.infinity]
        var out = [UInt8](repeating: 7, count: values.count)
        memoria_float_to_u8(values, &out, Int32(values.count))
        let expected = values.map { v -> UInt8 in
            let shifted = v + 0.5
            if shifted <= 0 { return 0 }
            if shifted >= 255 { return 255 }
            return UInt8(shifted.rounded(.towardZero))
        }
        #expect(out == expected)
    }

    /// Whole reductions (block means, then Lanczos-3) against the references: every sample within 1
    /// of the exact value rounded, and nearly all equal to it.
    @Test(arguments: [(3, 97, 61, 40, 25), (1, 97, 61, 40, 25), (3, 240, 180, 137, 103), (3, 300, 200, 41, 27),
                      (1, 300, 200, 41, 27), (3, 120, 90, 100, 75), (3, 64, 48, 64, 20)])
    func reductionsStayWithinOneOfAnExactReference(channels: Int, width: Int, height: Int, outWidth: Int, outHeight: Int) {
        let pixels = Self.noise(width * height * channels, seed: UInt64(width + height + channels))
        let layout: PixelLayout = channels == 3 ? .rgb : .gray
        let image = PixelImage(width: width, height: height, layout: layout, pixels: pixels)
        let reduced = StreamingResampler.resize(image, toWidth: outWidth, height: outHeight)
        let factor = min(Double(width) / Double(outWidth), Double(height) / Double(outHeight))
        let k = max(1, Int(factor / 2))
        let shrunk = k > 1 ? Self.referenceShrink(pixels, width: width, height: height, channels: channels, k: k) : pixels
        let exact = Self.referenceLanczos(shrunk, width: (width + k - 1) / k, height: (height + k - 1) / k, channels: channels,
                                          to: outWidth, outHeight)
        let expected = exact.map { UInt8(max(0, min(255, $0.rounded()))) }
        #expect(reduced.pixels.count == expected.count)
        let differences = zip(reduced.pixels, expected).map { abs(Int($0) - Int($1)) }
        let worst = differences.max() ?? 0
        let unequal = differences.filter { $0 != 0 }.count
        #expect(worst <= 1, "largest difference \(worst) in \(width)×\(height)→\(outWidth)×\(outHeight), \(channels) channels")
        #expect(unequal * 100 <= differences.count, "\(unequal) of \(differences.count) samples differ from the exact reduction")
    }
}
