/// Applies a TIFF/EXIF orientation (1...8) to a small in-memory image, so derivatives display upright.
/// Masters are never changed: their orientation tag is recorded in MIX instead.
enum Orientation {
    static func apply(_ orientation: Int, to image: PixelImage) -> PixelImage {
        guard (2...8).contains(orientation) else { return image }
        let w = image.width, h = image.height, c = image.channels
        let transposed = orientation >= 5
        let outW = transposed ? h : w, outH = transposed ? w : h
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<outH {
                    for x in 0..<outW {
                        // (sx, sy): the stored pixel shown at (x, y) for this orientation.
                        let (sx, sy): (Int, Int)
                        switch orientation {
                        case 2: (sx, sy) = (w - 1 - x, y)
                        case 3: (sx, sy) = (w - 1 - x, h - 1 - y)
                        case 4: (sx, sy) = (x, h - 1 - y)
                        case 5: (sx, sy) = (y, x)
                        case 6: (sx, sy) = (y, h - 1 - x)
                        case 7: (sx, sy) = (w - 1 - y, h - 1 - x)
                        default: (sx, sy) = (w - 1 - y, x)   // 8
                        }
                        let s = (sy * w + sx) * c, d = (y * outW + x) * c
                        for k in 0..<c { dst[d + k] = src[s + k] }
                    }
                }
            }
        }
        return PixelImage(width: outW, height: outH, layout: image.layout, pixels: out)
    }
}
