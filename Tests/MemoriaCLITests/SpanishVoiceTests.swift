import Foundation
import Testing
import TestSupport

/// Everything the command line prints is Spanish: every help screen (each a golden), a failing ingest
/// (bad files, a full disk injected at the file-system layer), a configuration saved in another
/// encoding, an unknown option. Nothing printed carries English words, library names or the machine's
/// absolute paths.
@Suite struct SpanishVoiceTests {
    /// English that must never reach a person (phrases of our old messages, of swift-argument-parser,
    /// of Foundation and of the codec libraries).
    static let english = [
        "to do", "archived", "held-back", "new-version", "Error:", "Domain=", "libtiff", "libpng", "libjpeg", "TIFFFetch",
        "Can not", "invalid chunk", "USAGE", "OVERVIEW", "OPTIONS:", "ARGUMENTS:", "SUBCOMMANDS:", "Show help", "Show the version",
        "default:", "Unknown", "Missing", "unexpected", "cannot", "failed", "recovery:", "marker", "settled", "running", "Check the",
        "does not", " is not ", "expected", "Exit codes", " the ", "did you mean", "No such file", "No space left", "Permission denied",
        "See '", "for more information", "Usage:", "Help:",
    ]

    static let commands = ["ingest", "retry", "publish", "verify", "reindex", "derive", "search", "status", "export", "validate", "validate-config", "estadisticas", "withdraw", "reinstate", "restrict", "embargo", "history", "restore", "replicar", "vigilar", "informe"]

    func memoria(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.memoriaExecutable.path, arguments, currentDirectory: folder, environment: environment)
    }

    /// Fails on any English word of the list and any absolute path under `folders`.
    func expectSpanish(_ text: String, _ what: String, folders: [URL] = []) {
        for word in Self.english where text.contains(word) {
            Issue.record("\(what) prints English «\(word)»:\n\(text)")
        }
        for folder in folders where text.contains(folder.path) {
            Issue.record("\(what) prints the absolute path \(folder.path):\n\(text)")
        }
    }

    @Test(arguments: [[String]()] + commands.map { [$0] })
    func everyHelpScreenIsSpanishAndMatchesItsGolden(_ command: [String]) throws {
        let result = try memoria(command + ["--help"])
        #expect(result.status == 0)
        expectSpanish(result.stdout + result.stderr, "\(command) --help")
        let name = command.first ?? "memoria"
        if let mismatch = Golden.mismatch(result.stdout, golden: Golden.directory().appendingPathComponent("ayuda-\(name).txt")) {
            Issue.record("\(mismatch)")
        }
    }

    @Test func usageMistakesAreSpanishAndExit64() throws {
        for arguments in [["ingest", "--nwo"], ["search"], ["search", "x", "--limit", "muchos"], ["withdraw", "AHP-0006"],
                          ["verify", "--sample", "0"], ["export"], ["status", "--config", "no-existe.yaml"]] {
            let result = try memoria(arguments)
            #expect(result.status == 64, "\(arguments): \(result.status)")
            #expect(result.stderr.hasPrefix("memoria: error: "), "\(arguments): \(result.stderr)")
            expectSpanish(result.stdout + result.stderr, "\(arguments)")
        }
        #expect(try memoria(["ingest", "--nwo"]).stderr.contains("¿Quiso decir «--now»?"))
    }

    @Test func aConfigurationSavedAsANSISaysToSaveItAsUTF8() throws {
        let folder = TemporaryDirectory("voice-ansi")
        let yaml = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        var bytes = [UInt8]()
        for scalar in yaml.unicodeScalars { bytes.append(scalar.value < 256 ? UInt8(scalar.value) : UInt8(ascii: "?")) }   // Latin-1, as Notepad's ANSI
        try Data(bytes).write(to: folder.path("pipeline.yaml"))
        let result = try memoria(["status", "--config", folder.path("pipeline.yaml").path], in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("guárdelo como UTF-8"), "\(result.stderr)")
        expectSpanish(result.stderr, "ANSI pipeline.yaml", folders: [folder.url])
    }

    @Test func aFailingIngestSpeaksSpanishAndShowsPathsRelative() throws {
        let deployment = try TestDeployment(label: "voice-ingest")
        let result = try deployment.memoria(["ingest", "--now"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("retenidos en cuarentena"), "\(result.stdout)")
        #expect(result.stderr.contains("MMI-0003: retenido en cuarentena"), "\(result.stderr)")
        expectSpanish(result.stdout + result.stderr, "ingest of the sample inbox", folders: [deployment.root])
        let status = try deployment.memoria(["status"])
        expectSpanish(status.stdout + status.stderr, "status", folders: [deployment.root])
        let verify = try deployment.memoria(["verify"])
        expectSpanish(verify.stdout + verify.stderr, "verify", folders: [deployment.root])
    }

    /// The disk "fills" at the 3rd durable write of the archive (the 4th write of the run: a first
    /// start writes recovery's marker in staging before, `JournalKeptMarker`): the run stops with exit
    /// 2, says which disk and what to do, in Spanish; the report is written; the next run completes.
    @Test func aFullDiskStopsTheBatchWithASpanishMessageAndTheNextRunCompletes() throws {
        let deployment = try TestDeployment(label: "voice-full-disk")
        let full = try deployment.memoria(["ingest", "--now"], environment: ["MEMORIA_FAULT": "ENOSPC@write:4"])
        #expect(full.status == 2, "\(full.status): \(full.stderr)")
        #expect(full.stderr.contains("el disco está lleno"), "\(full.stderr)")
        #expect(full.stderr.contains("Libere espacio"), "\(full.stderr)")
        expectSpanish(full.stdout + full.stderr, "ingest with a full disk", folders: [deployment.root])
        let reports = deployment.files(under: deployment.root.appendingPathComponent("reports")).filter { $0.hasSuffix(".json") }
        #expect(!reports.isEmpty, "the interrupted batch left its report")
        let again = try deployment.memoria(["ingest", "--now"])
        #expect(again.status == 1, "bad files are quarantined as usual: \(again.stderr)")
        expectSpanish(again.stdout + again.stderr, "ingest after the full disk", folders: [deployment.root])
        let verify = try deployment.memoria(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)")
    }
}
