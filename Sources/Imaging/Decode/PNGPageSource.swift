import CShims
import Foundation

/// Decodes a PNG master through libpng (via the C shim): every chunk's CRC is checked, including
/// the chunks after the image data (`finish`). Interlaced images are read whole, then handed out by rows.
final class PNGPageSource: PageRowSource {
    let path: String
    private let strict: Bool
    private var handle: OpaquePointer?
    private var info = shim_png_info()
    private var rowBuffer: [UInt8] = []
    private var wholeImage: [UInt8]?
    private var nextRow = 0
    private let inputStride: Int
    let technical: TechnicalMetadata
    let layout: PixelLayout
    var outputWidth: Int { Int(info.width) }
    var outputHeight: Int { Int(info.height) }
    private var notes: [LibraryNote] = []
    /// Where the image's zlib stream ended, when data follows it (known after `finish`).
    private(set) var headerObservations: [DecodeObservation] = []

    init(url: URL, limits: DecodeLimits) throws {
        let path = url.path
        self.path = path
        strict = limits.strict
        var status = shim_status.fresh()
        var raw: OpaquePointer?
        let rc = shim_png_open(path, UInt64(limits.maxPixels), &raw, &info, &status)
        handle = raw
        if rc != SHIM_OK || (strict && status.damage_warnings > 0) {
            let (width, height) = (Int(info.width), Int(info.height))
            shim_png_close(raw)
            handle = nil
            if rc == SHIM_LIMIT {
                throw ImagingError.exceedsPixelLimit(path: path, width: width, height: height, limit: limits.maxPixels)
            }
            throw status.error(path: path, library: "libpng", strict: strict)
                ?? .corrupt(path: path, library: "libpng", message: "cannot read the header")
        }
        notes = status.notes(library: "libpng")
        let channels = Int(info.output_channels)
        layout = channels <= 2 ? .gray : .rgb
        inputStride = Int(info.width) * channels * (info.output_bit_depth == 16 ? 2 : 1)
        let photometric: String
        switch info.color_type {
        case 3: photometric = "RGB Palette"
        case 0, 4: photometric = "BlackIsZero"
        default: photometric = "RGB"
        }
        let samples: Int
        switch info.color_type {
        case 0: samples = 1
        case 4: samples = 2
        case 2, 3: samples = info.color_type == 3 ? 1 : 3
        default: samples = 4
        }
        var xRes: Double?, yRes: Double?, unit: String?
        if info.has_phys != 0 && info.phys_unit == 1 && info.phys_x > 0 && info.phys_y > 0 {
            xRes = Double(info.phys_x) / 100
            yRes = Double(info.phys_y) / 100
            unit = "cm."
        }
        let (exifLength, iccLength) = (Int(info.exif_length), Int(info.icc_length))
        let exif = info.exif.map { ExifReader(bytes: Array(UnsafeBufferPointer(start: $0, count: exifLength))) }
        let icc = info.icc.map { ICCProfileSummary(bytes: Array(UnsafeBufferPointer(start: $0, count: iccLength))) }
        technical = TechnicalMetadata(
            width: Int(info.width), height: Int(info.height),
            bitsPerSample: Array(repeating: Int(info.bit_depth), count: samples), samplesPerPixel: samples,
            photometricInterpretation: photometric, compression: "Deflate",
            xResolution: xRes, yResolution: yRes, resolutionUnit: unit,
            orientation: exif?.orientation ?? 1, iccProfile: icc, byteOrder: nil,
            hasAlpha: channels == 2 || channels == 4,
            scannerMake: exif?.make, scannerModel: exif?.model, software: exif?.software,
            dateTimeCreated: exif?.dateTime, layout: info.interlaced != 0 ? "interlaced" : "non-interlaced")
        rowBuffer = [UInt8](repeating: 0, count: inputStride * 16)
    }

    deinit { if let handle { shim_png_close(handle) } }

    private func fail(_ status: shim_status) -> ImagingError {
        if let handle { shim_png_close(handle) }
        handle = nil
        return status.error(path: path, library: "libpng", strict: true)
            ?? .corrupt(path: path, library: "libpng", message: "decoding failed")
    }

