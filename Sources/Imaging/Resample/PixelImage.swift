/// A small decoded image held in memory (access copies and thumbnails, never whole masters).
public struct PixelImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var layout: PixelLayout
    /// Rows top to bottom, `width × channels` bytes each, no padding.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, layout: PixelLayout, pixels: [UInt8]) {
        precondition(pixels.count == width * height * layout.channels, "pixel buffer size mismatch")
        self.width = width
        self.height = height
        self.layout = layout
        self.pixels = pixels
    }

    public var channels: Int { layout.channels }

    /// Size of an image of this aspect ratio whose long edge is at most `longEdge` (never enlarged).
    public static func fittedSize(width: Int, height: Int, longEdge: Int) -> (width: Int, height: Int) {
        let long = max(width, height)
        guard long > longEdge, longEdge > 0 else { return (width, height) }
        let scale = Double(longEdge) / Double(long)
        if width >= height {
            return (longEdge, max(1, Int((Double(height) * scale).rounded())))
        }
        return (max(1, Int((Double(width) * scale).rounded())), longEdge)
    }
}
