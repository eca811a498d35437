// libFuzzer targets for Memoria's image code, compiled together with Sources/Imaging into one binary
// (scripts/fuzz/build.sh). The target is the name the binary is run as: fuzz-identify (format
// identification and the structure checks of JPEG, PNG, TIFF, EXIF/MPF and ICC blocks, all on bytes),
// fuzz-jpeg, fuzz-png and fuzz-tiff (a whole decode through the C shim, with small derivatives).
import Foundation

nonisolated(unsafe) var target = "identify"
nonisolated(unsafe) var scratch = URL(fileURLWithPath: "/tmp/memoria-fuzz")

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    if let arguments = argv.pointee, let first = arguments[0] {
        let name = URL(fileURLWithPath: String(cString: first)).lastPathComponent
        target = name.hasPrefix("fuzz-") ? String(name.dropFirst(5)) : name
    }
    let folder = ProcessInfo.processInfo.environment["MEMORIA_FUZZ_SCRATCH"] ?? NSTemporaryDirectory()
    scratch = URL(fileURLWithPath: folder).appendingPathComponent("memoria-fuzz-\(target)-\(getpid())")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    switch target {
    case "jpeg": decode(bytes, as: .jpeg)
    case "png": decode(bytes, as: .png)
    case "tiff": decode(bytes, as: .tiff)
    default: identify(bytes)
    }
    return 0
}

/// Everything that reads bytes before a decoder does.
func identify(_ bytes: [UInt8]) {
    _ = FormatIdentifier.identify(bytes: bytes)
    _ = JPEGStructure.findings(bytes)
    _ = PNGStructure.findings(bytes)
    _ = TIFFStructure.findings(bytes)
    _ = TIFFBlock.problem(bytes)
    let exif = ExifReader(bytes: bytes)
    _ = (exif.orientation, exif.dpi, exif.make, exif.model, exif.software, exif.dateTime, exif.exifVersion)
    _ = ICCProfileSummary(bytes: bytes)
}

/// A whole validation decode, with derivatives, of the bytes as a file of `kind`.
func decode(_ bytes: [UInt8], as kind: IdentifiedFormat.Kind) {
    guard FileManager.default.createFile(atPath: scratch.path, contents: Data(bytes)) else { return }
    let format = IdentifiedFormat(kind: kind, name: "\(kind)", mimeType: "application/octet-stream")
    let spec = DerivativeSpec(accessLongEdge: 96, accessQuality: 85, thumbnailLongEdge: 24, thumbnailQuality: 80, progressive: true)
    do {
        try MasterDecoder.decode(scratch, format: format, limits: DecodeLimits(maxPixels: 4_000_000, strict: true),
                                 derivatives: spec) { _ in }
    } catch {
        // Refusing the input is the expected outcome for most of them; only crashes, hangs and
        // sanitizer reports count.
    }
}
