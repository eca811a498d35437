import Catalog
import FixtureKit
import Foundation
import Metadata
@testable import Pipeline
import Preservation
import Testing
import TestSupport

/// The classification chart through the ingest: cuadro.csv archived as the fonds' chart object, items
/// placed in their units (METS and catalog), a correction as a new version with the diff in the report,
/// the errors that hold a batch or an item, reindex, and the EAD3 export.
@Suite(.serialized) struct ClassificationChartIngestTests {
    let deployment: TestDeployment
    let context: StageContext

    init() throws {
        deployment = try TestDeployment(label: "cuadro", inboxFixture: nil)
        let ticker = MinuteClock()
        context = StageContext(config: try ConfigLoader.load(deployment.configURL), operatorName: "archivista", clock: { ticker.next() },
                               timeZone: TimeZone(identifier: "America/Mexico_City")!)
    }

    func batch(_ name: String) -> URL { deployment.inbox.appendingPathComponent("margarita-michelena/\(name)") }

    func page(_ url: URL, shade: UInt8) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let pixels = (0..<(32 * 24)).map { UInt8(truncatingIfNeeded: Int(shade) &+ $0 % 5) }
        try FixtureImageWriter.writePNG(pixels, width: 32, height: 24, channels: 1, dpi: 300, to: url)
    }

    func ingest() async throws -> IngestSummary {
        try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run(ignoreSettle: true)
    }

    func storage() throws -> OCFLStorageRoot { try OCFLStorageRoot(root: deployment.archive) }

    /// First deposit: the chart and two items, one in a file, one in a section; one item names a unit that does not exist.
    func firstDeposit() async throws -> IngestSummary {
        let folder = batch("2025-01-cartas")
        try ChartFixture.write(ChartFixture.margaritaMichelena, "cuadro.csv", in: folder)
        try ChartFixture.write("""
            identifier;dc.title;dc.creator;dc.date;memoria.unidad
            MMI-0001;Carta a Efrén Hernández;Margarita Michelena;14/03/1954;MX-MMI-01-01-E1
            MMI-0002;Poema;Margarita Michelena;1960;MX-MMI-02
            MMI-0003;Recorte;Margarita Michelena;1961;MX-MMI-09

            """, "metadata.csv", in: folder)
        try page(folder.appendingPathComponent("MMI-0001/01.png"), shade: 10)
        try page(folder.appendingPathComponent("MMI-0002.png"), shade: 60)
        try page(folder.appendingPathComponent("MMI-0003.png"), shade: 120)
        return try await ingest()
    }

    @Test func chartAndItemsAreArchivedInTheirUnits() async throws {
        let summary = try await firstDeposit()
        let report = try #require(summary.batches.first)
        let chart = try #require(report.chart)
        #expect(chart.outcome == .archived)
        #expect(chart.object == "MMI.cuadro")
        #expect(chart.units == 5)
        let stored = try #require(try ChartObject.read(try storage(), fondsCode: "MMI"))
        #expect(stored.version == 1)
        #expect(stored.chart.unit("MX-MMI-01-01")?.date == "1950/1960")
        let reader = ArchiveReader(storage: try storage(), ocrWordConfidenceFloor: 0)
        #expect(try reader.prior("MMI-0001")?.mets.unitCode == "MX-MMI-01-01-E1")
        #expect(try reader.prior("MMI-0002")?.mets.unitCode == "MX-MMI-02")
        // An item naming a unit that does not exist waits in the inbox, with the line and the column.
        let held = try #require(report.items.first { $0.id == "MMI-0003" })
        #expect(held.outcome == .keptInInbox)
        #expect(held.reason == .unknownUnit)
        #expect(held.message?.contains("línea 4, columna memoria.unidad: «MX-MMI-09»") == true)
        let catalog = try context.openCatalog()
        #expect(try catalog.itemUnits() == ["MMI-0001": "MX-MMI-01-01-E1", "MMI-0002": "MX-MMI-02"])
        #expect(try catalog.chart(fondsCode: "MMI")?.chart == stored.chart)
    }

    @Test func correctionIsANewVersionWithItsDiff() async throws {
        _ = try await firstDeposit()
        let fix = batch("2025-02-cuadro")
        try ChartFixture.write(ChartFixture.margaritaMichelena.replacingOccurrences(of: "Cartas recibidas", with: "Correspondencia 1950–1960"), "cuadro.csv", in: fix)
        let summary = try await ingest()
        let chart = try #require(summary.batches.first { $0.batch == "2025-02-cuadro" }?.chart)
        #expect(chart.outcome == .newVersion)
        #expect(chart.version == "v2")
        #expect(chart.changes == ["«MX-MMI-01-01» titulo: «Cartas recibidas» → «Correspondencia 1950–1960»"])
        #expect(try ChartObject.read(try storage(), fondsCode: "MMI")?.chart.unit("MX-MMI-01-01")?.title == "Correspondencia 1950–1960")
        #expect(!FileManager.default.fileExists(atPath: fix.path))   // only the chart: the batch folder is released
        // The same chart again changes nothing.
        try ChartFixture.write(ChartFixture.margaritaMichelena.replacingOccurrences(of: "Cartas recibidas", with: "Correspondencia 1950–1960"), "cuadro.csv", in: batch("2025-03-igual"))
        let again = try #require(try await ingest().batches.first { $0.batch == "2025-03-igual" }?.chart)
        #expect(again.outcome == .unchanged)
        #expect(try storage().inventory(of: "MMI.cuadro").headNumber == 2)
    }

    /// Every file of the published site with its bytes.
    func siteFiles() throws -> [String: Data] {
        let site = URL(fileURLWithPath: context.config.paths.site)
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: site, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(site.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func aCorrectedSeriesTitleReachesItsPageAndAnIncrementalPublishRewritesOnlyWhatShowsIt() async throws {
        _ = try await firstDeposit()
        _ = try PublishRunner(context: context).run(full: true)
        let before = try siteFiles()
        let series = "cuadro/margarita-michelena/MX-MMI-01-01/index.html"
        #expect(String(decoding: try #require(before[series]), as: UTF8.self).contains("<h1>Cartas recibidas</h1>"))
        #expect(String(decoding: try #require(before["items/MMI-0001/index.html"]), as: UTF8.self).contains("Serie Cartas recibidas"))

        try ChartFixture.write(ChartFixture.margaritaMichelena.replacingOccurrences(of: "Cartas recibidas", with: "Correspondencia 1950–1960"), "cuadro.csv", in: batch("2025-02-cuadro"))
        _ = try await ingest()
        let published = try PublishRunner(context: context).run(full: false)
        let after = try siteFiles()
        #expect(String(decoding: try #require(after[series]), as: UTF8.self).contains("<h1>Correspondencia 1950–1960</h1>"))
        let changed = Set(after.keys.filter { before[$0] != after[$0] }).union(before.keys.filter { after[$0] == nil })
        // The series' page, the section above it (its tree), the file below it (its breadcrumb), the fonds
        // page (its tree), the one document under the series (its breadcrumb) and the fonds' EAD3: nothing else.
        #expect(changed == [series, "cuadro/margarita-michelena/MX-MMI-01/index.html", "cuadro/margarita-michelena/MX-MMI-01-01-E1/index.html",
                            "fondos/margarita-michelena/index.html", "items/MMI-0001/index.html",
                            "cuadro/margarita-michelena/inventario-ead3.xml"], "\(changed.sorted())")
        #expect(published.site.itemsRendered == 1, "only MMI-0001 is rendered again")
    }

    @Test func aBrokenChartHoldsTheBatchAndNamesTheLine() async throws {
        let folder = batch("2025-01-malo")
        try ChartFixture.write(ChartFixture.margaritaMichelena + "MX-MMI-03;serie;MX-MMI-01-01-E1;Mal colocada;;;;\n", "cuadro.csv", in: folder)
        try ChartFixture.write("identifier;dc.title;dc.creator;dc.date\nMMI-0001;Carta;M;1954\n", "metadata.csv", in: folder)
        try page(folder.appendingPathComponent("MMI-0001.png"), shade: 10)
        let report = try #require(try await ingest().batches.first)
        #expect(report.status == .held)
        #expect(report.statusReason?.contains("cuadro.csv, línea 7, columna C (padre)") == true)
        #expect(report.chart?.outcome == .keptInInbox)
        #expect(!(try storage().objectExists("MMI.cuadro")))
        #expect(!(try storage().objectExists("MMI-0001")))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("MMI-0001.png").path))
    }

    @Test func moveAnItemToAnotherUnitIsANewVersion() async throws {
        _ = try await firstDeposit()
        try ChartFixture.write("identifier;memoria.unidad\nMMI-0002;MX-MMI-01-01\n", "metadata.csv", in: batch("2025-02-mover"))
        let report = try #require(try await ingest().batches.first { $0.batch == "2025-02-mover" })
        let item = try #require(report.items.first { $0.id == "MMI-0002" })
        #expect(item.outcome == .newVersion)
        #expect(item.changes.contains("memoria.unidad: «MX-MMI-02» → «MX-MMI-01-01»"))
        #expect(try context.openCatalog().itemUnits()["MMI-0002"] == "MX-MMI-01-01")
    }

    @Test func reindexRebuildsTheSameTree() async throws {
        _ = try await firstDeposit()
        let before = try context.openCatalog()
        let chart = try before.chart(fondsCode: "MMI")?.chart
        let units = try before.itemUnits()
        let catalogFile = URL(fileURLWithPath: before.path)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: catalogFile.path + suffix) }
        let summary = try ReindexRunner(context: context).run()
        #expect(summary.charts == 1)
        #expect(summary.failures.isEmpty, "\(summary.failures)")
        let after = try context.openCatalog()
        #expect(try after.chart(fondsCode: "MMI")?.chart == chart)
        #expect(try after.itemUnits() == units)
    }

    @Test func exportWritesTheFindingAid() async throws {
        _ = try await firstDeposit()
        let file = deployment.root.appendingPathComponent("inventario.xml")
        let summary = try FindingAidExport(context: context).write(fonds: "margarita-michelena", to: file)
        #expect(summary.units == 5)
        #expect(summary.items == 2)
        let xml = try String(contentsOf: file, encoding: .utf8)
        #expect(xml.contains("<unitid>MMI-0001</unitid>"))
        #expect(xml.contains("level=\"file\""))
        if let shared = try TestPaths.sharedOrSkip() {
            #expect(summary.validated)
            let validator = try XMLSchemaValidator(schemaAt: shared.appendingPathComponent("standards/xsd/ead3/ead3.xsd"))
            #expect(validator.validate(xml) == [])
        }
        #expect(throws: PipelineError.self) { try FindingAidExport(context: context).write(fonds: "banda-sinfonica", to: file) }
    }
}
