import Foundation

/// Identifies a file by its first bytes (magic numbers), as DROID/PRONOM signatures do.
///
/// PRONOM identifiers are assigned only where the signature determines them: TIFF fmt/353,
/// JFIF 1.00–1.02 fmt/42–44, Exif 2.2/2.21 x-fmt/391 and fmt/645, PNG fmt/13 (PNG 1.2, which reads
/// every earlier PNG), JP2 x-fmt/392, GIF fmt/3 and fmt/4, PDF 1.0–1.7 fmt/14–20 and fmt/276.
public enum FormatIdentifier {
    /// How many leading bytes `identify(bytes:)` looks at.
    public static let signatureLength = 4096

    /// Identifies the file at `url` from its first bytes.
    public static func identify(fileAt url: URL) throws -> IdentifiedFormat {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ImagingError.unreadable(path: url.path, reason: "cannot open")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: signatureLength) ?? Data()
        } catch {
            throw ImagingError.unreadable(path: url.path, reason: "\(error)")
        }
        return identify(bytes: [UInt8](data))
    }

    /// Identifies a byte prefix of a file.
    public static func identify(bytes b: [UInt8]) -> IdentifiedFormat {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + prefix.count && Array(b[offset..<offset + prefix.count]) == prefix
        }
        func ascii(_ s: String, at offset: Int = 0) -> Bool { starts(Array(s.utf8), at: offset) }

        if b.isEmpty { return IdentifiedFormat(kind: .empty, name: "empty file", mimeType: "application/octet-stream") }
        if starts([0x49, 0x49, 0x2A, 0x00]) {
            return IdentifiedFormat(kind: .tiff, name: "TIFF (little-endian)", pronomID: "fmt/353",
                                    mimeType: "image/tiff", byteOrder: "little-endian")
        }
        if starts([0x4D, 0x4D, 0x00, 0x2A]) {
            return IdentifiedFormat(kind: .tiff, name: "TIFF (big-endian)", pronomID: "fmt/353",
                                    mimeType: "image/tiff", byteOrder: "big-endian")
        }
        if starts([0x49, 0x49, 0x2B, 0x00]) {
            return IdentifiedFormat(kind: .bigTIFF, name: "BigTIFF (little-endian)", mimeType: "image/tiff",
                                    byteOrder: "little-endian")
        }
        if starts([0x4D, 0x4D, 0x00, 0x2B]) {
            return IdentifiedFormat(kind: .bigTIFF, name: "BigTIFF (big-endian)", mimeType: "image/tiff",
                                    byteOrder: "big-endian")
        }
        if starts([0xFF, 0xD8, 0xFF]) { return identifyJPEG(b) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return IdentifiedFormat(kind: .png, name: "PNG", version: "1.2", pronomID: "fmt/13", mimeType: "image/png")
        }
        if starts([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]) {
            return IdentifiedFormat(kind: .jpeg2000, name: "JPEG 2000 (JP2)", pronomID: "x-fmt/392", mimeType: "image/jp2")
        }
        if starts([0xFF, 0x4F, 0xFF, 0x51]) {
            return IdentifiedFormat(kind: .jpeg2000Codestream, name: "JPEG 2000 codestream", mimeType: "image/x-jp2-codestream")
        }
        if ascii("%PDF-") {
            let version = String(decoding: b[5..<min(b.count, 8)], as: UTF8.self)
            let pronom = ["1.0": "fmt/14", "1.1": "fmt/15", "1.2": "fmt/16", "1.3": "fmt/17", "1.4": "fmt/18",
                          "1.5": "fmt/19", "1.6": "fmt/20", "1.7": "fmt/276"][version]
            return IdentifiedFormat(kind: .pdf, name: "PDF \(version)", version: version, pronomID: pronom,
                                    mimeType: "application/pdf")
        }
        if ascii("GIF87a") { return IdentifiedFormat(kind: .gif, name: "GIF 87a", version: "87a", pronomID: "fmt/3", mimeType: "image/gif") }
        if ascii("GIF89a") { return IdentifiedFormat(kind: .gif, name: "GIF 89a", version: "89a", pronomID: "fmt/4", mimeType: "image/gif") }
        if ascii("BM") && b.count >= 26 { return IdentifiedFormat(kind: .bmp, name: "Windows Bitmap (BMP)", mimeType: "image/bmp") }
        if ascii("RIFF") && ascii("WEBP", at: 8) { return IdentifiedFormat(kind: .webp, name: "WebP", mimeType: "image/webp") }
        if ascii("ftyp", at: 4), b.count >= 12 {
            let brand = String(decoding: b[8..<12], as: UTF8.self)
            if ["heic", "heix", "mif1", "msf1", "avif", "heim", "heis"].contains(brand) {
                return IdentifiedFormat(kind: .heif, name: "HEIF/AVIF (\(brand))", mimeType: brand == "avif" ? "image/avif" : "image/heif")
            }
        }
        if ascii("AT&TFORM") { return IdentifiedFormat(kind: .djvu, name: "DjVu", mimeType: "image/vnd.djvu") }
        if ascii("8BPS") { return IdentifiedFormat(kind: .photoshop, name: "Adobe Photoshop (PSD)", mimeType: "image/vnd.adobe.photoshop") }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return IdentifiedFormat(kind: .zip, name: "ZIP archive (or an Office document)", mimeType: "application/zip") }
        return identifyText(b)
    }

    private static func identifyJPEG(_ b: [UInt8]) -> IdentifiedFormat {
        // Walk the markers before the first scan looking for APP0 JFIF and APP1 Exif.
        var offset = 2
        var jfifVersion: String?
        var exifVersion: String?
        var exif = false
        while offset + 4 <= b.count, b[offset] == 0xFF {
            let marker = b[offset + 1]
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            if marker == 0xDA || marker == 0xD9 { break }
            let length = Int(b[offset + 2]) << 8 | Int(b[offset + 3])
            let payload = offset + 4
            if marker == 0xE0, payload + 7 <= b.count, Array(b[payload..<payload + 5]) == Array("JFIF\0".utf8) {
                jfifVersion = "\(b[payload + 5]).\(b[payload + 6] < 10 ? "0" : "")\(b[payload + 6])"
            }
            if marker == 0xE1, payload + 6 <= b.count, Array(b[payload..<payload + 6]) == Array("Exif\0\0".utf8) {
                exif = true
                let end = min(b.count, payload + max(0, length - 2))
                if payload + 6 < end {
                    exifVersion = ExifReader(bytes: Array(b[(payload + 6)..<end])).exifVersion
                }
            }
            if length < 2 { break }
            offset += 2 + length
        }
        if let jfif = jfifVersion {
            let pronom = ["1.00": "fmt/42", "1.01": "fmt/43", "1.02": "fmt/44"][jfif]
            return IdentifiedFormat(kind: .jpeg, name: "JPEG (JFIF \(jfif))", version: jfif, pronomID: pronom, mimeType: "image/jpeg")
        }
        if exif {
            let pronom = ["0220": "x-fmt/391", "0221": "fmt/645"][exifVersion ?? ""]
            let shown = exifVersion.map { "Exif \($0)" } ?? "Exif"
            return IdentifiedFormat(kind: .jpeg, name: "JPEG (\(shown))", version: exifVersion, pronomID: pronom, mimeType: "image/jpeg")
        }
        return IdentifiedFormat(kind: .jpeg, name: "JPEG (raw stream)", pronomID: "fmt/41", mimeType: "image/jpeg")
    }

    private static func identifyText(_ b: [UInt8]) -> IdentifiedFormat {
        var sample = b.prefix(512)
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { sample = sample.dropFirst(3) }
        let text = String(decoding: sample, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("<?xml") || text.hasPrefix("<") && text.contains(">") {
            return IdentifiedFormat(kind: .xml, name: "XML or HTML", mimeType: "application/xml")
        }
        let controls = sample.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }.count
        if controls == 0 {
            return IdentifiedFormat(kind: .text, name: "text", mimeType: "text/plain")
        }
        return IdentifiedFormat(kind: .unknown, name: "unknown", mimeType: "application/octet-stream")
    }
}
