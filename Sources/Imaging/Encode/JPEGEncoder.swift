import CShims

/// Encodes access copies and thumbnails as baseline or progressive JPEG (libjpeg-turbo, optimised
/// Huffman tables). No ICC profile is embedded: derivatives are sRGB by assumption (see README).
public enum JPEGEncoder {
    public static func encode(_ image: PixelImage, quality: Int, progressive: Bool, dpi: Int?) throws -> [UInt8] {
        var status = shim_status.fresh()
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        let rc = image.pixels.withUnsafeBufferPointer { pixels in
            shim_jpeg_encode(pixels.baseAddress, UInt32(image.width), UInt32(image.height), Int32(image.channels),
                             image.width * image.channels, Int32(max(1, min(100, quality))), progressive ? 1 : 0,
                             Int32(dpi ?? 0), Int32(dpi ?? 0), &out, &length, &status)
        }
        guard rc == SHIM_OK, let out else {
            throw ImagingError.encodingFailed(path: "", message: status.messageText)
        }
        defer { shim_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }
}
