import CShims
import CTIFF
import Foundation

/// Writes fixture TIFFs through libtiff: the encodings scanning stations produce.
public enum TIFFWriter {
    public enum Encoding: Sendable {
        case uncompressed, lzw, deflate, packBits, group4, jpeg(quality: Int)
    }

    public enum WriterError: Error, CustomStringConvertible {
        case libtiff(String)
        public var description: String {
            switch self { case .libtiff(let message): return "libtiff: \(message)" }
        }
    }

    /// One page to write. `samples` holds 8-bit or 16-bit values (16-bit as native UInt16 bytes),
    /// or 1 bit per pixel (1 = black) for bitonal pages.
    public struct Page {
        public enum Pixels { case gray8([UInt8]), rgb8([UInt8]), gray16([UInt16]), rgb16([UInt16]), bitonal([UInt8]), cmyk8([UInt8]) }
        public var width: Int
        public var height: Int
        public var pixels: Pixels
        public var dpi: Int
        public var encoding: Encoding
        public var rowsPerStrip: Int = 64
        public var tileSize: Int? = nil
        public var software = "memoria-fixtures"

        public init(width: Int, height: Int, pixels: Pixels, dpi: Int, encoding: Encoding) {
            self.width = width
            self.height = height
            self.pixels = pixels
            self.dpi = dpi
            self.encoding = encoding
        }
    }

    /// Writes one or more pages (multi-page TIFF) to `url`, in little- or big-endian byte order.
    public static func write(_ pages: [Page], to url: URL, bigEndian: Bool = false) throws {
        var status = shim_status.fresh()
        guard let handle = shim_tiff_open(url.path, bigEndian ? "wb" : "wl", 0, &status) else {
            throw WriterError.libtiff(status.messageText)
        }
        defer { shim_tiff_close(handle) }
        let tif = handle.pointee.tif!
        for page in pages {
            try writePage(page, tif: tif)
            if handle.pointee.status.code != SHIM_OK { throw WriterError.libtiff(handle.pointee.status.messageText) }
        }
    }

