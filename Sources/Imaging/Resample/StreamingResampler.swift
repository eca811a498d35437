/// Reduces an image fed one row at a time, holding only a window of rows.
///
/// Large reductions first average k×k blocks (k = ⌊factor / 2⌋, so the Lanczos step that follows
/// still reduces by 2× or more and does real anti-aliasing, as Pillow's reducing gap of 2 does), then
/// apply Lanczos-3 separably: vertically as soon as the rows an output row needs have arrived,
/// then horizontally on that one row. RGB rows are widened to four floats per pixel so each filter
/// tap is one SIMD4 multiply-add. Work is done on the sRGB-encoded values (not linear light): for dark
/// text on light paper this keeps thin strokes legible in small copies, and it matches what libvips
/// and Pillow do by default, so outputs stay comparable.
final class StreamingResampler {
    let inputWidth: Int, inputHeight: Int
    let outputWidth: Int, outputHeight: Int
    let layout: PixelLayout

    private let shrink: Int
    private let shrunkWidth: Int, shrunkHeight: Int
    private var shrinkSums: [UInt32]
    private var shrinkRowsAccumulated = 0
    private var shrunkRowsEmitted = 0

    private let lanes: Int                 // floats per pixel in the window: 1 (gray) or 4 (RGB)
    private let vertical: LanczosWeights
    private let horizontal: LanczosWeights
    private var window: [Float]            // ring buffer of rows, each shrunkWidth × lanes floats
    private let windowRows: Int
    private var columnSums: [Float]        // one vertically filtered row
    private var nextOutputRow = 0
    private(set) var output: [UInt8]
    private let identity: Bool

    init(inputWidth: Int, inputHeight: Int, layout: PixelLayout, outputWidth: Int, outputHeight: Int) {
        self.inputWidth = inputWidth
        self.inputHeight = inputHeight
        self.outputWidth = outputWidth
        self.outputHeight = outputHeight
        self.layout = layout
        identity = inputWidth == outputWidth && inputHeight == outputHeight
        let factor = min(Double(inputWidth) / Double(outputWidth), Double(inputHeight) / Double(outputHeight))
        shrink = identity ? 1 : max(1, Int(factor / 2))
        shrunkWidth = (inputWidth + shrink - 1) / shrink
        shrunkHeight = (inputHeight + shrink - 1) / shrink
        shrinkSums = [UInt32](repeating: 0, count: shrink > 1 ? shrunkWidth * layout.channels : 0)
        lanes = layout == .gray ? 1 : 4
        vertical = LanczosWeights(inputSize: shrunkHeight, outputSize: outputHeight)
        horizontal = LanczosWeights(inputSize: shrunkWidth, outputSize: outputWidth)
        windowRows = identity ? 1 : vertical.maxCount + 2
        window = [Float](repeating: 0, count: identity ? 0 : windowRows * shrunkWidth * lanes)
        columnSums = [Float](repeating: 0, count: identity ? 0 : shrunkWidth * lanes)
        output = [UInt8](repeating: 0, count: outputWidth * outputHeight * layout.channels)
    }

    private var inputRowsSeen = 0

    /// Feeds the next input row (`inputWidth × channels` bytes).
    func push(row: UnsafePointer<UInt8>) {
        defer { inputRowsSeen += 1 }
        let channels = layout.channels
        if identity {
            output.withUnsafeMutableBufferPointer { out in
                (out.baseAddress! + inputRowsSeen * inputWidth * channels).update(from: row, count: inputWidth * channels)
            }
            return
        }
        if shrink == 1 {
            storeInWindow(row: row)
            return
        }
        // Sum k×k blocks; emit an averaged row every k input rows (fewer at the bottom edge).
        shrinkSums.withUnsafeMutableBufferPointer { sums in
            let s = sums.baseAddress!
            for x in 0..<inputWidth {
                let target = (x / shrink) * channels
                for c in 0..<channels { s[target + c] &+= UInt32(row[x * channels + c]) }
            }
        }
        shrinkRowsAccumulated += 1
        if shrinkRowsAccumulated == shrink || inputRowsSeen + 1 == inputHeight {
            emitShrunkRow()
        }
    }

    private func emitShrunkRow() {
        let channels = layout.channels
        var averaged = [UInt8](repeating: 0, count: shrunkWidth * channels)
        let rows = UInt32(shrinkRowsAccumulated)
        for bx in 0..<shrunkWidth {
            let columns = UInt32(min(shrink, inputWidth - bx * shrink))
            let count = rows * columns
            for c in 0..<channels {
                averaged[bx * channels + c] = UInt8((shrinkSums[bx * channels + c] + count / 2) / count)
            }
        }
        for i in shrinkSums.indices { shrinkSums[i] = 0 }
        shrinkRowsAccumulated = 0
        averaged.withUnsafeBufferPointer { storeInWindow(row: $0.baseAddress!) }
    }

