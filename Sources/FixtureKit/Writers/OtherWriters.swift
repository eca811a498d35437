import CShims
import Foundation
import Imaging

/// PNG and JPEG fixture writers.
public enum FixtureImageWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// 8-bit gray (channels 1) or RGB (3) PNG.
    public static func writePNG(_ pixels: [UInt8], width: Int, height: Int, channels: Int, dpi: Int,
                                interlaced: Bool = false, to url: URL) throws {
        var status = shim_status.fresh()
        let rc = pixels.withUnsafeBufferPointer {
            shim_png_write_file(url.path, $0.baseAddress, UInt32(width), UInt32(height), Int32(channels), 8,
                                width * channels, interlaced ? 1 : 0, UInt32((Double(dpi) / 0.0254).rounded()), &status)
        }
        if rc != SHIM_OK { throw WriteError(description: "libpng: \(status.messageText)") }
    }

    /// JPEG, optionally with an EXIF block carrying an orientation tag (as cameras write it).
    public static func writeJPEG(_ pixels: [UInt8], width: Int, height: Int, channels: Int, quality: Int,
                                 dpi: Int, exifOrientation: Int? = nil, to url: URL) throws {
        let image = PixelImage(width: width, height: height, layout: channels == 1 ? .gray : .rgb, pixels: pixels)
        var bytes = try JPEGEncoder.encode(image, quality: quality, progressive: false, dpi: dpi, chroma: .half)
        if let orientation = exifOrientation {
            bytes.insert(contentsOf: exifSegment(orientation: orientation), at: 2)
        }
        try Data(bytes).write(to: url)
    }

    /// APP1 "Exif" with a little-endian TIFF header and one IFD entry: Orientation.
    static func exifSegment(orientation: Int) -> [UInt8] {
        var tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00]   // II*, IFD at 8
        tiff += [0x01, 0x00]                                                   // one entry
        tiff += [0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, UInt8(orientation), 0x00, 0x00, 0x00]
        tiff += [0x00, 0x00, 0x00, 0x00]                                       // no next IFD
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
}
