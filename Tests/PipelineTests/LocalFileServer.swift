import Foundation
import TestSupport

/// A static file server on 127.0.0.1 for a folder (Python's http.server, started for the test and
/// ended by its pid): stands in for the schemas' publishers so the download path runs without the
/// internet. It keeps the path of every request it served.
final class LocalFileServer: @unchecked Sendable {
    let process = Process()
    let requests: URL
    private(set) var port = 0

    static let script = """
    import functools, http.server, sys
    root, log = sys.argv[1], sys.argv[2]
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, fmt, *args):
            with open(log, 'a') as f:
                f.write(self.path + '\\n')
    server = http.server.HTTPServer(('127.0.0.1', 0), functools.partial(Handler, directory=root))
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """

    init(serving root: URL, in folder: TemporaryDirectory) throws {
        let script = folder.path("servidor.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        requests = folder.path("peticiones.log")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, root.path, requests.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        port = firstLinePort(of: out)
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The paths requested so far, in order.
    var requested: [String] {
        ((try? String(contentsOf: requests, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// SIGKILL (a child started from a test's worker thread may have SIGTERM blocked).
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
