import Catalog
import FixtureKit
import Foundation
import Support
@testable import Pipeline
import Testing
import TestSupport

/// An incremental publish after each kind of change (content, description, access state, unit of the
/// hierarchy, withdrawal) leaves the same site as a full publish into a fresh folder: the same files,
/// byte for byte (issue 20). Site A is published incrementally after every change; site B is published
/// in full, each time into a new folder, from the same catalog, archive and derivatives.
@Suite(.serialized) struct IncrementalPublishEquivalenceTests {
    /// Files of the site that a publish may write differently from run to run, with the reason. None:
    /// the publish state (`.<site>.estado`), the spare copy (`.<site>.generacion`) and its list of
    /// differences (`.<site>.diferencias`) live beside the site, not in it, and the publish day is
    /// pinned by the clock below (it appears in the citations' "consultado el").
    static let runSpecific: [String: String] = [:]

    let deployment: TestDeployment
    let context: StageContext
    /// The day both sites are published on (so the citations' access date is the same).
    static let publishDay = Date(timeIntervalSince1970: 1_780_040_000)

    init() throws {
        deployment = try TestDeployment(label: "equivalencia", inboxFixture: nil)
        let ticker = MinuteClock()
        var config = try ConfigLoader.load(deployment.configURL)
        // With a public address, the IIIF manifests and collections and the absolute links are compared too.
        config.site.baseUrl = "https://memoria.example.org/"
        context = StageContext(config: config, operatorName: "archivista", clock: { ticker.next() },
                               timeZone: TimeZone(identifier: "America/Mexico_City")!)
    }

    func batch(_ name: String) -> URL { deployment.inbox.appendingPathComponent("margarita-michelena/\(name)") }

