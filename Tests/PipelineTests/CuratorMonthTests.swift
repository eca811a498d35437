import Catalog
import FixtureKit
import Foundation
import Metadata
@testable import Pipeline
import Preservation
import Testing
import TestSupport

/// A curator's month, in process: first deposit; add a page; replace a page; retire a page; fix a
/// title with a sheet alone; fix fields through export → an Excel-style edit → deposit; deposit again
/// a page that was quarantined; an identifier of another fonds; a copy still in progress with LISTO.
/// After each step: the item's pages (names and order), its Dublin Core, its versions, its PREMIS
/// events, whether someone must look (the exit code), and the words of the report. At the end,
/// every good byte ever deposited is in some version of the archive.
@Suite(.serialized) struct CuratorMonthTests {
    let deployment: TestDeployment
    let context: StageContext
    /// Digests of every good file deposited, by item.
    var deposited: [String: Set<String>] = [:]

    init() throws {
        deployment = try TestDeployment(label: "curator-month", inboxFixture: nil)
        let ticker = MinuteClock()
        context = StageContext(config: try ConfigLoader.load(deployment.configURL), operatorName: "curadora", clock: { ticker.next() },
                               timeZone: TimeZone(identifier: "America/Mexico_City")!)
    }

    // MARK: - helpers

    static let header = "identifier;dc.title;dc.creator;dc.date;memoria.accion;memoria.retirar"

    func batch(_ name: String, fonds: String = "margarita-michelena") -> URL { deployment.inbox.appendingPathComponent("\(fonds)/\(name)") }

