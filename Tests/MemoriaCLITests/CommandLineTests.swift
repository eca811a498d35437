import Foundation
import Testing
import TestSupport

/// The command line as a user meets it: --help everywhere, documented exit codes.
@Suite struct CommandLineTests {
    static let subcommands = ["ingest", "publish", "verify", "reindex", "derive", "search", "status", "export", "validate", "validate-config", "replicar", "vigilar", "informe"]

    func run(_ arguments: [String], in folder: URL? = nil) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.memoriaExecutable.path, arguments, currentDirectory: folder)
    }

    @Test func theTopLevelHelpListsEveryCommandAndTheExitCodes() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        for command in Self.subcommands { #expect(result.stdout.contains(command), "missing \(command)") }
        #expect(result.stdout.contains("CÓDIGOS DE SALIDA"))
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
        #expect(result.stderr.contains("pipeline.yaml, línea \(line), ingest.ready_maker"))
        #expect(result.stderr.contains("¿Quiso decir «ready_marker»?"))
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

    /// Naming something that does not exist is a usage error (64), never a quiet "nothing to do".
    @Test func unknownBatchesAndItemsAreUsageErrors() throws {
        let deployment = try TestDeployment(label: "cli-unknown", inboxFixture: nil)
        for arguments in [["ingest", "--batch", "banda-sinfonica/no-existe", "--now"], ["ingest", "--batch", "../../etc", "--now"],
                          ["ingest", "--batch", "fondo-inventado"], ["derive", "--item", "NO-EXISTE"],
                          ["export", "NO-EXISTE", "--bagit", deployment.root.appendingPathComponent("bolsa").path]] {
            let result = try deployment.memoria(arguments)
            #expect(result.status == 64, "\(arguments): exit \(result.status) \(result.stderr)")
            #expect(!result.stderr.isEmpty, "\(arguments) says why")
        }
    }

    /// A bag whose master fails its digest is not written at all (no half bag to clean up), exit 2.
    @Test func aFailedExportLeavesNoPartialBag() throws {
        let deployment = try TestDeployment(label: "cli-export")
        _ = try deployment.memoria(["ingest", "--quiet"])
        let master = deployment.archive.appendingPathComponent("MBL-0001/v1/content/objects/MBL-0001.jpg")
        var bytes = try Data(contentsOf: master)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: master)
        let bag = deployment.root.appendingPathComponent("bolsa-MBL-0001")
        let result = try deployment.memoria(["export", "MBL-0001", "--bagit", bag.path])
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("memoria verify"))
        #expect(!FileManager.default.fileExists(atPath: bag.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: deployment.root.path).allSatisfy { !$0.contains("parcial") })
        let good = try deployment.memoria(["export", "MBL-0002", "--bagit", bag.path])
        #expect(good.status == 0, "\(good.stderr)")
        // Nor are access copies rebuilt from it.
        let derive = try deployment.memoria(["derive", "--item", "MBL-0001", "--force"])
        #expect(derive.status == 1, "exit \(derive.status): \(derive.stdout)\(derive.stderr)")
        #expect((derive.stdout + derive.stderr).contains("no coincide con su huella"))
    }
}