    /// Stores one (shrunk) row as floats in the ring and produces every output row now complete.
    private func storeInWindow(row: UnsafePointer<UInt8>) {
        let rowIndex = shrunkRowsEmitted
        shrunkRowsEmitted += 1
        let rowFloats = shrunkWidth * lanes
        window.withUnsafeMutableBufferPointer { w in
            let destination = w.baseAddress! + (rowIndex % windowRows) * rowFloats
            if lanes == 1 {
                for x in 0..<shrunkWidth { destination[x] = Float(row[x]) }
            } else {
                for x in 0..<shrunkWidth {
                    destination[x * 4] = Float(row[x * 3])
                    destination[x * 4 + 1] = Float(row[x * 3 + 1])
                    destination[x * 4 + 2] = Float(row[x * 3 + 2])
                    destination[x * 4 + 3] = 0
                }
            }
        }
        while nextOutputRow < outputHeight {
            let start = vertical.starts[nextOutputRow]
            let count = vertical.counts[nextOutputRow]
            guard start + count <= shrunkRowsEmitted else { break }
            filterVertically(start: start, count: count, weightsAt: nextOutputRow * vertical.maxCount)
            filterHorizontally(into: nextOutputRow)
            nextOutputRow += 1
        }
    }

    private func filterVertically(start: Int, count: Int, weightsAt: Int) {
        let rowFloats = shrunkWidth * lanes
        columnSums.withUnsafeMutableBufferPointer { sums in
            window.withUnsafeBufferPointer { w in
                vertical.weights.withUnsafeBufferPointer { weights in
                    let acc = sums.baseAddress!
                    acc.update(repeating: 0, count: rowFloats)
                    for k in 0..<count {
                        let weight = weights[weightsAt + k]
                        let source = w.baseAddress! + ((start + k) % windowRows) * rowFloats
                        for i in 0..<rowFloats { acc[i] += weight * source[i] }
                    }
                }
            }
        }
    }

    private func filterHorizontally(into outputRow: Int) {
        let channels = layout.channels
        output.withUnsafeMutableBufferPointer { out in
            let destination = out.baseAddress! + outputRow * outputWidth * channels
            columnSums.withUnsafeBufferPointer { sums in
                horizontal.weights.withUnsafeBufferPointer { weights in
                    let maxCount = horizontal.maxCount
                    if lanes == 1 {
                        let source = sums.baseAddress!
                        for x in 0..<outputWidth {
                            let first = horizontal.starts[x]
                            var a: Float = 0, b: Float = 0
                            let count = horizontal.counts[x]
                            var k = 0
                            while k + 1 < count {
                                a += weights[x * maxCount + k] * source[first + k]
                                b += weights[x * maxCount + k + 1] * source[first + k + 1]
                                k += 2
                            }
                            if k < count { a += weights[x * maxCount + k] * source[first + k] }
                            destination[x] = Self.clamp(a + b)
                        }
                    } else {
                        UnsafeRawPointer(sums.baseAddress!).withMemoryRebound(to: SIMD4<Float>.self, capacity: shrunkWidth) { pixels in
                            for x in 0..<outputWidth {
                                let first = horizontal.starts[x]
                                var sum = SIMD4<Float>(repeating: 0)
                                for k in 0..<horizontal.counts[x] {
                                    sum += weights[x * maxCount + k] * pixels[first + k]
                                }
                                destination[x * 3] = Self.clamp(sum[0])
                                destination[x * 3 + 1] = Self.clamp(sum[1])
                                destination[x * 3 + 2] = Self.clamp(sum[2])
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func clamp(_ v: Float) -> UInt8 {
        UInt8(max(0, min(255, v + 0.5)))
    }

    /// The reduced image; valid once every input row was pushed.
    func finishedImage() -> PixelImage {
        precondition(inputRowsSeen == inputHeight, "resampler finished early")
        return PixelImage(width: outputWidth, height: outputHeight, layout: layout, pixels: output)
    }

    /// Reduces an image already in memory.
    static func resize(_ image: PixelImage, toWidth width: Int, height: Int) -> PixelImage {
        let resampler = StreamingResampler(inputWidth: image.width, inputHeight: image.height, layout: image.layout,
                                           outputWidth: width, outputHeight: height)
        let stride = image.width * image.channels
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<image.height { resampler.push(row: pixels.baseAddress! + y * stride) }
        }
        return resampler.finishedImage()
    }
}
