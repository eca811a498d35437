import Foundation

/// The port a test server started on 127.0.0.1 prints as its first line (0 when it printed none).
func firstLinePort(of out: Pipe) -> Int {
    var line = Data()
    while !line.contains(0x0A) {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        line += chunk
    }
    return Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
}
