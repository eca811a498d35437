import CShims
import CTIFF
import Foundation

/// Decodes one TIFF directory row by row into gray8/rgb8.
///
/// Direct paths cover what scanning stations produce: strips or tiles, contiguous or separate
/// planes, 1/2/4/8/16-bit gray (either polarity), palette, RGB and CMYK, with or without alpha;
/// JPEG-in-TIFF is decoded by libtiff to RGB. Other photometric kinds go through libtiff's RGBA
/// interface when it accepts them; the rest is refused as unsupported with libtiff's own reason.
final class TIFFPageSource: PageRowSource {
    private unowned let file: TIFFFile
    var path: String { file.path }
    private let handle: UnsafeMutablePointer<shim_tiff>
    private var tif: OpaquePointer { handle.pointee.tif }
    let technical: TechnicalMetadata
    let layout: PixelLayout
    let outputWidth: Int
    let outputHeight: Int

    private enum Mode { case direct, rgba }
    private let mode: Mode
    private let bits: Int
    private let samples: Int
    private let photometric: UInt16
    private let separate: Bool
    private let tiled: Bool
    private let tileWidth: Int
    private let tileLength: Int
    private let rowsPerStrip: Int
    private let alphaIndex: Int?
    private let alphaAssociated: Bool
    private var colormap: [[UInt8]] = []
    private var nextRow = 0

    // Band of decoded raw rows (tiles, separate planes, RGBA strips).
    private var band: [UInt8] = []
    private var bandStart = 0
    private var bandRows = 0
    private var scanline: [UInt8] = []

