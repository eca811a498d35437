import FixtureKit
import Foundation
import Testing
import TestSupport

/// What a run leaves behind in the inbox and the reports: system files never keep a finished batch
/// folder alive, a folder with nothing to ingest is not processed again and again, and two runs of
/// the same batch in the same second keep both reports.
@Suite(.serialized) struct InboxLeftoversTests {
    static func dropBatch(in deployment: TestDeployment, name: String, junk: [String]) throws -> URL {
        let batch = deployment.inbox.appendingPathComponent("maguey-blanco/\(name)")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        let pixels = [UInt8](repeating: 200, count: 60 * 40 * 3)
        try FixtureImageWriter.writePNG(pixels, width: 60, height: 40, channels: 3, dpi: 300, to: batch.appendingPathComponent("MBL-0900.png"))
        try "identifier,dc.title,dc.date\nMBL-0900,Aviso,1938\n".write(to: batch.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
        for name in junk + ["LISTO"] { try Data("x".utf8).write(to: batch.appendingPathComponent(name)) }
        return batch
    }

    @Test func systemFilesDoNotKeepAFinishedBatchFolderAlive() throws {
        let deployment = try TestDeployment(label: "leftovers-junk", inboxFixture: nil)
        let batch = try Self.dropBatch(in: deployment, name: "con-basura", junk: ["._MBL-0900.png", ".DS_Store", "Thumbs.db", "~$metadata.xlsx"])
        let first = try deployment.memoria(["ingest", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: batch.path), "left: \(deployment.files(under: deployment.inbox))")
    }

    @Test func aFolderWithNothingToIngestIsNotProcessedAgainAndAgain() throws {
        let deployment = try TestDeployment(label: "leftovers-empty", inboxFixture: nil)
        let batch = deployment.inbox.appendingPathComponent("maguey-blanco/solo-hoja")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        try "identifier,dc.title\nMBL-0901,Aviso\n".write(to: batch.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
        try Data().write(to: batch.appendingPathComponent("LISTO"))
        for _ in 0..<2 {
            let result = try deployment.memoria(["ingest", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect((summary?["batches"] as? [Any])?.isEmpty == true, "no report for a batch without images")
        }
        #expect(FileManager.default.fileExists(atPath: batch.appendingPathComponent("metadata.csv").path), "the archivist's sheet is kept")
        #expect(!FileManager.default.fileExists(atPath: deployment.root.appendingPathComponent("reports/maguey-blanco/solo-hoja").path))
    }

    @Test func twoRunsInTheSameSecondKeepBothReports() throws {
        let deployment = try TestDeployment(label: "leftovers-reports", inboxFixture: nil, extraYAML: "")
        let config = try String(contentsOf: deployment.configURL, encoding: .utf8)
        try config.replacingOccurrences(of: "  after_ingest: delete", with: "  after_ingest: keep").write(to: deployment.configURL, atomically: true, encoding: .utf8)
        _ = try Self.dropBatch(in: deployment, name: "dos-veces", junk: [])
        let sameSecond = ["MEMORIA_FIXED_TIME": "2026-01-15T10:00:00Z", "TZ": "America/Mexico_City"]
        let first = try deployment.memoria(["ingest", "--quiet"], environment: sameSecond)
        let second = try deployment.memoria(["ingest", "--quiet"], environment: sameSecond)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        let reports = try FileManager.default.contentsOfDirectory(atPath: deployment.root.appendingPathComponent("reports/maguey-blanco/dos-veces").path)
            .filter { $0.hasPrefix("informe-") && $0.hasSuffix(".json") }.sorted()
        #expect(reports == ["informe-20260115-040000-2.json", "informe-20260115-040000.json"], "named by the local time of the run")
        let firstReport = try String(contentsOf: deployment.root.appendingPathComponent("reports/maguey-blanco/dos-veces/informe-20260115-040000.json"), encoding: .utf8)
        #expect(firstReport.contains("\"archived\""), "the first run's report still says what it archived")
    }
}
