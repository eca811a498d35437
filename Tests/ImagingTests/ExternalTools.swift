import Foundation
import Testing
import TestSupport

/// Command-line tools from Debian packages that tests use as independent checks (vips, pdfinfo,
/// pdftotext). CI installs them (scripts/setup-debian.sh); there a missing tool fails the test,
/// elsewhere the test is skipped with a printed reason.
enum ExternalTools {
    static func pathOrSkip(_ tool: String, package: String, _ test: String = #function) -> String? {
        if ProcessRunner.exists(tool) { return tool }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(tool) is missing on CI: scripts/setup-debian.sh should install \(package)")
        } else {
            print("SKIPPED \(test): \(tool) is not installed (Debian package \(package); scripts/test.sh installs it)")
        }
        return nil
    }

    /// Runs a tool and fails the test with its error output when it does not succeed.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> ProcessResult {
        let result = try ProcessRunner.run(tool, arguments)
        if result.status != 0 { Issue.record("\(tool) \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        return result
    }
}

/// A binary PPM (P6) or PGM (P5) image as vips writes it, comments included.
struct NetPBM {
    var width: Int, height: Int, channels: Int
    var pixels: [UInt8]

    init(contentsOf url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        var fields: [String] = []
        var i = 0
        while fields.count < 4 && i < bytes.count {
            if bytes[i] == UInt8(ascii: "#") {
                while i < bytes.count && bytes[i] != 10 { i += 1 }
            } else if bytes[i] == 10 || bytes[i] == 13 || bytes[i] == 32 || bytes[i] == 9 {
                i += 1
            } else {
                var token = ""
                while i < bytes.count, ![10, 13, 32, 9].contains(bytes[i]) { token.append(Character(UnicodeScalar(bytes[i]))); i += 1 }
                fields.append(token)
            }
        }
        i += 1   // the single whitespace after maxval
        guard fields.count == 4, let w = Int(fields[1]), let h = Int(fields[2]) else { throw CocoaError(.fileReadCorruptFile) }
        width = w
        height = h
        channels = fields[0] == "P6" ? 3 : 1
        pixels = Array(bytes[i..<min(bytes.count, i + w * h * channels)])
        guard pixels.count == w * h * channels else { throw CocoaError(.fileReadCorruptFile) }
    }

    /// The rectangle (x, y, w, h) of this image, rows packed.
    func crop(x: Int, y: Int, width w: Int, height h: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(w * h * channels)
        for row in y..<(y + h) {
            let start = (row * width + x) * channels
            out += pixels[start..<(start + w * channels)]
        }
        return out
    }
}
