import Foundation

/// Golden-file comparison: the expected text is stored beside the test; a mismatch reports a unified
/// diff. `RECORD_GOLDENS=1 swift test` re-records, and the test still fails ("recorded: run again"),
/// as swift-argument-parser's snapshot helper does, so a recording run can never pass unnoticed; a
/// missing golden fails.
public enum Golden {
    /// Returns nil when `actual` matches the golden file, else a message with the difference.
    public static func mismatch(_ actual: String, golden url: URL) -> String? {
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if record {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                return "golden file \(url.lastPathComponent) could not be recorded: \(error)"
            }
            return expected == actual ? "golden file \(url.lastPathComponent) recorded (unchanged); run again without RECORD_GOLDENS"
                : "golden file \(url.lastPathComponent) recorded; review the change with git diff and run again without RECORD_GOLDENS"
        }
        guard let expected else { return "golden file \(url.lastPathComponent) is missing; run RECORD_GOLDENS=1 swift test" }
        if expected == actual { return nil }
        return "output differs from golden \(url.lastPathComponent):\n" + diff(expected, actual)
    }

    static func diff(_ a: String, _ b: String) -> String {
        let left = a.components(separatedBy: "\n"), right = b.components(separatedBy: "\n")
        var lines: [String] = []
        for i in 0..<max(left.count, right.count) {
            let l = i < left.count ? left[i] : nil, r = i < right.count ? right[i] : nil
            if l != r {
                if let l { lines.append("-\(i + 1): \(l)") }
                if let r { lines.append("+\(i + 1): \(r)") }
            }
            if lines.count > 40 { lines.append("..."); break }
        }
        return lines.joined(separator: "\n")
    }

    /// The folder of golden files beside a test source file.
    public static func directory(besides file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Goldens")
    }
}
