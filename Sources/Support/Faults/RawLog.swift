import Foundation

/// Appends a line to a test log with plain POSIX calls, so that writing the log of the fault and crash
/// hooks never counts as, or passes through, one of the operations they watch.
enum RawLog {
    static func append(_ line: String, to path: String) {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress!, $0.count) }
    }
}
