import Foundation
import Testing
@testable import Audience
import TestSupport

/// The report's HTML and CSV files, compared byte for byte with goldens (RECORD_GOLDENS=1 re-records).
@Suite struct ReportTests {
    typealias F = LogFixture

    static func report() throws -> AudienceReport {
        let folder = TemporaryDirectory("audience-report")
        let log = folder.path("access.log")
        try F.write(CountingTests.lines + RotationTests.traffic(day: 20, hours: 8...12), to: log)
        var state = ReadState()
        try F.count(log, state: &state)
        let labels = ReportLabels(siteTitle: "Memoria de Hidalgo",
                                  items: ["BSH-0001": .init(title: "Marcha «Hidalgo» & <coro>", fondsSlug: "banda-sinfonica")],
                                  fondsTitles: ["banda-sinfonica": "Banda Sinfónica de Hidalgo", "maguey-blanco": "Maguey Blanco"],
                                  fondsByCode: ["BSH": "banda-sinfonica", "MBL": "maguey-blanco"])
        return AudienceReport(state: state, labels: labels, year: 2026, now: Date(timeIntervalSince1970: 1_795_000_000),
                              zone: TimeZone(identifier: "America/Mexico_City")!)
    }

    @Test func theHTMLReportMatchesItsGolden() throws {
        let html = ReportWriter.html(try Self.report())
        if let mismatch = Golden.mismatch(html, golden: Golden.directory().appendingPathComponent("informe.html")) { Issue.record("\(mismatch)") }
        #expect(html.contains("<svg class=\"grafica\""))
        #expect(!html.contains("http://") && !html.contains("https://"), "the report loads nothing and links nowhere")
        #expect(html.contains("Marcha «Hidalgo» &amp; &lt;coro&gt;"))
    }

    @Test func theCSVFilesMatchTheirGolden() throws {
        let files = ReportWriter.csvFiles(try Self.report(), excel: false)
        let joined = files.map { "== \($0.name)\n\($0.text)" }.joined(separator: "\n")
        if let mismatch = Golden.mismatch(joined, golden: Golden.directory().appendingPathComponent("tablas.csv.txt")) { Issue.record("\(mismatch)") }
        let excel = ReportWriter.csvFiles(try Self.report(), excel: true)
        #expect(excel.allSatisfy { $0.text.hasPrefix("\u{FEFF}") && $0.text.contains(";") })
    }

    @Test func spanishNumbersAndDates() {
        #expect(SpanishText.number(1304) == "1304")
        #expect(SpanishText.number(45610) == "45\u{202F}610")
        #expect(SpanishText.number(1_234_567) == "1\u{202F}234\u{202F}567")
        #expect(SpanishText.percent(1, of: 8) == "12,5\u{00A0}%")
        #expect(SpanishText.month("2026-11") == "noviembre de 2026")
        #expect(SpanishText.day("2026-11-05") == "5 de noviembre de 2026")
        #expect(SpanishText.plural(1, "visita", "visitas") == "1 visita")
    }
}
