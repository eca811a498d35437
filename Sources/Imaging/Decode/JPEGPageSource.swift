import CShims
import Foundation

/// Decodes a JPEG master through libjpeg-turbo (via the C shim), optionally scaled in the DCT domain.
/// Every scan is entropy-decoded whatever the scale, so corruption anywhere in the file is detected.
final class JPEGPageSource: PageRowSource {
    let path: String
    private let strict: Bool
    private var handle: OpaquePointer?
    private var info = shim_jpeg_info()
    private var scratch: [UInt8] = []
    let technical: TechnicalMetadata
    let layout: PixelLayout
    private(set) var outputWidth = 0
    private(set) var outputHeight = 0
    private var notes: [LibraryNote] = []
    let headerObservations: [DecodeObservation] = []

    /// Opens the file and reads its header. `minimumLongEdge` lets the decoder scale by M/8 as long as
    /// the output keeps at least that many pixels on its long edge (nil = full size).
    init(url: URL, limits: DecodeLimits, minimumLongEdge: Int?) throws {
        let path = url.path
        self.path = path
        strict = limits.strict
        var status = shim_status.fresh()
        var raw: OpaquePointer?
        let rc = shim_jpeg_open(path, UInt64(limits.maxPixels), &raw, &info, &status)
        handle = raw
        if rc != SHIM_OK {
            let (width, height) = (Int(info.width), Int(info.height))
            shim_jpeg_close(raw)
            handle = nil
            if rc == SHIM_LIMIT {
                throw ImagingError.exceedsPixelLimit(path: path, width: width, height: height, limit: limits.maxPixels)
            }
            throw status.error(path: path, library: "libjpeg", strict: true)
                ?? .corrupt(path: path, library: "libjpeg", message: "unknown error")
        }
        let (exifLength, iccLength) = (Int(info.exif_length), Int(info.icc_length))
        let exif = info.exif.map { ExifReader(bytes: Array(UnsafeBufferPointer(start: $0, count: exifLength))) }
        let icc = info.icc.map { ICCProfileSummary(bytes: Array(UnsafeBufferPointer(start: $0, count: iccLength))) }
        var xRes: Double?, yRes: Double?, unit: String?
        if info.saw_jfif != 0 && (info.density_unit == 1 || info.density_unit == 2) && info.x_density > 0 && info.y_density > 0 {
            xRes = Double(info.x_density)
            yRes = Double(info.y_density)
            unit = info.density_unit == 1 ? "in." : "cm."
        } else if let dpi = exif?.dpi {
            (xRes, yRes, unit) = (dpi.x, dpi.y, "in.")
        }
        let components = Int(info.components)
        let photometric: String
        switch components {
        case 1: photometric = "BlackIsZero"
        case 4: photometric = "CMYK"
        default: photometric = info.jpeg_color_space == 2 /* JCS_RGB */ ? "RGB" : "YCbCr"
        }
        layout = components == 1 ? .gray : .rgb
        technical = TechnicalMetadata(
            width: Int(info.width), height: Int(info.height),
            bitsPerSample: Array(repeating: 8, count: components), samplesPerPixel: components,
            photometricInterpretation: photometric, compression: "JPEG",
            xResolution: xRes, yResolution: yRes, resolutionUnit: unit,
            orientation: exif?.orientation ?? 1, iccProfile: icc, byteOrder: nil, hasAlpha: false,
            scannerMake: exif?.make, scannerModel: exif?.model, software: exif?.software,
            dateTimeCreated: exif?.dateTime,
            layout: info.progressive != 0 ? "progressive" : (info.arithmetic != 0 ? "arithmetic" : "baseline"))
        notes = status.notes(library: "libjpeg")
        if strict, let damage = status.error(path: path, library: "libjpeg", strict: true) {
            close()
            throw damage
        }

        var eighths = 8
        if let target = minimumLongEdge, target > 0 {
            let longEdge = max(Int(info.width), Int(info.height))
            for m in 1...8 where (longEdge * m + 7) / 8 >= target {
                eighths = m
                break
            }
        }
        var startStatus = shim_status.fresh()
        // Progressive files are read whole here, so truncation shows up as a warning of this call.
        if shim_jpeg_start(handle, Int32(eighths), &info, &startStatus) != SHIM_OK || (strict && startStatus.damage_warnings > 0) {
            let error = startStatus.error(path: path, library: "libjpeg", strict: true)
            close()
            throw error ?? .corrupt(path: path, library: "libjpeg", message: "cannot start decoding")
        }
        notes += startStatus.notes(library: "libjpeg")
        outputWidth = Int(info.output_width)
        outputHeight = Int(info.output_height)
        if info.output_components == 4 {
            scratch = [UInt8](repeating: 0, count: outputWidth * 4 * 16)
        }
    }

    deinit { close() }

    private func close() {
        if let handle { shim_jpeg_close(handle) }
        handle = nil
    }

    func readRows(into buffer: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws -> Int {
        guard let handle else { return 0 }
        var status = shim_status.fresh()
        var read: Int32 = 0
        if info.output_components == 4 {
            // CMYK (Adobe files store it inverted): read into scratch, convert to RGB.
            let rows = min(maxRows, 16)
            let rc = scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                shim_jpeg_read(handle, scratchBuffer.baseAddress, outputWidth * 4, Int32(rows), &read, &status)
            }
            try check(rc, status)
            let inverted = info.saw_adobe != 0
            scratch.withUnsafeBufferPointer { src in
                for row in 0..<Int(read) {
                    let s = src.baseAddress! + row * outputWidth * 4
                    let d = buffer + row * stride
                    for x in 0..<outputWidth {
                        var c = UInt32(s[x * 4]), m = UInt32(s[x * 4 + 1]), y = UInt32(s[x * 4 + 2]), k = UInt32(s[x * 4 + 3])
                        if !inverted { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k }
                        d[x * 3] = UInt8((c * k + 127) / 255)
                        d[x * 3 + 1] = UInt8((m * k + 127) / 255)
                        d[x * 3 + 2] = UInt8((y * k + 127) / 255)
                    }
                }
            }
        } else {
            let rc = shim_jpeg_read(handle, buffer, stride, Int32(maxRows), &read, &status)
            try check(rc, status)
        }
        return Int(read)
    }

    private func check(_ rc: Int32, _ status: shim_status) throws {
        if rc != SHIM_OK || (strict && status.damage_warnings > 0) {
            let error = status.error(path: path, library: "libjpeg", strict: strict)
            close()
            throw error ?? .corrupt(path: path, library: "libjpeg", message: "decoding failed")
        }
        notes += status.notes(library: "libjpeg")
    }

    func finish() throws -> [LibraryNote] {
        guard let handle else { throw ImagingError.corrupt(path: path, library: "libjpeg", message: "decoder already closed") }
        var status = shim_status.fresh()
        let rc = shim_jpeg_finish(handle, &status)
        try check(rc, status)
        close()
        return notes
    }
}
