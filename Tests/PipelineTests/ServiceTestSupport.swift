import Foundation
import Testing
import TestSupport

/// A webhook receiver on 127.0.0.1 (a small Python HTTP server started for the test, ended by its pid):
/// it answers 503 to the first `failures` requests and 200 afterwards, and keeps every body it got.
final class WebhookReceiver: @unchecked Sendable {
    let process = Process()
    let folder: TemporaryDirectory
    private(set) var port = 0

    static let script = """
    import http.server, os, sys
    failures, out = int(sys.argv[1]), sys.argv[2]
    count = 0
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            global count
            body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
            count += 1
            with open(os.path.join(out, '%03d.json' % count), 'wb') as f:
                f.write(body)
            with open(os.path.join(out, '%03d.type' % count), 'w') as f:
                f.write(self.headers.get('Content-Type', ''))
            self.send_response(503 if count <= failures else 200)
            self.send_header('Content-Length', '0')
            self.end_headers()
        def log_message(self, *args):
            pass
    server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """

    init(failures: Int) throws {
        folder = TemporaryDirectory("webhook")
        let script = folder.path("receiver.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let bodies = folder.path("bodies")
        try FileManager.default.createDirectory(at: bodies, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "\(failures)", bodies.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        port = firstLinePort(of: out)
    }

    var url: String { "http://127.0.0.1:\(port)/avisos" }

    /// The bodies received, in order.
    var bodies: [String] {
        let folder = self.folder.path("bodies")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    var firstContentType: String? { try? String(contentsOf: folder.path("bodies/001.type"), encoding: .utf8) }

    /// SIGKILL: a child started from a test's worker thread inherits its blocked signal mask (SIGTERM
    /// would wait forever).
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// A fake `sendmail` on PATH: writes its arguments and the message it reads to files of the test.
struct FakeSendmail {
    let bin: URL
    let capture: URL

    init(in folder: URL) throws {
        bin = folder.appendingPathComponent("bin")
        capture = folder.appendingPathComponent("correo.eml")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = bin.appendingPathComponent("sendmail")
        try "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"\(capture.path).args\"\ncat >> \"\(capture.path)\"\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    }

    var environment: [String: String] { ["PATH": "\(bin.path):\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")"] }
    var mail: String? { try? String(contentsOf: capture, encoding: .utf8) }
    var arguments: String? { try? String(contentsOf: URL(fileURLWithPath: capture.path + ".args"), encoding: .utf8) }
}