    /// A grey page of `width`×`height` (big enough that its derivatives have sizes of their own).
    func page(_ url: URL, width: Int = 300, height: Int = 400, shade: UInt8) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let pixels = (0..<(width * height)).map { UInt8(truncatingIfNeeded: Int(shade) &+ ($0 % width) / 7 &+ ($0 / width) / 11) }
        try FixtureImageWriter.writePNG(pixels, width: width, height: height, channels: 1, dpi: 300, to: url)
    }

    func ingest() async throws {
        let summary = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run(ignoreSettle: true)
        let held = summary.batches.flatMap(\.items).filter { $0.outcome == .keptInInbox }
        #expect(held.isEmpty, "\(held.map { "\($0.id): \($0.message ?? "")" })")
    }

    /// Four documents with pages, in three units of the chart, with subjects and dates.
    func firstDeposit() async throws {
        let folder = batch("2025-01-cartas")
        try ChartFixture.write(ChartFixture.margaritaMichelena, "cuadro.csv", in: folder)
        try ChartFixture.write("""
            identifier;dc.title;dc.creator;dc.subject;dc.date;memoria.unidad
            MMI-0001;Carta a Efrén Hernández;Margarita Michelena;Correspondencia literaria;14/03/1954;MX-MMI-01-01-E1
            MMI-0002;Poema de la noche;Margarita Michelena;Poesía;1960;MX-MMI-02
            MMI-0003;Carta de Efrén Hernández;Efrén Hernández;Correspondencia literaria;1955;MX-MMI-01-01
            MMI-0004;Borrador de un ensayo;Margarita Michelena;Ensayo|Poesía;1962;MX-MMI-01-01-E1

            """, "metadata.csv", in: folder)
        try page(folder.appendingPathComponent("MMI-0001/01.png"), shade: 10)
        try page(folder.appendingPathComponent("MMI-0001/02.png"), shade: 40)
        try page(folder.appendingPathComponent("MMI-0002.png"), shade: 60)
        try page(folder.appendingPathComponent("MMI-0003.png"), width: 400, height: 300, shade: 90)
        try page(folder.appendingPathComponent("MMI-0004/01.png"), shade: 120)
        try page(folder.appendingPathComponent("MMI-0004/02.png"), shade: 150)
        try await ingest()
    }

    /// A publish of the shared catalog into `site` on the pinned day.
    func publish(into site: URL, full: Bool, on day: Date = IncrementalPublishEquivalenceTests.publishDay) throws -> PublishSummary {
        var config = context.config
        config.paths.site = site.path
        let publisher = StageContext(config: config, operatorName: "archivista", clock: { day }, timeZone: context.timeZone)
        return try PublishRunner(context: publisher).run(full: full)
    }

    var siteA: URL { deployment.root.appendingPathComponent("sitio") }

    /// Publishes site A incrementally and a fresh site B in full, and names every file in which they differ.
    /// `mode` is what the publish of site A must have been: "incremental" after any change (the
    /// catalog's and the derivative store's stamps saw it), "unchanged" when nothing changed.
    func compareAfter(_ change: String, step: Int, mode: String = "incremental") throws {
        let incremental = try publish(into: siteA, full: false)
        #expect(incremental.site.mode == mode, "\(change): site A was published as «\(incremental.site.mode)», not «\(mode)»")
        let siteB = deployment.root.appendingPathComponent("sitio-completo-\(step)")
        let full = try publish(into: siteB, full: true)
        #expect(full.site.mode == "full")
        let a = try SiteSnapshot(siteA), b = try SiteSnapshot(siteB)
        let differing = a.differences(from: b).filter { Self.runSpecific[$0] == nil }
        let described = differing.prefix(12).map { path -> String in
            switch (a.files[path], b.files[path]) {
            case (nil, _): return "\(path) (solo en la publicación completa)"
            case (_, nil): return "\(path) (solo en la incremental)"
            default: return "\(path) (contenido distinto)"
            }
        }
        #expect(differing.isEmpty, "\(change): \(differing.count) archivos distintos: \(described.joined(separator: "; "))")
        #expect(a.files.count > 40, "\(change): the site has its pages (\(a.files.count) files)")
    }

    @Test func anIncrementalPublishAfterEachKindOfChangeEqualsAFullPublish() async throws {
        try await firstDeposit()
        _ = try publish(into: siteA, full: true)
        // Nothing changed: the incremental publish rewrites nothing and still equals a full one.
        try compareAfter("sin cambios", step: 0, mode: "unchanged")

        // (a) Content: a master replaced by a larger scan (new derivative sizes) and a page added.
        let redeposit = batch("2025-02-reescaneo")
        try ChartFixture.write("identifier;dc.title\nMMI-0001;Carta a Efrén Hernández\n", "metadata.csv", in: redeposit)
        try page(redeposit.appendingPathComponent("MMI-0001/01.png"), width: 600, height: 790, shade: 20)
        try page(redeposit.appendingPathComponent("MMI-0001/03.png"), shade: 70)
        try await ingest()
        #expect(try context.openCatalog().pages(of: ["MMI-0001"])["MMI-0001"]?.count == 3)
        try compareAfter("contenido (página sustituida y página añadida)", step: 1)

        // (b) Description: a sheet correcting a title, a subject and a date.
        try ChartFixture.write("identifier;dc.title;dc.subject;dc.date\nMMI-0002;Nocturno;Poesía amorosa;1961\n", "metadata.csv", in: batch("2025-03-correccion"))
        try await ingest()
        try compareAfter("descripción (título, tema y fecha)", step: 2)

        // (c) Access state: one document restricted, another embargoed until a day still to come.
        #expect(try AccessRunner(context: context).run(["MMI-0003"], decision: .restrict(reason: "datos personales")).items.first?.outcome == "cambiado")
        try compareAfter("acceso (restringido)", step: 3)
        #expect(try AccessRunner(context: context).run(["MMI-0004"], decision: .embargo(until: "2099-01-01", reason: nil)).items.first?.outcome == "cambiado")
        try compareAfter("acceso (embargo)", step: 4)
        #expect(try AccessRunner(context: context).run(["MMI-0003", "MMI-0004"], decision: .reinstate(reason: nil)).items.allSatisfy { $0.outcome == "cambiado" })
        try compareAfter("acceso (restablecidos)", step: 5)

        // (d) Unit of the hierarchy: a document moved to another unit, and a unit renamed.
        try ChartFixture.write("identifier;memoria.unidad\nMMI-0002;MX-MMI-01-01\n", "metadata.csv", in: batch("2025-04-mover"))
        try await ingest()
        #expect(try context.openCatalog().itemUnits()["MMI-0002"] == "MX-MMI-01-01")
        try compareAfter("unidad (documento movido)", step: 6)
        try ChartFixture.write(ChartFixture.margaritaMichelena.replacingOccurrences(of: "Cartas recibidas", with: "Correspondencia 1950–1960"), "cuadro.csv", in: batch("2025-05-cuadro"))
        try await ingest()
        try compareAfter("unidad (serie renombrada)", step: 7)

        // (e) Withdrawal.
        #expect(try AccessRunner(context: context).run(["MMI-0001"], decision: .withdraw(reason: "reclamo de derechos", hideTitle: true)).items.first?.outcome == "cambiado")
        try compareAfter("retiro", step: 8)
        try compareAfter("sin cambios tras el retiro", step: 9, mode: "unchanged")
    }

    /// Access copies made again (`memoria derive --force`) change no row of the catalog: the derivative
    /// store's own stamp tells the next publish that it has work to do.
    @Test func derivativesMadeAgainAreNotTakenForNothingChanged() async throws {
        try await firstDeposit()
        #expect(try publish(into: siteA, full: true).site.mode == "full")
        #expect(try publish(into: siteA, full: false).site.mode == "unchanged")
        let derived = try await DeriveRunner(context: context).run(items: ["MMI-0002"], force: true)
        #expect(derived.pagesDerived == 1, "\(derived.failures)")
        #expect(try publish(into: siteA, full: false).site.mode == "incremental")
        #expect(try publish(into: siteA, full: false).site.mode == "unchanged")
    }

    /// Access copies made again at another size change only the derivative store: its journal names
    /// the item, so the incremental publish reads that item's manifest again (not the last publish's
    /// record of it) and equals a full one; the other items come from the record.
    @Test func derivativesMadeAtAnotherSizeAreReadAgainFromTheStore() async throws {
        try await firstDeposit()
        _ = try publish(into: siteA, full: true)
        let record = try #require(PublishedDerivatives.load(PublishedDerivatives.url(site: siteA)), "the full publish keeps its record of the store")
        #expect(record.items.count == 4 && record.items["MMI-0002"]?.entries.count == 1)
        var smaller = context.config
        smaller.derivatives.accessLongEdge = 200
        let rederive = StageContext(config: smaller, operatorName: "archivista", clock: context.clock, timeZone: context.timeZone)
        let derived = try await DeriveRunner(context: rederive).run(items: ["MMI-0002"], force: true)
        #expect(derived.pagesDerived == 1, "\(derived.failures)")
        let store = DerivativeStore(root: context.config.url(\.derivatives))
        let now = try #require(store.journalPositionStartingOne())
        #expect(store.itemsChanged(after: record.position, upTo: now) == ["MMI-0002"])
        #expect(store.manifest(itemID: "MMI-0002").first?.accessHeight == 200)
        try compareAfter("copias de consulta de otro tamaño", step: 1)
        let after = try #require(PublishedDerivatives.load(PublishedDerivatives.url(site: siteA)))
        #expect(after.items["MMI-0002"]?.entries.first?.accessHeight == 200, "the record follows the store")
        #expect(after.position == now)
    }

    /// An embargo that ends between two publishes changes the site with nothing changed in the
    /// catalog: the day it ends, the publish is not taken for one with nothing to do.
    @Test func anEmbargoEndingBetweenTwoPublishesPublishesTheItem() async throws {
        try await firstDeposit()
        let nextDay = Self.publishDay.addingTimeInterval(86_400)
        let until = String(Timestamp.localISO(nextDay, timeZone: context.timeZone).prefix(10))
        #expect(try AccessRunner(context: context).run(["MMI-0002"], decision: .embargo(until: until, reason: nil)).items.first?.outcome == "cambiado")
        let page = siteA.appendingPathComponent("items/MMI-0002/index.html").path
        #expect(try publish(into: siteA, full: true).site.mode == "full")
        #expect(try publish(into: siteA, full: false).site.mode == "unchanged")
        #expect(!FileManager.default.fileExists(atPath: page), "the embargoed item is on the site before its day")
        let onTheDay = try publish(into: siteA, full: false, on: nextDay)
        #expect(onTheDay.site.mode == "incremental")
        #expect(onTheDay.site.itemsRendered >= 1)   // the item, and those that now list it as related
        #expect(FileManager.default.fileExists(atPath: page), "the item is not on the site the day its embargo ends")
        #expect(try publish(into: siteA, full: false, on: nextDay).site.mode == "unchanged")
    }
}
