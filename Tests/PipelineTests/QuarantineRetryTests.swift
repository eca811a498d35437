import Foundation
import Testing
import TestSupport

/// The quarantine can be worked off: `memoria retry` (reintentar) gives a batch's quarantined files back
/// to the inbox without their notes, with the batch's sheet; status counts pending and resolved; and
/// copying a quarantine folder back by hand never makes Memoria read its own notes as transcriptions.
@Suite struct QuarantineRetryTests {
    @Test func retryGivesTheFilesBackWithTheirSheetAndStatusCountsTheQuarantine() throws {
        let deployment = try TestDeployment(label: "retry")
        _ = try deployment.memoria(["ingest", "--now", "--quiet"])
        let status = try deployment.memoria(["status"])
        #expect(status.stdout.contains("Cuarentena: 2 pendientes, 0 resueltas"), "\(status.stdout)")
        #expect(status.stdout.contains("margarita-michelena: imagen ilegible o dañada: 1 pendiente"), "\(status.stdout)")

        let retry = try deployment.memoria(["reintentar", "margarita-michelena/2024-04-cartas"])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout.contains("2 archivos devueltos a la bandeja"), "\(retry.stdout)")
        let batch = deployment.inbox.appendingPathComponent("margarita-michelena/2024-04-cartas")
        #expect(deployment.files(under: batch) == ["MMI-0003.tif", "MMI-0005.tif", "metadata.csv"], "\(deployment.files(under: batch))")
        #expect(!deployment.files(under: deployment.root.appendingPathComponent("quarantine")).contains { $0.hasSuffix(".tif") })
        let after = try deployment.memoria(["status"])
        #expect(after.stdout.contains("Cuarentena: 0 pendientes, 2 resueltas"), "\(after.stdout)")

        // Still bad: quarantined again, with one reason file each and no note read as a transcription.
        _ = try deployment.memoria(["ingest", "--now", "--quiet"])
        let quarantine = deployment.files(under: deployment.root.appendingPathComponent("quarantine"))
        #expect(quarantine.filter { $0.hasSuffix(".reason.txt") }.count == 2, "\(quarantine)")
    }

    @Test func aQuarantineFolderCopiedBackByHandIsReadWithoutItsNotes() throws {
        let deployment = try TestDeployment(label: "retry-by-hand", inboxFixture: nil)
        let batch = deployment.inbox.appendingPathComponent("maguey-blanco/copiado-a-mano")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.sampleInbox.appendingPathComponent("maguey-blanco/2024-07-haciendas/metadata.csv"),
                                         to: batch.appendingPathComponent("metadata.csv"))
        let source = TestPaths.sampleInbox.appendingPathComponent("maguey-blanco/2024-07-haciendas")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasPrefix("MBL-0001") {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: batch.appendingPathComponent(name))
            try "Memoria — archivo en cuarentena\n".write(to: batch.appendingPathComponent("\(name).reason.txt"), atomically: true, encoding: .utf8)
        }
        let result = try deployment.memoria(["ingest", "--now", "--json"])
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let items = ((summary?["batches"] as? [[String: Any]])?.first?["items"] as? [[String: Any]]) ?? []
        #expect(items.first { $0["id"] as? String == "MBL-0001" }?["outcome"] as? String == "archived", "\(result.stdout)")
    }
}