    func readRows(into buffer: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws -> Int {
        guard let handle else { return 0 }
        let rows = min(maxRows, outputHeight - nextRow, 16)
        guard rows > 0 else { return 0 }
        if info.interlaced != 0 {
            if wholeImage == nil {
                var status = shim_status.fresh()
                var image = [UInt8](repeating: 0, count: inputStride * outputHeight)
                let rc = image.withUnsafeMutableBufferPointer {
                    shim_png_read(handle, $0.baseAddress, inputStride, UInt32(outputHeight), &status)
                }
                if rc != SHIM_OK || (strict && status.damage_warnings > 0) { throw fail(status) }
                notes += status.notes(library: "libpng")
                wholeImage = image
            }
            wholeImage!.withUnsafeBufferPointer { src in
                for r in 0..<rows { convert(src.baseAddress! + (nextRow + r) * inputStride, to: buffer + r * stride) }
            }
        } else {
            var status = shim_status.fresh()
            let rc = rowBuffer.withUnsafeMutableBufferPointer {
                shim_png_read(handle, $0.baseAddress, inputStride, UInt32(rows), &status)
            }
            if rc != SHIM_OK || (strict && status.damage_warnings > 0) { throw fail(status) }
            notes += status.notes(library: "libpng")
            rowBuffer.withUnsafeBufferPointer { src in
                for r in 0..<rows { convert(src.baseAddress! + r * inputStride, to: buffer + r * stride) }
            }
        }
        nextRow += rows
        return rows
    }

    /// One libpng output row (1–4 channels, 8 or 16 bits) to gray8/rgb8 with alpha flattened on white.
    private func convert(_ src: UnsafePointer<UInt8>, to dst: UnsafeMutablePointer<UInt8>) {
        let channels = Int(info.output_channels)
        let width = outputWidth
        if info.output_bit_depth == 16 {
            src.withMemoryRebound(to: UInt16.self, capacity: width * channels) { s in
                for x in 0..<width {
                    let base = x * channels
                    switch channels {
                    case 1: dst[x] = SampleMath.to8(s[base])
                    case 2:
                        dst[x] = SampleMath.overWhite(SampleMath.to8(s[base]), alpha: SampleMath.to8(s[base + 1]), associated: false)
                    case 3:
                        for c in 0..<3 { dst[x * 3 + c] = SampleMath.to8(s[base + c]) }
                    default:
                        let a = SampleMath.to8(s[base + 3])
                        for c in 0..<3 { dst[x * 3 + c] = SampleMath.overWhite(SampleMath.to8(s[base + c]), alpha: a, associated: false) }
                    }
                }
            }
            return
        }
        switch channels {
        case 1: dst.update(from: src, count: width)
        case 3: dst.update(from: src, count: width * 3)
        case 2:
            for x in 0..<width { dst[x] = SampleMath.overWhite(src[x * 2], alpha: src[x * 2 + 1], associated: false) }
        default:
            for x in 0..<width {
                let a = src[x * 4 + 3]
                for c in 0..<3 { dst[x * 3 + c] = SampleMath.overWhite(src[x * 4 + c], alpha: a, associated: false) }
            }
        }
    }

    func finish() throws -> [LibraryNote] {
        guard let handle else { throw ImagingError.corrupt(path: path, library: "libpng", message: "decoder already closed") }
        guard nextRow == outputHeight else {
            throw ImagingError.corrupt(path: path, library: "libpng", message: "not every row was read")
        }
        var status = shim_status.fresh()
        let rc = shim_png_finish(handle, &status)
        if rc != SHIM_OK || (strict && status.damage_warnings > 0) { throw fail(status) }
        notes += status.notes(library: "libpng")
        let idatAfterRows = shim_png_idat_chunks_after_rows(handle)
        shim_png_close(handle)
        self.handle = nil
        if idatAfterRows > 0 || notes.contains(where: { $0.kind == .pngExtraData }) {
            headerObservations = Self.streamLeftovers(path)
        }
        return notes
    }

    /// The rare file with data after its image stream is measured once more to say where and how much.
    private static func streamLeftovers(_ path: String) -> [DecodeObservation] {
        guard let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int,
              size > 0, size <= StructureCheck.maxWholeFileBytes else { return [] }
        return PNGStructure.leftovers(in: StructureCheck.prefix(URL(fileURLWithPath: path), size))
    }
}
