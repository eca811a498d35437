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
/// Inner loops are C kernels (CResampleKernels) on raw pointers: vertical eight samples per step,
/// accumulated in registers over all taps; horizontal two RGB taps per 8-float step, with the weights
/// laid out beforehand as the vector needs them (`LanczosWeights.rgbPairs`); then the row is rounded
/// and clamped in one vectorised pass. The block averaging is a C kernel too.
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
    private let horizontalPairs: [Float]                 // empty unless channels == 3
    private let filteredRow: UnsafeMutablePointer<Float> // one output row before rounding (+1 padding)
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
        horizontalPairs = layout.channels == 3 ? horizontal.rgbPairs() : []
        filteredRow = .allocate(capacity: outputWidth * layout.channels + 1)
        filteredRow.initialize(repeating: 0, count: outputWidth * layout.channels + 1)
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
        filteredRow.deallocate()
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
        shrinkSums.withUnsafeMutableBufferPointer { sums in
            memoria_shrink_accumulate(row, Int32(inputWidth), Int32(channels), Int32(shrink), sums.baseAddress!)
        }
        shrinkRowsAccumulated += 1
        if shrinkRowsAccumulated == shrink || inputRowsSeen + 1 == inputHeight {
            emitShrunkRow()
        }
    }

    private func emitShrunkRow() {
        shrunkRow.withUnsafeMutableBufferPointer { averaged in
            shrinkSums.withUnsafeMutableBufferPointer { sums in
                memoria_shrink_emit(sums.baseAddress!, Int32(shrunkWidth), Int32(channels), Int32(inputWidth), Int32(shrink),
                                    Int32(shrinkRowsAccumulated), averaged.baseAddress!)
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
            horizontalPairs.withUnsafeBufferPointer { pairs in
                memoria_horizontal(columnSums, Int32(channels), horizontalStarts, horizontalCounts, weights.baseAddress,
                                   Int32(horizontal.maxCount), pairs.baseAddress, filteredRow, Int32(outputWidth))
            }
        }
        output.withUnsafeMutableBufferPointer { out in
            memoria_float_to_u8(filteredRow, out.baseAddress! + outputRow * outputWidth * channels, Int32(outputWidth * channels))
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