    init(file: TIFFFile, handle: UnsafeMutablePointer<shim_tiff>) throws {
        self.file = file
        self.handle = handle
        let tif = handle.pointee.tif!
        let path = file.path
        func u16(_ tag: Int32) -> UInt16? { var v: UInt16 = 0; return shim_tiff_get_u16(tif, UInt32(tag), &v) == 1 ? v : nil }
        func u16d(_ tag: Int32) -> UInt16 { var v: UInt16 = 0; _ = shim_tiff_get_defaulted_u16(tif, UInt32(tag), &v); return v }
        func u32(_ tag: Int32) -> UInt32? { var v: UInt32 = 0; return shim_tiff_get_u32(tif, UInt32(tag), &v) == 1 ? v : nil }
        func float(_ tag: Int32) -> Float? { var v: Float = 0; return shim_tiff_get_float(tif, UInt32(tag), &v) == 1 ? v : nil }
        func string(_ tag: Int32) -> String? {
            var v: UnsafePointer<CChar>?
            guard shim_tiff_get_string(tif, UInt32(tag), &v) == 1, let v else { return nil }
            let text = String(decoding: Data(bytes: v, count: strnlen(v, 4096)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }

        let width = Int(u32(TIFFTAG_IMAGEWIDTH) ?? 0)
        let height = Int(u32(TIFFTAG_IMAGELENGTH) ?? 0)
        guard width > 0, height > 0 else {
            throw ImagingError.corrupt(path: path, library: "libtiff", message: "the directory declares an empty image (\(width)x\(height))")
        }
        if width * height > file.limits.maxPixels {
            throw ImagingError.exceedsPixelLimit(path: path, width: width, height: height, limit: file.limits.maxPixels)
        }
        bits = Int(u16d(TIFFTAG_BITSPERSAMPLE))
        samples = Int(u16d(TIFFTAG_SAMPLESPERPIXEL))
        let compression = u16d(TIFFTAG_COMPRESSION)
        var photo = u16(TIFFTAG_PHOTOMETRIC) ?? (samples >= 3 ? UInt16(PHOTOMETRIC_RGB) : UInt16(PHOTOMETRIC_MINISBLACK))
        separate = u16d(TIFFTAG_PLANARCONFIG) == UInt16(PLANARCONFIG_SEPARATE)
        tiled = TIFFIsTiled(tif) != 0
        tileWidth = Int(u32(TIFFTAG_TILEWIDTH) ?? 0)
        tileLength = Int(u32(TIFFTAG_TILELENGTH) ?? 0)
        rowsPerStrip = Int(min(u32(TIFFTAG_ROWSPERSTRIP) ?? UInt32(height), UInt32(height)))
        let sampleFormat = u16d(TIFFTAG_SAMPLEFORMAT)
        let inkSet = u16d(TIFFTAG_INKSET)

        var extraCount: UInt16 = 0
        var extraValues: UnsafePointer<UInt16>?
        _ = shim_tiff_get_u16_array(tif, UInt32(TIFFTAG_EXTRASAMPLES), &extraCount, &extraValues)
        let extras = (0..<Int(extraCount)).map { Int(extraValues![$0]) }

        let originalPhotometric = photo
        if compression == UInt16(COMPRESSION_JPEG) && photo == UInt16(PHOTOMETRIC_YCBCR) {
            _ = shim_tiff_set_jpeg_rgb(tif)
            photo = UInt16(PHOTOMETRIC_RGB)
        }
        photometric = photo

        let colourSamples: Int
        switch Int32(photo) {
        case PHOTOMETRIC_MINISWHITE, PHOTOMETRIC_MINISBLACK, PHOTOMETRIC_PALETTE: colourSamples = 1
        case PHOTOMETRIC_RGB: colourSamples = 3
        case PHOTOMETRIC_SEPARATED: colourSamples = 4
        default: colourSamples = 0
        }
        let hasAlpha = samples > colourSamples && colourSamples > 0 && !extras.isEmpty
            && (extras[0] == Int(EXTRASAMPLE_ASSOCALPHA) || extras[0] == Int(EXTRASAMPLE_UNASSALPHA))
        alphaIndex = hasAlpha ? colourSamples : nil
        alphaAssociated = hasAlpha && extras[0] == Int(EXTRASAMPLE_ASSOCALPHA)

        try Self.refuseUnfaithfulSamples(sampleFormat, bits: bits, photometric: originalPhotometric, path: path)

        let directBits: Set<Int> = colourSamples == 1 ? [1, 2, 4, 8, 16] : [8, 16]
        let cmykOK = Int32(photo) != PHOTOMETRIC_SEPARATED || inkSet == UInt16(INKSET_CMYK)
        let directOK = colourSamples > 0 && samples >= colourSamples && directBits.contains(bits)
            && (sampleFormat == UInt16(SAMPLEFORMAT_UINT) || sampleFormat == 0) && cmykOK
            && !(bits < 8 && samples > 1)
            && (!tiled || (tileWidth > 0 && tileLength > 0))
        if directOK {
            mode = .direct
        } else {
            var reason = [CChar](repeating: 0, count: 1024)
            if TIFFRGBAImageOK(tif, &reason) == 1 {
                mode = .rgba
            } else {
                let why = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                throw ImagingError.unsupported(path: path, reason: .tiffLayout(photometric: Self.photometricName(originalPhotometric),
                                                                               bits: bits, samples: samples, detail: why))
            }
        }

        if Int32(photo) == PHOTOMETRIC_PALETTE && mode == .direct {
            var r: UnsafePointer<UInt16>?, g: UnsafePointer<UInt16>?, b: UnsafePointer<UInt16>?
            guard shim_tiff_get_colormap(tif, &r, &g, &b) == 1, let r, let g, let b else {
                throw ImagingError.corrupt(path: path, library: "libtiff", message: "palette image without a colour map")
            }
            let entries = 1 << bits
            let all = (0..<entries).flatMap { [r[$0], g[$0], b[$0]] }
            let eightBit = all.allSatisfy { $0 < 256 }   // some writers store 8-bit values
            colormap = [r, g, b].map { channel in
                (0..<entries).map { eightBit ? UInt8(channel[$0]) : SampleMath.to8(channel[$0]) }
            }
        }

        layout = (colourSamples == 1 && Int32(photo) != PHOTOMETRIC_PALETTE && mode == .direct) ? .gray : .rgb
        outputWidth = width
        outputHeight = height

        var iccCount: UInt32 = 0
        var iccData: UnsafeRawPointer?
        var icc: ICCProfileSummary?
        if shim_tiff_get_bytes(tif, UInt32(TIFFTAG_ICCPROFILE), &iccCount, &iccData) == 1, let iccData, iccCount > 0 {
            icc = ICCProfileSummary(bytes: Array(UnsafeRawBufferPointer(start: iccData, count: Int(iccCount))))
        }
        let unit: String?
        switch Int32(u16d(TIFFTAG_RESOLUTIONUNIT)) {
        case RESUNIT_INCH: unit = "in."
        case RESUNIT_CENTIMETER: unit = "cm."
        default: unit = nil
        }
        let orientation = Int(u16(TIFFTAG_ORIENTATION) ?? 1)
        technical = TechnicalMetadata(
            width: width, height: height, bitsPerSample: Array(repeating: bits, count: samples), samplesPerPixel: samples,
            photometricInterpretation: Self.photometricName(originalPhotometric),
            compression: Self.compressionName(compression),
            xResolution: float(TIFFTAG_XRESOLUTION).map(Double.init).flatMap { $0 > 0 && $0.isFinite ? $0 : nil },
            yResolution: float(TIFFTAG_YRESOLUTION).map(Double.init).flatMap { $0 > 0 && $0.isFinite ? $0 : nil },
            resolutionUnit: unit, orientation: (1...8).contains(orientation) ? orientation : 1, iccProfile: icc,
            byteOrder: TIFFIsBigEndian(tif) != 0 ? "big-endian" : "little-endian", hasAlpha: hasAlpha,
            scannerMake: string(TIFFTAG_MAKE), scannerModel: string(TIFFTAG_MODEL), software: string(TIFFTAG_SOFTWARE),
            dateTimeCreated: string(TIFFTAG_DATETIME), layout: tiled ? "tiles \(tileWidth)x\(tileLength)" : "strips of \(rowsPerStrip) rows")

        try Self.requireStripData(tif, page: file.pageIndex, compression: compression, tiled: tiled, planes: separate ? samples : 1,
                                  height: height, rowsPerStrip: rowsPerStrip, path: path)

        if mode == .direct && !tiled && !separate && !stripwise {
            scanline = [UInt8](repeating: 0, count: max(Int(TIFFScanlineSize64(tif)), rawRowBytes))
        }
    }

    /// Bytes of one contiguous raw row (all samples interleaved).
    private var rawRowBytes: Int { (outputWidth * samples * bits + 7) / 8 }

    // MARK: reading

    func readRows(into buffer: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws -> Int {
        var produced = 0
        while produced < maxRows && nextRow < outputHeight {
            let destination = buffer + produced * stride
            switch mode {
            case .direct where !tiled && !separate && !stripwise:
                let ok = scanline.withUnsafeMutableBytes { TIFFReadScanline(tif, $0.baseAddress, UInt32(nextRow), 0) }
                try check(ok == 1, "cannot read row \(nextRow)")
                scanline.withUnsafeBufferPointer { convertRow($0.baseAddress!, to: destination) }
            case .direct where !tiled && !separate:
                if nextRow >= bandStart + bandRows { try loadContiguousStrip(startingAt: nextRow) }
                band.withUnsafeBufferPointer { convertRow($0.baseAddress! + (nextRow - bandStart) * rawRowBytes, to: destination) }
            case .direct:
                if nextRow >= bandStart + bandRows { try loadDirectBand(startingAt: nextRow) }
                band.withUnsafeBufferPointer { convertRow($0.baseAddress! + (nextRow - bandStart) * rawRowBytes, to: destination) }
            case .rgba:
                if nextRow >= bandStart + bandRows { try loadRGBABand(startingAt: nextRow) }
                band.withUnsafeBufferPointer { raw in
                    raw.baseAddress!.withMemoryRebound(to: UInt32.self, capacity: band.count / 4) { pixels in
                        let row = pixels + (nextRow - bandStart) * outputWidth
                        for x in 0..<outputWidth {
                            let v = row[x]
                            let a = UInt8(truncatingIfNeeded: v >> 24)
                            destination[x * 3] = SampleMath.overWhite(UInt8(truncatingIfNeeded: v), alpha: a, associated: true)
                            destination[x * 3 + 1] = SampleMath.overWhite(UInt8(truncatingIfNeeded: v >> 8), alpha: a, associated: true)
                            destination[x * 3 + 2] = SampleMath.overWhite(UInt8(truncatingIfNeeded: v >> 16), alpha: a, associated: true)
                        }
                    }
                }
            }
            nextRow += 1
            produced += 1
        }
        return produced
    }

    private func check(_ ok: Bool, _ what: String) throws {
        let status = handle.pointee.status
        if !ok || status.code != SHIM_OK {
            throw status.error(path: file.path, library: "libtiff", strict: true)
                ?? .corrupt(path: file.path, library: "libtiff", message: what)
        }
        if file.limits.strict && status.damage_warnings > 0 {
            throw ImagingError.damaged(path: file.path, library: "libtiff", message: status.messageText, warnings: Int(status.warnings))
        }
    }

    /// Contiguous strips of reasonable size are decoded a whole strip at a time (faster than row by row);
    /// huge single-strip images are read row by row so memory stays bounded.
    private var stripwise: Bool { Int(TIFFStripSize64(tif)) <= 64 << 20 && rowsPerStrip > 1 }

    private func loadContiguousStrip(startingAt row: Int) throws {
        let start = (row / rowsPerStrip) * rowsPerStrip
        let rows = min(rowsPerStrip, outputHeight - start)
        let size = Int(TIFFStripSize64(tif))
        if band.count < size { band = [UInt8](repeating: 0, count: size) }
        let read = band.withUnsafeMutableBytes {
            TIFFReadEncodedStrip(tif, UInt32(start / rowsPerStrip), $0.baseAddress, tmsize_t(rows * rawRowBytes))
        }
        try check(read >= 0, "cannot read the strip at row \(start)")
        guard read >= rows * rawRowBytes else {
            throw ImagingError.corrupt(path: file.path, library: "libtiff", message: "strip at row \(start) holds \(read) bytes, expected \(rows * rawRowBytes)")
        }
        bandStart = start
        bandRows = rows
    }

    /// Tiles or separate planes: decode one band of rows (a tile row or a strip) into `band` as
    /// contiguous raw rows.
    private func loadDirectBand(startingAt row: Int) throws {
        let bandHeight = tiled ? tileLength : max(1, rowsPerStrip)
        let start = (row / bandHeight) * bandHeight
        let rows = min(bandHeight, outputHeight - start)
        band = [UInt8](repeating: 0, count: rawRowBytes * rows)
        let planes = separate ? samples : 1
        let samplesPerChunk = separate ? 1 : samples
        let bytesPerSample = bits / 8
        if tiled {
            let tileSize = Int(TIFFTileSize64(tif))
            var tile = [UInt8](repeating: 0, count: tileSize)
            let tileRowBytes = (tileWidth * samplesPerChunk * bits + 7) / 8
            for plane in 0..<planes {
                var x = 0
                while x < outputWidth {
                    let read = tile.withUnsafeMutableBytes {
                        TIFFReadTile(tif, $0.baseAddress, UInt32(x), UInt32(start), 0, UInt16(plane))
                    }
                    try check(read >= 0, "cannot read the tile at \(x),\(start)")
                    let columns = min(tileWidth, outputWidth - x)
                    for r in 0..<rows {
                        let source = r * tileRowBytes
                        if separate {
                            for c in 0..<columns {
                                for byte in 0..<bytesPerSample {
                                    band[r * rawRowBytes + ((x + c) * samples + plane) * bytesPerSample + byte] =
                                        tile[source + c * bytesPerSample + byte]
                                }
                            }
                        } else if bits >= 8 {
                            let length = columns * samples * bytesPerSample
                            let destination = r * rawRowBytes + x * samples * bytesPerSample
                            band.withUnsafeMutableBufferPointer { b in
                                tile.withUnsafeBufferPointer { t in
                                    (b.baseAddress! + destination).update(from: t.baseAddress! + source, count: length)
                                }
                            }
                        } else {
                            for c in 0..<columns {   // sub-byte gray: copy bit by bit
                                let sourceBit = c * bits, destinationBit = (x + c) * bits
                                for b in 0..<bits {
                                    let bit = (tile[source + (sourceBit + b) / 8] >> (7 - UInt8((sourceBit + b) % 8))) & 1
                                    let index = r * rawRowBytes + (destinationBit + b) / 8
                                    band[index] |= bit << (7 - UInt8((destinationBit + b) % 8))
                                }
                            }
                        }
                    }
                    x += tileWidth
                }
            }
        } else {
            // Separate planes in strips: read the strip of each plane, interleave.
            let stripsPerPlane = (outputHeight + rowsPerStrip - 1) / rowsPerStrip
            let stripIndex = start / rowsPerStrip
            var strip = [UInt8](repeating: 0, count: Int(TIFFStripSize64(tif)))
            for plane in 0..<planes {
                let read = strip.withUnsafeMutableBytes {
                    TIFFReadEncodedStrip(tif, UInt32(plane * stripsPerPlane + stripIndex), $0.baseAddress, tmsize_t($0.count))
                }
                try check(read >= 0, "cannot read strip \(stripIndex) of plane \(plane)")
                for r in 0..<rows {
                    for c in 0..<outputWidth {
                        for byte in 0..<bytesPerSample {
                            band[r * rawRowBytes + (c * samples + plane) * bytesPerSample + byte] =
                                strip[(r * outputWidth + c) * bytesPerSample + byte]
                        }
                    }
                }
            }
        }
        bandStart = start
        bandRows = rows
    }

    /// Other photometric kinds: libtiff's RGBA interface, one strip or tile row at a time. Its rasters
    /// are bottom-up, so rows are flipped into top-down order here.
    private func loadRGBABand(startingAt row: Int) throws {
        let bandHeight = tiled ? tileLength : max(1, rowsPerStrip)
        let start = (row / bandHeight) * bandHeight
        let rows = min(bandHeight, outputHeight - start)
        band = [UInt8](repeating: 0, count: outputWidth * rows * 4)
        if tiled {
            var tile = [UInt32](repeating: 0, count: tileWidth * tileLength)
            var x = 0
            while x < outputWidth {
                let ok = tile.withUnsafeMutableBufferPointer { TIFFReadRGBATile(tif, UInt32(x), UInt32(start), $0.baseAddress) }
                try check(ok == 1, "cannot read the tile at \(x),\(start)")
                let columns = min(tileWidth, outputWidth - x)
                band.withUnsafeMutableBytes { raw in
                    let pixels = raw.bindMemory(to: UInt32.self)
                    for r in 0..<rows {
                        // Row r of the image band is row (tileLength - 1 - r) of the bottom-up tile raster.
                        let source = (tileLength - 1 - r) * tileWidth
                        for c in 0..<columns { pixels[r * outputWidth + x + c] = tile[source + c] }
                    }
                }
                x += tileWidth
            }
        } else {
            var raster = [UInt32](repeating: 0, count: outputWidth * bandHeight)
            let ok = raster.withUnsafeMutableBufferPointer { TIFFReadRGBAStrip(tif, UInt32(start), $0.baseAddress) }
            try check(ok == 1, "cannot read the strip at row \(start)")
            band.withUnsafeMutableBytes { raw in
                let pixels = raw.bindMemory(to: UInt32.self)
                for r in 0..<rows {
                    let source = (rows - 1 - r) * outputWidth
                    for c in 0..<outputWidth { pixels[r * outputWidth + c] = raster[source + c] }
                }
            }
        }
        bandStart = start
        bandRows = rows
    }

    /// One contiguous raw row (any supported depth and photometric kind) to gray8 or rgb8.
    private func convertRow(_ src: UnsafePointer<UInt8>, to dst: UnsafeMutablePointer<UInt8>) {
        let width = outputWidth
        let invert = Int32(photometric) == PHOTOMETRIC_MINISWHITE
        if bits < 8 {
            let maxValue = (1 << bits) - 1
            for x in 0..<width {
                let bit = x * bits
                let value = Int(src[bit >> 3] >> UInt8(8 - bits - (bit & 7))) & maxValue
                if Int32(photometric) == PHOTOMETRIC_PALETTE {
                    for c in 0..<3 { dst[x * 3 + c] = colormap[c][value] }
                } else {
                    let v = UInt8(value * 255 / maxValue)
                    dst[x] = invert ? 255 - v : v
                }
            }
            return
        }
        // Read sample s of pixel x as 8 bits.
        let sampleAt: (Int, Int) -> UInt8
        if bits == 16 {
            let wide = UnsafeRawPointer(src).assumingMemoryBound(to: UInt16.self)
            sampleAt = { x, s in SampleMath.to8(wide[x * self.samples + s]) }
        } else {
            if samples == layout.channels && !invert && Int32(photometric) != PHOTOMETRIC_PALETTE
                && Int32(photometric) != PHOTOMETRIC_SEPARATED {
                dst.update(from: src, count: width * samples)   // the common case: plain 8-bit gray or RGB
                return
            }
            sampleAt = { x, s in src[x * self.samples + s] }
        }
        switch Int32(photometric) {
        case PHOTOMETRIC_MINISWHITE, PHOTOMETRIC_MINISBLACK:
            for x in 0..<width {
                var v = sampleAt(x, 0)
                if invert { v = 255 - v }
                if let a = alphaIndex { v = SampleMath.overWhite(v, alpha: sampleAt(x, a), associated: alphaAssociated) }
                dst[x] = v
            }
        case PHOTOMETRIC_PALETTE:
            for x in 0..<width {
                let index = bits == 16 ? Int(UnsafeRawPointer(src).assumingMemoryBound(to: UInt16.self)[x]) : Int(src[x * samples])
                for c in 0..<3 { dst[x * 3 + c] = index < colormap[c].count ? colormap[c][index] : 0 }
            }
        case PHOTOMETRIC_SEPARATED:
            for x in 0..<width {
                let k = UInt32(255 - sampleAt(x, 3))
                for c in 0..<3 {
                    var v = UInt8((UInt32(255 - sampleAt(x, c)) * k + 127) / 255)
                    if let a = alphaIndex { v = SampleMath.overWhite(v, alpha: sampleAt(x, a), associated: alphaAssociated) }
                    dst[x * 3 + c] = v
                }
            }
        default:
            for x in 0..<width {
                let alpha = alphaIndex.map { sampleAt(x, $0) }
                for c in 0..<3 {
                    var v = sampleAt(x, c)
                    if let a = alpha { v = SampleMath.overWhite(v, alpha: a, associated: alphaAssociated) }
                    dst[x * 3 + c] = v
                }
            }
        }
    }

    let headerObservations: [DecodeObservation] = []

    func finish() throws -> [LibraryNote] {
        guard nextRow == outputHeight else {
            throw ImagingError.corrupt(path: file.path, library: "libtiff", message: "not every row was read")
        }
        try check(true, "")
        return file.takeNotes()
    }

    // MARK: checks before decoding

    /// Sample formats whose values Memoria would render wrongly are refused with the exact reason
    /// (libtiff's RGBA interface would read signed samples as unsigned). CIE L*a*b* stores a* and b*
    /// as signed values by definition and is left to libtiff, which converts it.
    static func refuseUnfaithfulSamples(_ format: UInt16, bits: Int, photometric: UInt16, path: String) throws {
        guard Int32(photometric) != PHOTOMETRIC_CIELAB else { return }
        switch Int32(format) {
        case SAMPLEFORMAT_INT: throw ImagingError.unsupported(path: path, reason: .signedIntegerSamples(bits: bits))
        case SAMPLEFORMAT_IEEEFP: throw ImagingError.unsupported(path: path, reason: .floatingPointSamples(bits: bits))
        case SAMPLEFORMAT_COMPLEXINT, SAMPLEFORMAT_COMPLEXIEEEFP: throw ImagingError.unsupported(path: path, reason: .complexSamples(bits: bits))
        case SAMPLEFORMAT_VOID: throw ImagingError.unsupported(path: path, reason: .untypedSamples(bits: bits))
        default: return
        }
    }

    /// Every strip or tile of every plane must hold data: a byte count of 0 means those pixels are
    /// missing, and an uncompressed strip shorter than its rows is truncated. (libtiff reads an
    /// uncompressed strip by its expected size from its offset, whatever its byte count says, so
    /// without this check such a file would pass with bytes that are not its pixels.)
    static func requireStripData(_ tif: OpaquePointer, page: Int, compression: UInt16, tiled: Bool, planes: Int,
                                 height: Int, rowsPerStrip: Int, path: String) throws {
        let count = Int(tiled ? TIFFNumberOfTiles(tif) : TIFFNumberOfStrips(tif))
        let perPlane = max(1, count / max(1, planes))
        let uncompressed = Int32(compression) == COMPRESSION_NONE
        let tileBytes = tiled && uncompressed ? Int(clamping: TIFFTileSize64(tif)) : 0
        for index in 0..<count {
            let bytes = Int(clamping: TIFFGetStrileByteCount(tif, UInt32(index)))   // BigTIFF counts are 64-bit
            let plane = index / perPlane, within = index % perPlane
            if bytes == 0 {
                throw ImagingError.structurallyDamaged(path: path, damage: .emptyStrip(page: page, plane: plane, index: within, tiled: tiled))
            }
            guard uncompressed else { continue }
            let (firstRow, overflow) = within.multipliedReportingOverflow(by: rowsPerStrip)
            let rows = tiled || overflow ? 0 : min(rowsPerStrip, height - firstRow)
            let expected = tiled ? tileBytes : (rows > 0 ? Int(clamping: TIFFVStripSize64(tif, UInt32(rows))) : 0)
            if bytes < expected {
                throw ImagingError.structurallyDamaged(path: path, damage: .shortStrip(page: page, plane: plane, index: within, tiled: tiled,
                                                                                       bytes: bytes, expected: expected))
            }
        }
    }

    // MARK: names for the record (MIX vocabulary)

    static func photometricName(_ value: UInt16) -> String {
        switch Int32(value) {
        case PHOTOMETRIC_MINISWHITE: return "WhiteIsZero"
        case PHOTOMETRIC_MINISBLACK: return "BlackIsZero"
        case PHOTOMETRIC_RGB: return "RGB"
        case PHOTOMETRIC_PALETTE: return "RGB Palette"
        case PHOTOMETRIC_MASK: return "Transparency Mask"
        case PHOTOMETRIC_SEPARATED: return "CMYK"
        case PHOTOMETRIC_YCBCR: return "YCbCr"
        case PHOTOMETRIC_CIELAB: return "CIELab"
        case PHOTOMETRIC_ICCLAB: return "ICCLab"
        case PHOTOMETRIC_ITULAB: return "ITULab"
        case PHOTOMETRIC_LOGL: return "LogL"
        case PHOTOMETRIC_LOGLUV: return "LogLuv"
        default: return "photometric \(value)"
        }
    }

    static func compressionName(_ value: UInt16) -> String {
        switch Int32(value) {
        case COMPRESSION_NONE: return "Uncompressed"
        case COMPRESSION_CCITTRLE: return "CCITT 1D"
        case COMPRESSION_CCITTFAX3: return "CCITT Group 3"
        case COMPRESSION_CCITTFAX4: return "CCITT Group 4"
        case COMPRESSION_LZW: return "LZW"
        case COMPRESSION_OJPEG, COMPRESSION_JPEG: return "JPEG"
        case COMPRESSION_ADOBE_DEFLATE, COMPRESSION_DEFLATE: return "Deflate"
        case COMPRESSION_PACKBITS: return "PackBits"
        case COMPRESSION_JBIG: return "JBIG"
        case COMPRESSION_LZMA: return "LZMA"
        case COMPRESSION_ZSTD: return "ZSTD"
        case COMPRESSION_WEBP: return "WebP"
        default: return "compression \(value)"
        }
    }
}
