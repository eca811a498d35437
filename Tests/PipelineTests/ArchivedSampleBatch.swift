import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// One archived batch of the sample inbox (three items of the Banda Sinfónica's scores), ingested
/// without OCR into a fresh deployment: what the verify suites audit.
enum ArchivedSampleBatch {
    static func make(_ label: String) async throws -> (TestDeployment, StageContext) {
        let deployment = try TestDeployment(label: label, inboxFixture: nil)
        let batch = "banda-sinfonica/2024-03-partituras"
        let target = deployment.inbox.appendingPathComponent(batch)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.sampleInbox.appendingPathComponent(batch), to: target)
        let context = StageContext(config: try ConfigLoader.load(deployment.configURL), operatorName: "prueba")
        let summary = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        #expect(summary.batches.flatMap(\.items).contains { $0.id == "BSH-0001" && $0.outcome == .archived })
        return (deployment, context)
    }
}
