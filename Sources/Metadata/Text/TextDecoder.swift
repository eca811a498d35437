/// Decodes text files from archivists: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's
/// "Unicode text"), or Windows-1252 (Excel on Windows). It detects rather than guesses: bytes that are
/// not UTF-8 are read as Windows-1252 only if the file contains no valid multi-byte UTF-8 sequence
/// (a file mixing both is damaged) and no byte Windows-1252 leaves undefined.
import Foundation
public enum TextDecoder {
    public enum Encoding: String, Sendable, Codable {
        case utf8 = "UTF-8"
        case utf16 = "UTF-16"
        case windows1252 = "Windows-1252"

        /// For reports: "UTF-8", "UTF-16", "Windows-1252 (Excel en Windows)".
        public var spanishName: String { self == .windows1252 ? "Windows-1252 (Excel en Windows)" : rawValue }
    }

    public struct Failure: Error, Equatable, Sendable {
        /// 1-based line of the first offending byte.
        public var line: Int
        public var reason: String
    }

    public static func decode(_ bytes: [UInt8]) -> Result<(text: String, encoding: Encoding), Failure> {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            return .success((String(decoding: units, as: UTF16.self), .utf16))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let nul = body.firstIndex(of: 0) {
            return .failure(Failure(line: line(of: nul, in: bytes), reason: "contiene bytes nulos: no es un archivo de texto (¿es un documento de Word o Excel sin exportar a CSV/TXT?)"))
        }
        if let text = String(validating: body, as: UTF8.self) {
            return .success((text, .utf8))
        }
        // Not UTF-8. Windows-1252, unless the file also holds valid UTF-8 sequences (mixed encodings).
        var i = body.startIndex
        while i < body.endIndex {
            let b = body[i]
            if b >= 0xC2 && b <= 0xF4 {
                let needed = b >= 0xF0 ? 3 : (b >= 0xE0 ? 2 : 1)
                let end = i + 1 + needed
                if end <= body.endIndex && body[(i + 1)..<end].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                    let invalid = firstInvalidUTF8(body)
                    return .failure(Failure(line: line(of: invalid ?? i, in: bytes),
                                            reason: "mezcla de codificaciones: partes en UTF-8 y partes en otra codificación. Abra el archivo y guárdelo de nuevo como \"CSV UTF-8\""))
                }
            }
            i += 1
        }
        switch Windows1252.decode(Array(body)) {
        case .success(let text): return .success((text, .windows1252))
        case .failure(let undefined):
            return .failure(Failure(line: line(of: body.startIndex + undefined.offset, in: bytes),
                                    reason: String(format: "el byte 0x%02X no es UTF-8 ni Windows-1252. Guarde el archivo como \"CSV UTF-8\"", undefined.byte)))
        }
    }

    private static func firstInvalidUTF8(_ body: ArraySlice<UInt8>) -> Int? {
        var i = body.startIndex
        while i < body.endIndex {
            let b = body[i]
            let length = b < 0x80 ? 1 : (b >= 0xC2 && b <= 0xDF ? 2 : (b >= 0xE0 && b <= 0xEF ? 3 : (b >= 0xF0 && b <= 0xF4 ? 4 : 0)))
            if length == 0 || i + length > body.endIndex { return i }
            if body[(i + 1)..<(i + length)].contains(where: { $0 & 0xC0 != 0x80 }) { return i }
            i += length
        }
        return nil
    }

    private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<min(offset, bytes.count)].filter { $0 == 0x0A }.count
    }
}
