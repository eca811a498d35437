import Foundation
import Testing
import TestSupport

/// The command line as a user meets it: --help everywhere, documented exit codes.
@Suite struct CommandLineTests {
    static let subcommands = ["ingest", "publish", "verify", "reindex", "derive", "search", "status", "export", "validate", "validate-config"]

    func run(_ arguments: [String], in folder: URL? = nil) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.memoriaExecutable.path, arguments, currentDirectory: folder)
    }

    @Test func theTopLevelHelpListsEveryCommandAndTheExitCodes() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        for command in Self.subcommands { #expect(result.stdout.contains(command), "missing \(command)") }
        #expect(result.stdout.contains("EXIT CODES"))
        #expect(result.stdout.contains("64"))
    }

    @Test(arguments: subcommands)
    func everyCommandHasHelpWithAConfigOption(_ command: String) throws {
        let result = try run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--config"))
    }

    @Test func anUnknownOptionIsAUsageError() throws {
        #expect(try run(["ingest", "--no-such-option"]).status == 64)
        #expect(try run(["no-such-command"]).status == 64)
    }

    @Test func aMissingConfigurationIsAUsageErrorThatSaysWhere() throws {
        let folder = TemporaryDirectory("cli-missing")
        let result = try run(["status", "--config", folder.path("nope.yaml").path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("nope.yaml"))
    }

    @Test func validateConfigNamesATypoAndItsLine() throws {
        let folder = TemporaryDirectory("cli-typo")
        var yaml = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  ready_marker: LISTO", with: "  ready_maker: LISTO")
        let line = yaml.components(separatedBy: "\n").firstIndex { $0.contains("ready_maker") }! + 1
        try yaml.write(to: folder.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        let result = try run(["validate-config", "--config", folder.path("pipeline.yaml").path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("pipeline.yaml:\(line): ingest.ready_maker"))
        #expect(result.stderr.contains("did you mean \"ready_marker\""))
    }

    @Test func validateConfigAcceptsTheRepositoryFileAndPrintsTheEffectiveValues() throws {
        let result = try run(["validate-config", "--config", TestPaths.packageRoot.appendingPathComponent("pipeline.yaml").path, "--print"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"settle_seconds\" : 300"))
    }

    @Test func searchWithNoCatalogHitsExitsOneAndJSONIsParseable() throws {
        let deployment = try TestDeployment(label: "cli-search", inboxFixture: nil)
        let result = try deployment.memoria(["search", "inexistente", "--json"])
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((json?["hits"] as? [Any])?.isEmpty == true)
    }
}
