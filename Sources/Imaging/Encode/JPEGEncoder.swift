import CShims

/// Encodes access copies and thumbnails as baseline or progressive JPEG (libjpeg-turbo, optimised
/// Huffman tables). No ICC profile is embedded: derivatives are sRGB by assumption (see README).
public enum JPEGEncoder {
    /// How finely colour is sampled against brightness.
    public enum Chroma: Sendable {
        /// Half resolution (4:2:0) below quality 90; full resolution from 90 up, where the curator
        /// asked for fidelity and halving the colour of red ink or stamps costs more than it saves
        /// (measured: 29 dB against 39 dB on a colour chart at quality 92). libvips follows the same rule.
        case byQuality
        /// Half resolution always, as cameras and most scanners write JPEG.
        case half
        /// Full resolution always.
        case full

        func isFull(at quality: Int) -> Bool {
            switch self {
            case .byQuality: quality >= 90
            case .half: false
            case .full: true
            }
        }
    }

    public static func encode(_ image: PixelImage, quality: Int, progressive: Bool, dpi: Int?,
                              chroma: Chroma = .byQuality) throws -> [UInt8] {
        try image.pixels.withUnsafeBufferPointer { pixels in
            try encode(pixels.baseAddress!, width: image.width, height: image.height, channels: image.channels,
                       stride: image.width * image.channels, quality: quality, progressive: progressive, dpi: dpi, chroma: chroma)
        }
    }

    /// Encodes rows held elsewhere (a tile inside a band of rows): `height` rows of `width` pixels,
    /// `stride` bytes apart.
    static func encode(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, channels: Int, stride: Int,
                       quality: Int, progressive: Bool, dpi: Int?, chroma: Chroma = .byQuality,
                       optimizeCoding: Bool = true) throws -> [UInt8] {
        var status = shim_status.fresh()
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        let rc = shim_jpeg_encode(pixels, UInt32(width), UInt32(height), Int32(channels), stride,
                                  Int32(max(1, min(100, quality))), progressive ? 1 : 0, chroma.isFull(at: quality) ? 1 : 0,
                                  optimizeCoding ? 1 : 0, Int32(clamping: dpi ?? 0), Int32(clamping: dpi ?? 0), &out, &length, &status)
        guard rc == SHIM_OK, let out else {
            throw ImagingError.encodingFailed(path: "", message: status.messageText)
        }
        defer { shim_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }
}