    private static func writePage(_ page: Page, tif: OpaquePointer) throws {
        func set16(_ tag: Int32, _ value: Int) { _ = shim_tiff_set_u16(tif, UInt32(tag), UInt16(value)) }
        func set32(_ tag: Int32, _ value: Int) { _ = shim_tiff_set_u32(tif, UInt32(tag), UInt32(value)) }
        set32(TIFFTAG_IMAGEWIDTH, page.width)
        set32(TIFFTAG_IMAGELENGTH, page.height)
        set16(TIFFTAG_PLANARCONFIG, Int(PLANARCONFIG_CONTIG))
        set16(TIFFTAG_RESOLUTIONUNIT, Int(RESUNIT_INCH))
        _ = shim_tiff_set_float(tif, UInt32(TIFFTAG_XRESOLUTION), Float(page.dpi))
        _ = shim_tiff_set_float(tif, UInt32(TIFFTAG_YRESOLUTION), Float(page.dpi))
        _ = shim_tiff_set_string(tif, UInt32(TIFFTAG_SOFTWARE), page.software)
        let (bits, samples, photometric): (Int, Int, Int32)
        switch page.pixels {
        case .gray8: (bits, samples, photometric) = (8, 1, PHOTOMETRIC_MINISBLACK)
        case .rgb8: (bits, samples, photometric) = (8, 3, PHOTOMETRIC_RGB)
        case .gray16: (bits, samples, photometric) = (16, 1, PHOTOMETRIC_MINISBLACK)
        case .rgb16: (bits, samples, photometric) = (16, 3, PHOTOMETRIC_RGB)
        case .bitonal: (bits, samples, photometric) = (1, 1, PHOTOMETRIC_MINISWHITE)
        case .cmyk8: (bits, samples, photometric) = (8, 4, PHOTOMETRIC_SEPARATED)
        }
        if case .cmyk8 = page.pixels { set16(TIFFTAG_INKSET, Int(INKSET_CMYK)) }
        set16(TIFFTAG_BITSPERSAMPLE, bits)
        set16(TIFFTAG_SAMPLESPERPIXEL, samples)
        set16(TIFFTAG_PHOTOMETRIC, Int(photometric))
        switch page.encoding {
        case .uncompressed: set16(TIFFTAG_COMPRESSION, Int(COMPRESSION_NONE))
        case .lzw:
            set16(TIFFTAG_COMPRESSION, Int(COMPRESSION_LZW))
            set16(TIFFTAG_PREDICTOR, bits == 16 ? 2 : 1)
        case .deflate:
            set16(TIFFTAG_COMPRESSION, Int(COMPRESSION_ADOBE_DEFLATE))
            set16(TIFFTAG_PREDICTOR, 2)
        case .packBits: set16(TIFFTAG_COMPRESSION, Int(COMPRESSION_PACKBITS))
        case .group4: set16(TIFFTAG_COMPRESSION, Int(COMPRESSION_CCITTFAX4))
        case .jpeg(let quality):
            set16(TIFFTAG_COMPRESSION, Int(COMPRESSION_JPEG))
            _ = shim_tiff_set_u32(tif, UInt32(TIFFTAG_JPEGQUALITY), UInt32(quality))
        }
        let rowBytes = (page.width * samples * bits + 7) / 8
        var rowsPerStrip = page.rowsPerStrip
        if case .group4 = page.encoding { rowsPerStrip = page.height }
        if case .jpeg = page.encoding { rowsPerStrip = max(8, (rowsPerStrip / 8) * 8) }
        if let tile = page.tileSize {
            set32(TIFFTAG_TILEWIDTH, tile)
            set32(TIFFTAG_TILELENGTH, tile)
        } else {
            set32(TIFFTAG_ROWSPERSTRIP, min(rowsPerStrip, page.height))
        }

        // Pack all rows into one contiguous raw buffer.
        var raw = [UInt8](repeating: 0, count: rowBytes * page.height)
        switch page.pixels {
        case .gray8(let p), .rgb8(let p), .cmyk8(let p): raw = p
        case .gray16(let p), .rgb16(let p): raw = p.withUnsafeBytes { Array($0) }
        case .bitonal(let p):
            for y in 0..<page.height {
                for x in 0..<page.width where p[y * page.width + x] != 0 {
                    raw[y * rowBytes + x / 8] |= 0x80 >> UInt8(x % 8)
                }
            }
        }
        let bytesPerPixel = samples * bits / 8
        if let tile = page.tileSize {
            var buffer = [UInt8](repeating: 0, count: tile * tile * bytesPerPixel)
            for ty in stride(from: 0, to: page.height, by: tile) {
                for tx in stride(from: 0, to: page.width, by: tile) {
                    for i in buffer.indices { buffer[i] = 0 }
                    for r in 0..<min(tile, page.height - ty) {
                        let count = min(tile, page.width - tx) * bytesPerPixel
                        let source = (ty + r) * rowBytes + tx * bytesPerPixel
                        for b in 0..<count { buffer[r * tile * bytesPerPixel + b] = raw[source + b] }
                    }
                    let written = buffer.withUnsafeMutableBytes {
                        TIFFWriteTile(tif, $0.baseAddress, UInt32(tx), UInt32(ty), 0, 0)
                    }
                    if written < 0 { throw WriterError.libtiff("cannot write tile") }
                }
            }
        } else {
            for y in 0..<page.height {
                let ok = raw.withUnsafeMutableBytes { TIFFWriteScanline(tif, $0.baseAddress! + y * rowBytes, UInt32(y), 0) }
                if ok != 1 { throw WriterError.libtiff("cannot write row \(y)") }
            }
        }
        if TIFFWriteDirectory(tif) != 1 { throw WriterError.libtiff("cannot write the directory") }
    }
}

extension shim_status {
    static func fresh() -> shim_status { var s = shim_status(); shim_status_reset(&s); return s }
    var messageText: String {
        withUnsafeBytes(of: message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
