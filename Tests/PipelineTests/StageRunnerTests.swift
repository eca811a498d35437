import Catalog
import Foundation
import Metadata
@testable import Pipeline
import Testing
import TestSupport

/// The stage runner in process: a fake OCR engine and a pinned clock and time zone, so the run is
/// reproducible to the byte (its reports are goldens), and what each stage failure means is applied
/// as the contract says.
@Suite(.serialized) struct StageRunnerTests {
    /// Reads every page as the same two words; the page of `malformedStem` gets an ALTO that is not XML.
    struct FakeOCR: OCREngine {
        var malformedStem: String?
        var agent: PremisAgent { PremisAgent(identifier: "ocr-falso-1.0", name: "OCR de prueba", kind: .software, version: "1.0") }
        var runDescription: String { "OCR de prueba 1.0" }
        var summary: String { "OCR de prueba 1.0" }

        func recognize(_ image: URL) throws(OCRFailure) -> OCRResult {
            if let malformedStem, image.lastPathComponent.contains(malformedStem) {
                return OCRResult(text: "", alto: Array("</Layout></alto>".utf8))
            }
            let alto = """
            <?xml version="1.0" encoding="UTF-8"?>
            <alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page><PrintSpace><TextBlock><TextLine>\
            <String CONTENT="clarinete" WC="0.95" HPOS="10" VPOS="10" WIDTH="80" HEIGHT="20"/><SP/>\
            <String CONTENT="fantasma" WC="0.91" HPOS="100" VPOS="10" WIDTH="80" HEIGHT="20"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>
            """
            return OCRResult(text: "clarinete fantasma", alto: Array(alto.utf8))
        }
    }

    static let moment = Date(timeIntervalSince1970: 1_779_000_000)   // 2026-05-17T06:40:00Z
    static let mexico = TimeZone(identifier: "America/Mexico_City")!

    /// A deployment with two sample batches (a clean one and one with a truncated and an empty file).
    func deployment(_ label: String) throws -> TestDeployment {
        let deployment = try TestDeployment(label: label, inboxFixture: nil)
        for batch in ["banda-sinfonica/2024-03-partituras", "margarita-michelena/2024-04-cartas"] {
            let target = deployment.inbox.appendingPathComponent(batch)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: TestPaths.sampleInbox.appendingPathComponent(batch), to: target)
        }
        return deployment
    }

    func context(_ deployment: TestDeployment) throws -> StageContext {
        let config = try ConfigLoader.load(deployment.configURL)
        return StageContext(config: config, operatorName: "prueba", clock: { Self.moment }, timeZone: Self.mexico)
    }

    @Test func aRunWithAFakeOCREngineAndAPinnedClockIsReproducibleAndItsReportsMatchTheirGoldens() async throws {
        let deployment = try deployment("runner-goldens")
        let context = try context(deployment)
        let summary = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: FakeOCR(malformedStem: "0003")).run()
        #expect(summary.ocr == "OCR de prueba 1.0")
        let outcomes = Dictionary(uniqueKeysWithValues: summary.batches.flatMap(\.items).map { ($0.id, $0.outcome) })
        #expect(outcomes == ["BSH-0001": .archived, "BSH-0002": .archived, "BSH-0003": .archived, "MMI-0001": .archived,
                             "MMI-0002": .archived, "MMI-0004": .archived, "MMI-0003": .quarantined, "MMI-0005": .quarantined])
        #expect(summary.needsAttention)

        // The fake engine's words are indexed; the page whose ALTO was not XML is reported, not indexed.
        let catalog = try CatalogDatabase(path: context.config.paths.catalog)
        let hits = try catalog.search("fantasma").hits.map(\.itemID)
        #expect(hits.contains("BSH-0003") && hits.contains("BSH-0001"), "\(hits)")
        let bsh1 = try #require(summary.batches.first?.items.first { $0.id == "BSH-0001" })
        #expect(bsh1.warnings.contains { $0.contains("«0003»") && $0.contains("no es XML válido") }, "\(bsh1.warnings)")
        let events = try #require(try catalog.item("BSH-0003")).events
        #expect(events.contains { $0.type == .creation && $0.agents.contains { $0.identifier == "ocr-falso-1.0" } })

        // The reports as files, byte for byte.
        for report in summary.batches {
            let folder = deployment.root.appendingPathComponent("reports/\(report.identifier)")
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".json") })
            #expect(name == "informe-20260517-004000.json", "named by local time")
            let stem = String(name.dropLast(5))
            for ext in ["json", "html"] {
                let text = try String(contentsOf: folder.appendingPathComponent("\(stem).\(ext)"), encoding: .utf8)
                let golden = Golden.directory().appendingPathComponent("informe-\(report.fonds)-\(report.batch).\(ext)")
                if let mismatch = Golden.mismatch(text, golden: golden) { Issue.record("\(mismatch)") }
            }
        }

        // An audit of the same archive, with the same clock: its HTML report is a golden too.
        let audit = try await VerifyRunner(context: context).run()
        #expect(audit.problems.isEmpty && audit.objectsChecked == 8)   // 6 items and the two fonds' charts
        let html = try String(contentsOf: deployment.root.appendingPathComponent(audit.report.replacingOccurrences(of: ".json", with: ".html")),
                              encoding: .utf8)
        if let mismatch = Golden.mismatch(html, golden: Golden.directory().appendingPathComponent("auditoria.html")) { Issue.record("\(mismatch)") }
        #expect(audit.report == "reports/auditorias/auditoria-20260517-004000.json")
    }

    /// A failure whose consequence is "keep the item in the inbox" moves nothing; one that quarantines
    /// moves the whole item; neither stops the batch.
    @Test func eachFailureConsequenceIsAppliedAsTheContractSays() async throws {
        let deployment = try deployment("runner-consequences")
        let sheet = deployment.inbox.appendingPathComponent("banda-sinfonica/2024-03-partituras/metadata.csv")
        let text = try String(contentsOf: sheet, encoding: .utf8)
        try text.replacingOccurrences(of: "BSH-0002,Canción de mayo,Anónimo,195X", with: "BSH-0002,Canción de mayo,Anónimo,el año pasado")
            .write(to: sheet, atomically: true, encoding: .utf8)
        let context = try context(deployment)
        let summary = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        let partituras = try #require(summary.batches.first { $0.batch == "2024-03-partituras" })
        let bsh2 = try #require(partituras.items.first { $0.id == "BSH-0002" })
        #expect(bsh2.outcome == .keptInInbox && bsh2.reason == .invalidDate, "\(bsh2)")
        #expect(bsh2.message?.contains("espera en la bandeja") == true)
        // Its files are where the archivist left them; the batch folder (and its sheet) stays.
        let folder = deployment.inbox.appendingPathComponent("banda-sinfonica/2024-03-partituras/BSH-0002")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 4)
        #expect(FileManager.default.fileExists(atPath: sheet.path))
        #expect(partituras.items.filter { $0.outcome == .archived }.count == 2, "the batch went on")
        let cartas = try #require(summary.batches.first { $0.batch == "2024-04-cartas" })
        #expect(cartas.quarantined.contains { $0.itemID == "MMI-0003" && $0.code == .corrupt })
        #expect(cartas.quarantined.allSatisfy { !$0.quarantinePath.hasPrefix("/") }, "paths are shown relative")
    }
}
