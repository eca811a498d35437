// libFuzzer targets for Memoria's readers of archivists' files, compiled together with
// Sources/Metadata (scripts/fuzz/build.sh). The target is the name the binary is run as:
// fuzz-csv (metadata.csv: encoding, delimiter, rows), fuzz-edtf (dates), fuzz-mets, fuzz-alto,
// fuzz-hocr (XML and HTML readers) and fuzz-text (plain-text sidecars).
import Foundation

nonisolated(unsafe) var target = "csv"

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    if let arguments = argv.pointee, let first = arguments[0] {
        let name = URL(fileURLWithPath: String(cString: first)).lastPathComponent
        target = name.hasPrefix("fuzz-") ? String(name.dropFirst(5)) : name
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    // Errors are the expected outcome for most inputs; only crashes, hangs and sanitizer reports count.
    switch target {
    case "edtf":
        let text = String(decoding: bytes, as: UTF8.self)
        if let date = EDTFDate(text) { _ = (date.earliestYear, date.latestYear) }
        _ = EDTFDate.suggestion(for: text)
    case "mets": _ = try? METSReader.read(bytes: bytes, name: "mets.xml")
    case "alto": _ = try? TextSidecarReader.alto(bytes, file: "0001.alto.xml", minimumWordConfidence: 60)
    case "hocr": _ = try? TextSidecarReader.hocr(bytes, file: "0001.hocr")
    case "text": _ = try? TextSidecarReader.plain(bytes, file: "0001.txt")
    default:
        _ = try? MetadataSheet.read(bytes, file: "metadata.csv", requiredFields: ["title", "date"])
        let text = String(decoding: bytes, as: UTF8.self)
        _ = CSVParser.parse(text, delimiter: CSVParser.detectDelimiter(text))
    }
    return 0
}
