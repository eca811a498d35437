import Foundation
import Pipeline

/// Renders progress: a live line on a terminal ("[ingreso banda-sinfonica/2024-03] ████░░ 12/40 0002.tif"),
/// plain log lines otherwise (or nothing with --quiet); warnings and errors always to stderr, in Spanish,
/// with paths shown relative to the deployment's folders.
enum Terminal {
    static let isTerminal = isatty(STDERR_FILENO) == 1
    nonisolated(unsafe) private static var lineOpen = false
    /// Set once the configuration is read (CommonOptions.context); until then paths are shown as given.
    nonisolated(unsafe) static var display = DisplayPath(roots: [])
    private static let lock = NSLock()

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(display.scrub(text).utf8))
    }

    static func error(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        clearLine()
        write("memoria: error: \(message)\n")
    }

    private static func clearLine() {
        if lineOpen { write("\r\u{1B}[2K"); lineOpen = false }
    }

    static func reporter(quiet: Bool) -> Reporter {
        let state = PlainState()
        return Reporter { event in
            lock.lock(); defer { lock.unlock() }
            switch event {
            case .began(let stage, let total, let unit):
                if !isTerminal && !quiet && total > 0 { write("\(stage): \(unit.counted(total)) por procesar\n") }
            case .advanced(let stage, let done, let total, let detail):
                guard !quiet else { return }
                if isTerminal {
                    let width = 24
                    let filled = total > 0 ? width * done / total : width
                    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                    write("\r\u{1B}[2K[\(stage)] \(bar) \(done)/\(total) \(detail.prefix(40))")
                    lineOpen = true
                } else if done == total || Date().timeIntervalSince(state.last) > 5 {
                    state.last = Date()
                    write("\(stage): \(done) de \(total)\n")
                }
            case .finished:
                clearLine()
            case .info(let message):
                guard !quiet else { return }
                clearLine()
                write("\(message)\n")
            case .warning(let message):
                clearLine()
                write("aviso: \(message)\n")
            }
        }
    }
}

final class PlainState: @unchecked Sendable {
    var last = Date.distantPast
}