    /// A small page whose pixels (and so bytes) depend on `shade`.
    mutating func page(_ url: URL, shade: UInt8, item: String, corrupt: Bool = false) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let pixels = (0..<(64 * 48)).map { UInt8(truncatingIfNeeded: Int(shade) &+ $0 % 7) }
        try FixtureImageWriter.writePNG(pixels, width: 64, height: 48, channels: 1, dpi: 300, to: url)
        if corrupt {
            let bytes = try Data(contentsOf: url)
            try bytes.prefix(bytes.count - 40).write(to: url)
        } else {
            deposited[item, default: []].insert(try Digester.digest(fileAt: url, algorithm: .sha512))
        }
    }

    func sheet(_ text: String, in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
    }

    func ingest() async throws -> IngestSummary {
        try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run(ignoreSettle: true)
    }

    func item(_ id: String, in summary: IngestSummary) throws -> BatchReport.ItemResult {
        try #require(summary.batches.flatMap(\.items).first { $0.id == id }, "\(id) is not in the report")
    }

    func head(_ id: String) throws -> PriorObject {
        let storage = try OCFLStorageRoot(root: deployment.archive)
        return try #require(try ArchiveReader(storage: storage, ocrWordConfidenceFloor: 0).prior(id))
    }

    func pages(_ id: String) throws -> [String] {
        try head(id).mets.pages.map { String($0.masterPath.dropFirst("objects/".count)) }
    }

    /// The events of the head version (those whose identifier names it).
    func newEvents(_ id: String) throws -> [PremisEventType] {
        let prior = try head(id)
        return prior.mets.events.filter { $0.identifier.hasPrefix("\(id)/\(prior.inventory.head)/") }.map(\.type)
    }

    // MARK: - the month

    @Test mutating func aCuratorsMonth() async throws {
        // 1. First deposit: a 3-page letter, a 3-page letter with a corrupt page 2, a one-page poem.
        let first = batch("2025-01-cartas")
        for n in 1...3 { try page(first.appendingPathComponent("MMI-0100/p0\(n).png"), shade: UInt8(10 * n), item: "MMI-0100") }
        try page(first.appendingPathComponent("MMI-0101/p01.png"), shade: 100, item: "MMI-0101")
        try page(first.appendingPathComponent("MMI-0101/p02.png"), shade: 110, item: "MMI-0101", corrupt: true)
        try page(first.appendingPathComponent("MMI-0101/p03.png"), shade: 120, item: "MMI-0101")
        try page(first.appendingPathComponent("MMI-0102.png"), shade: 130, item: "MMI-0102")
        try sheet("""
            \(Self.header)
            MMI-0100;Carta a Elías Nandino;Margarita Michelena;14/03/1954;;
            MMI-0101;Carta a Efrén Hernández;Margarita Michelena;marzo de 1955;;
            MMI-0102;Poema sin título;Margarita Michelena;s.f.;;
            """, in: first)
        var summary = try await ingest()
        #expect(summary.needsAttention, "a page was quarantined")
        #expect(try item("MMI-0100", in: summary).outcome == .archived)
        #expect(try item("MMI-0101", in: summary).outcome == .quarantined)
        #expect(try pages("MMI-0100") == ["p01.png", "p02.png", "p03.png"])
        #expect(try head("MMI-0100").mets.dublinCore["date"] == ["1954-03-14"], "dd/mm/aaaa normalised")
        #expect(try head("MMI-0102").mets.dublinCore["date"] == ["XXXX"], "s.f. is EDTF's unspecified date")
        #expect(try item("MMI-0100", in: summary).warnings.contains { $0.contains("«14/03/1954» se normalizó como 1954-03-14") })
        #expect(try head("MMI-0100").mets.events.contains { $0.outcomeDetail.contains("escrita «14/03/1954», normalizada como 1954-03-14") },
                "the date as written stays on record")

        // 2. Add a page: only the new page and the item's row. Nothing else changes.
        let second = batch("2025-02-pagina-nueva")
        try page(second.appendingPathComponent("MMI-0100/p04.png"), shade: 40, item: "MMI-0100")
        try sheet("\(Self.header)\nMMI-0100;Carta a Elías Nandino;Margarita Michelena;1954-03-14;;\n", in: second)
        summary = try await ingest()
        var result = try item("MMI-0100", in: summary)
        #expect(result.outcome == .newVersion && result.version == "v2")
        #expect(try pages("MMI-0100") == ["p01.png", "p02.png", "p03.png", "p04.png"], "the forgotten pages are kept")
        #expect(result.changes.contains("se añade 1 página: p04.png"), "\(result.changes)")
        #expect(result.changes.contains("se conservan 3 páginas ya archivadas"), "\(result.changes)")
        #expect(try newEvents("MMI-0100").contains(.ingestion))
        #expect(!summary.needsAttention)

        // 3. Replace a page: same name in another case, new bytes; it takes the old page's place.
        let third = batch("2025-03-sustitucion")
        try page(third.appendingPathComponent("MMI-0100/P02.png"), shade: 25, item: "MMI-0100")
        try sheet("\(Self.header)\nMMI-0100;Carta a Elías Nandino;Margarita Michelena;1954-03-14;;\n", in: third)
        summary = try await ingest()
        result = try item("MMI-0100", in: summary)
        #expect(result.version == "v3")
        #expect(try pages("MMI-0100") == ["p01.png", "P02.png", "p03.png", "p04.png"])
        #expect(result.changes.contains("se sustituye 1 página: P02.png"), "\(result.changes)")

        // 4. Retire a page, asked for in the sheet (a sheet alone).
        let fourth = batch("2025-04-retiro")
        try sheet("\(Self.header)\nMMI-0100;Carta a Elías Nandino;Margarita Michelena;1954-03-14;;p03.png\n", in: fourth)
        summary = try await ingest()
        result = try item("MMI-0100", in: summary)
        #expect(result.version == "v4")
        #expect(try pages("MMI-0100") == ["p01.png", "P02.png", "p04.png"])
        #expect(result.changes.contains("se retira 1 página de MMI-0100 a petición de la hoja, línea 2: p03.png"), "\(result.changes)")
        #expect(!FileManager.default.fileExists(atPath: fourth.path), "a finished sheet-only batch leaves the inbox")

        // 5. Fix a title with a sheet that has only identifier and dc.title: creator and date stay.
        let fifth = batch("2025-05-titulo")
        try sheet("identifier,dc.title\nMMI-0100,Carta a Elías Nandino (borrador)\n", in: fifth)
        summary = try await ingest()
        result = try item("MMI-0100", in: summary)
        #expect(result.version == "v5")
        #expect(result.changes == ["dc.title: «Carta a Elías Nandino» → «Carta a Elías Nandino (borrador)»"], "\(result.changes)")
        let dc5 = try head("MMI-0100").mets.dublinCore
        #expect(dc5["creator"] == ["Margarita Michelena"] && dc5["date"] == ["1954-03-14"], "absent columns erase nothing")
        #expect(try newEvents("MMI-0100") == [.metadataModification], "no content copied, one event")
        #expect(try head("MMI-0100").inventory.versions["v5"]?.state.count == head("MMI-0100").inventory.versions["v4"]?.state.count)
        // The same sheet again: equal values make no version.
        try sheet("identifier,dc.title\nMMI-0100,Carta a Elías Nandino (borrador)\n", in: batch("2025-05-titulo-otra-vez"))
        summary = try await ingest()
        #expect(try item("MMI-0100", in: summary).outcome == .unchanged)

        // 6. Export the fonds' sheet for Excel, edit three cells of two items as Excel saves them
        // (Windows-1252, ';', a date retyped as Excel shows it), deposit it: exactly those changes.
        let exported = deployment.root.appendingPathComponent("hoja.csv")
        #expect(try ExportRunner(context: context).catalogue(csv: exported, forExcel: true, json: nil, fonds: ["margarita-michelena"]) == 2)
        let bytes = try Data(contentsOf: exported)
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]), "a byte order mark for Excel")
        var text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("identifier;dc.title;"))
        text = text
            .replacingOccurrences(of: "MMI-0100;Carta a Elías Nandino (borrador);Margarita Michelena;1954-03-14;Text;",
                                  with: "MMI-0100;Carta a Elías Nandino (borrador);Margarita Michelena;14/03/1954;Text;Correspondencia|Poetas mexicanos")
            .replacingOccurrences(of: "MMI-0102;Poema sin título;Margarita Michelena;XXXX;", with: "MMI-0102;Poema «Alborada»;Margarita Michelena;XXXX;")
        let sixth = batch("2025-06-excel")
        try FileManager.default.createDirectory(at: sixth, withIntermediateDirectories: true)
        try Data(Windows1252.encode(text)).write(to: sixth.appendingPathComponent("metadata.csv"))
        summary = try await ingest()
        let changed = summary.batches.flatMap(\.items).filter { $0.outcome == .newVersion }
        #expect(Set(changed.map(\.id)) == ["MMI-0100", "MMI-0102"], "\(summary.batches.flatMap(\.items).map { "\($0.id) \($0.outcome)" })")
        #expect(try item("MMI-0100", in: summary).changes == ["dc.subject: (vacío) → «Correspondencia» | «Poetas mexicanos»"])
        #expect(try item("MMI-0102", in: summary).changes == ["dc.title: «Poema sin título» → «Poema «Alborada»»"])
        #expect(try head("MMI-0100").inventory.head == "v6" && head("MMI-0102").inventory.head == "v2")

        // 7. The corrected page 2 of MMI-0101 comes back alone: the good pages waiting in quarantine
        // complete the item, and its quarantine entries are resolved.
        let seventh = batch("2025-07-pagina-corregida")
        try page(seventh.appendingPathComponent("MMI-0101/p02.png"), shade: 111, item: "MMI-0101")
        try sheet("\(Self.header)\nMMI-0101;Carta a Efrén Hernández;Margarita Michelena;marzo de 1955;;\n", in: seventh)
        summary = try await ingest()
        let completed = try item("MMI-0101", in: summary)
        #expect(completed.outcome == .archived, "\(completed)")
        #expect(try pages("MMI-0101") == ["p01.png", "p02.png", "p03.png"], "completed with the two pages from quarantine")
        let catalog = try CatalogDatabase(path: context.config.paths.catalog)
        #expect(try catalog.pendingQuarantine(itemID: "MMI-0101").isEmpty, "resolved")
        let quarantineFolder = deployment.root.appendingPathComponent("quarantine/margarita-michelena/2025-01-cartas/MMI-0101")
        #expect(!FileManager.default.fileExists(atPath: quarantineFolder.appendingPathComponent("p01.png").path), "archived pages leave the quarantine")
        #expect(try String(contentsOf: quarantineFolder.appendingPathComponent("p02.png.reason.txt"), encoding: .utf8).contains("Resuelto"))

        // 8. An identifier archived in another fonds: held in the inbox, naming both fonds; nothing moves.
        let eighth = batch("2025-08-cartel", fonds: "maguey-blanco")
        try page(eighth.appendingPathComponent("MMI-0100.png"), shade: 200, item: "no-archivado")
        try sheet("identifier,dc.title\nMMI-0100,Cartel de feria\n", in: eighth)
        summary = try await ingest()
        result = try item("MMI-0100", in: summary)
        #expect(result.outcome == .keptInInbox && result.reason == .otherFonds)
        #expect(result.message?.contains("Margarita Michelena") == true && result.message?.contains("Maguey Blanco") == true)
        #expect(FileManager.default.fileExists(atPath: eighth.appendingPathComponent("MMI-0100.png").path))
        #expect(try head("MMI-0100").inventory.head == "v6" && head("MMI-0100").mets.fondsCode == "MMI")
        try FileManager.default.removeItem(at: eighth)
        deposited["no-archivado"] = nil

        // 9. A batch with LISTO whose page is still being written: it waits ("copiando"), untouched.
        var slow = context
        slow.config.ingest.copyQuietSeconds = 30
        slow.clock = { Date() }
        let ninth = batch("2025-09-copiando")
        try sheet("identifier,dc.title,dc.creator,dc.date\nMMI-0103,Carta,Margarita Michelena,1956\n", in: ninth)
        try Data().write(to: ninth.appendingPathComponent("LISTO"))
        let growing = ninth.appendingPathComponent("MMI-0103.png")
        let writer = SlowWriter(url: growing)
        writer.start()
        let waiting = try await IngestRunner(context: slow, schemasFolder: "", ocrEngine: nil).run(ignoreSettle: true)
        writer.stop()
        #expect(waiting.batches.isEmpty)
        #expect(waiting.waiting.contains { $0.contains("2025-09-copiando") && $0.contains("copiando") }, "\(waiting.waiting)")
        #expect(FileManager.default.fileExists(atPath: growing.path))
        #expect(!(try OCFLStorageRoot(root: deployment.archive)).objectExists("MMI-0103"), "nothing archived from a copy in progress")

        // At the end: every good byte deposited is in some version of its object.
        let storage = try OCFLStorageRoot(root: deployment.archive)
        for (id, digests) in deposited {
            let manifest = try storage.inventory(of: id).manifest
            for digest in digests { #expect(manifest[digest] != nil, "\(id): a deposited file is in no version") }
        }
    }
}

/// Appends to a file every 20 ms on a thread of its own, as a slow copy does.
final class SlowWriter: @unchecked Sendable {
    private let url: URL
    private let lock = NSLock()
    private var running = true
    private var thread: Thread?

    init(url: URL) { self.url = url }

    func start() {
        FileManager.default.createFile(atPath: url.path, contents: Data([0x89, 0x50, 0x4E, 0x47]))
        let thread = Thread { [self] in
            while isRunning {
                if let handle = try? FileHandle(forWritingTo: url) {
                    handle.seekToEndOfFile()
                    handle.write(Data(repeating: 0x42, count: 512))
                    try? handle.close()
                }
                usleep(20_000)
            }
        }
        self.thread = thread
        thread.start()
    }

    var isRunning: Bool { lock.lock(); defer { lock.unlock() }; return running }

    func stop() { lock.lock(); running = false; lock.unlock(); usleep(50_000) }
}
