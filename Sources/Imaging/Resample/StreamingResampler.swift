import CResampleKernels

/// Reduces an image fed one row at a time, holding only a window of rows.
///
/// Large reductions first average k×k blocks (k = ⌊factor / 2⌋, so the Lanczos step that follows
/// still reduces by 2× or more and does real anti-aliasing, as Pillow's reducing gap of 2 does), then
/// apply Lanczos-3 separably: vertically as soon as the rows an output row needs have arrived,
/// then horizontally on that one row. Work is done on the sRGB-encoded values (not linear light): for
/// dark text on light paper this keeps thin strokes legible in small copies, and it matches what
/// libvips and Pillow do by default, so outputs stay comparable.
///
/// Inner loops run on raw pointers with SIMD8 (vertical: eight samples per step, accumulated in
/// registers over all taps) and SIMD4 (horizontal: one RGB pixel per step, read unaligned from the
/// packed row, which carries one float of padding).
final class StreamingResampler {
    let inputWidth: Int, inputHeight: Int
    let outputWidth: Int, outputHeight: Int
    let layout: PixelLayout

    private let shrink: Int
    private let shrunkWidth: Int, shrunkHeight: Int
    private var shrinkSums: [UInt32]
    private var shrunkRow: [UInt8]
    private var shrinkRowsAccumulated = 0
    private var shrunkRowsEmitted = 0

    private let channels: Int
    private let rowFloats: Int                 // shrunkWidth × channels
    private let vertical: LanczosWeights
    private let horizontal: LanczosWeights
    private let window: UnsafeMutablePointer<Float>      // ring of rows, each rowFloats (+1 padding)
    private let windowRows: Int
    private let columnSums: UnsafeMutablePointer<Float>  // one vertically filtered row (+ padding)
    private let sources: UnsafeMutablePointer<UnsafePointer<Float>?>
    private let horizontalStarts: [Int32]
    private let horizontalCounts: [Int32]
    private var nextOutputRow = 0
    private(set) var output: [UInt8]
    private let identity: Bool
    private var inputRowsSeen = 0

    init(inputWidth: Int, inputHeight: Int, layout: PixelLayout, outputWidth: Int, outputHeight: Int) {
        self.inputWidth = inputWidth
        self.inputHeight = inputHeight
        self.outputWidth = outputWidth
        self.outputHeight = outputHeight
        self.layout = layout
        channels = layout.channels
        identity = inputWidth == outputWidth && inputHeight == outputHeight
        let factor = min(Double(inputWidth) / Double(outputWidth), Double(inputHeight) / Double(outputHeight))
        shrink = identity ? 1 : max(1, Int(factor / 2))
        shrunkWidth = (inputWidth + shrink - 1) / shrink
        shrunkHeight = (inputHeight + shrink - 1) / shrink
        shrinkSums = [UInt32](repeating: 0, count: shrink > 1 ? shrunkWidth * layout.channels : 0)
        shrunkRow = [UInt8](repeating: 0, count: shrink > 1 ? shrunkWidth * layout.channels : 0)
        rowFloats = shrunkWidth * layout.channels
        vertical = LanczosWeights(inputSize: shrunkHeight, outputSize: outputHeight)
        horizontal = LanczosWeights(inputSize: shrunkWidth, outputSize: outputWidth)
        horizontalStarts = horizontal.starts.map { Int32($0) }
        horizontalCounts = horizontal.counts.map { Int32($0) }
        windowRows = identity ? 1 : vertical.maxCount + 2
        window = .allocate(capacity: windowRows * (rowFloats + 8))
        window.initialize(repeating: 0, count: windowRows * (rowFloats + 8))
        columnSums = .allocate(capacity: rowFloats + 8)
        columnSums.initialize(repeating: 0, count: rowFloats + 8)
        sources = .allocate(capacity: max(1, vertical.maxCount))
        sources.initialize(repeating: nil, count: max(1, vertical.maxCount))
        // Every byte is written before it is read: skip zero-filling 8 MB per page.
        output = [UInt8](unsafeUninitializedCapacity: outputWidth * outputHeight * layout.channels) { _, count in
            count = outputWidth * outputHeight * layout.channels
        }
    }

    deinit {
        window.deallocate()
        columnSums.deallocate()
        sources.deallocate()
    }

    /// Feeds the next input row (`inputWidth × channels` bytes).
    func push(row: UnsafePointer<UInt8>) {
        defer { inputRowsSeen += 1 }
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
        let k = shrink, c = channels, width = inputWidth
        shrinkSums.withUnsafeMutableBufferPointer { sums in
            let s = sums.baseAddress!
            var x = 0
            var target = 0
            while x < width {
                let end = min(x + k, width)
                for xx in x..<end {
                    for ch in 0..<c { s[target + ch] &+= UInt32(row[xx * c + ch]) }
                }
                x = end
                target += c
            }
        }
        shrinkRowsAccumulated += 1
        if shrinkRowsAccumulated == shrink || inputRowsSeen + 1 == inputHeight {
            emitShrunkRow()
        }
    }

    private func emitShrunkRow() {
        let rows = UInt32(shrinkRowsAccumulated)
        let c = channels
        shrunkRow.withUnsafeMutableBufferPointer { averaged in
            shrinkSums.withUnsafeMutableBufferPointer { sums in
                for bx in 0..<shrunkWidth {
                    let columns = UInt32(min(shrink, inputWidth - bx * shrink))
                    let count = rows * columns
                    for ch in 0..<c {
                        averaged[bx * c + ch] = UInt8((sums[bx * c + ch] + count / 2) / count)
                        sums[bx * c + ch] = 0
                    }
                }
            }
            storeInWindow(row: UnsafePointer(averaged.baseAddress!))
        }
        shrinkRowsAccumulated = 0
    }

    /// Stores one (shrunk) row as floats in the ring and produces every output row now complete.
    private func storeInWindow(row: UnsafePointer<UInt8>) {
        let rowIndex = shrunkRowsEmitted
        shrunkRowsEmitted += 1
        let destination = window + (rowIndex % windowRows) * (rowFloats + 8)
        memoria_u8_to_float(row, destination, Int32(rowFloats))
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
        for k in 0..<count { sources[k] = UnsafePointer(window + ((start + k) % windowRows) * (rowFloats + 8)) }
        vertical.weights.withUnsafeBufferPointer { weights in
            memoria_vertical(sources, weights.baseAddress! + weightsAt, Int32(count), columnSums, Int32(rowFloats))
        }
    }

    private func filterHorizontally(into outputRow: Int) {
        horizontal.weights.withUnsafeBufferPointer { weights in
            output.withUnsafeMutableBufferPointer { out in
                memoria_horizontal(columnSums, Int32(channels), horizontalStarts, horizontalCounts, weights.baseAddress,
                                   Int32(horizontal.maxCount), out.baseAddress! + outputRow * outputWidth * channels, Int32(outputWidth))
            }
        }
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
