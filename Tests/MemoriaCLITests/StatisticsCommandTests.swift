import Foundation
import Testing
import TestSupport

/// `memoria estadisticas` as a person or a cron job meets it: Spanish help, the documented exit codes.
@Suite struct StatisticsCommandTests {
    static func line(_ address: String, _ day: Int, _ path: String) -> String {
        "\(address) - - [0\(day)/Nov/2026:10:00:00 -0600] \"GET \(path) HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0\""
    }

    @Test func theHelpIsInSpanishAndGivesTheExitCodes() throws {
        let result = try ProcessRunner.run(TestPaths.memoriaExecutable.path, ["estadisticas", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Códigos de salida"))
        #expect(result.stdout.contains("--anio"))
        #expect(result.stdout.contains("--config"))
    }

    @Test func withoutALogOrWithAMissingOneItIsAUsageError() throws {
        let deployment = try TestDeployment(label: "cli-stats-usage", inboxFixture: nil)
        let none = try deployment.memoria(["estadisticas"])
        #expect(none.status == 64)
        #expect(none.stderr.contains("stats.log"))
        let missing = try deployment.memoria(["estadisticas", deployment.root.appendingPathComponent("no-existe.log").path])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("no-existe.log"))
    }

    @Test func aGoodLogExitsZeroAMalformedLineExitsOneAndNamesItsLine() throws {
        let deployment = try TestDeployment(label: "cli-stats", inboxFixture: nil)
        let log = deployment.root.appendingPathComponent("access.log")
        try ([Self.line("203.0.113.7", 5, "/"), Self.line("2001:db8::1", 5, "/items/BSH-0001/"), Self.line("203.0.113.7", 6, "/")]
            .joined(separator: "\n") + "\n").write(to: log, atomically: true, encoding: .utf8)
        let environment = ["MEMORIA_FIXED_TIME": "2026-11-20T00:00:00Z"]
        let good = try deployment.memoria(["estadisticas", log.path, "--json"], environment: environment)
        #expect(good.status == 0, "\(good.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(good.stdout.utf8)) as? [String: Any])
        #expect((json["totals"] as? [String: Any])?["visitors"] as? Int == 3)
        #expect(!good.stdout.contains("203.0.113.7") && !good.stdout.contains("2001:db8::1"))
        #expect(FileManager.default.fileExists(atPath: deployment.root.appendingPathComponent("reports/estadisticas/informe.html").path))

        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(("una línea que no es del registro\n" + Self.line("198.51.100.4", 7, "/") + "\n").utf8))
        try handle.close()
        let bad = try deployment.memoria(["estadisticas", log.path], environment: environment)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("access.log, línea 4"), "\(bad.stderr)")
    }
}
