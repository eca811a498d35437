import Foundation
import Testing
import TestSupport

/// `memoria informe`: the director's dashboard of the sample archive (ingested, replicated, one more
/// deposit not yet replicated, audited): the HTML page is its golden, each table is also a CSV whose
/// figures add up, --json carries the same figures, and a real browser finds no console error and
/// no accessibility violation.
@Suite(.serialized) struct DashboardTests {
    static let zone = ["TZ": "America/Mexico_City"]

    static func sampleArchive() throws -> TestDeployment {
        let deployment = try TestDeployment(label: "informe", extraYAML: "\nreplicas:\n  - name: disco-externo\n    path: replica\n")
        try FileManager.default.createDirectory(at: deployment.root.appendingPathComponent("replica"), withIntermediateDirectories: true)
        let later = deployment.root.appendingPathComponent("despues")
        try FileManager.default.moveItem(at: deployment.inbox.appendingPathComponent("margarita-michelena"), to: later)
        func run(_ arguments: [String], at time: String) throws {
            let result = try deployment.memoria(arguments + ["--quiet"], environment: zone.merging(["MEMORIA_FIXED_TIME": time]) { a, _ in a })
            #expect(result.status <= 1, "\(arguments): \(result.stderr)")
        }
        try run(["ingest", "--now"], at: "2026-10-14T17:00:00Z")
        try run(["replicar"], at: "2026-10-15T09:00:00Z")
        try run(["verify"], at: "2026-11-02T09:00:00Z")
        try FileManager.default.moveItem(at: later, to: deployment.inbox.appendingPathComponent("margarita-michelena"))
        try run(["ingest", "--now"], at: "2026-11-20T17:00:00Z")
        try run(["verify", "--sample", "50"], at: "2026-12-01T09:00:00Z")
        return deployment
    }

    @Test func theDashboardOfTheSampleArchiveMatchesItsGoldenAndItsCSVAddUp() throws {
        let deployment = try Self.sampleArchive()
        let result = try deployment.memoria(["informe"], environment: Self.zone.merging(["MEMORIA_FIXED_TIME": "2026-12-02T16:30:00Z"]) { a, _ in a })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("reports/direccion/informe.html"), "\(result.stdout)")
        let folder = deployment.root.appendingPathComponent("reports/direccion")
        let html = try String(contentsOf: folder.appendingPathComponent("informe.html"), encoding: .utf8)
        if let mismatch = Golden.mismatch(html, golden: Golden.directory().appendingPathComponent("informe-direccion.html")) { Issue.record("\(mismatch)") }
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"), "nothing is loaded from anywhere")
        #expect(html.contains("fmt/353"), "formats carry their PRONOM id")
        #expect(html.contains("oct 2026") && html.contains("nov 2026"), "growth by month")
        #expect(html.contains("disco-externo") && html.contains("atrasada"), "the replica and its lag")

        let growth = try String(contentsOf: folder.appendingPathComponent("crecimiento.csv"), encoding: .utf8)
        #expect(try Data(contentsOf: folder.appendingPathComponent("crecimiento.csv")).starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with BOM")
        #expect(growth.contains("\"fondo\",\"titulo_fondo\",\"mes\",\"items\",\"paginas\",\"bytes\"\r\n"))
        let rows = growth.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        let items = rows.compactMap { Int($0[3]) }.reduce(0, +)
        let json = try deployment.memoria(["informe", "--json"])
        let figures = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(figures?["items"] as? Int == items, "the CSV adds up to the archive's items")
        #expect(rows.contains { $0[0] == "\"MMI\"" && $0[2] == "\"2026-11\"" }, "the November deposit: \(rows)")
        #expect((figures?["audits"] as? [Any])?.count == 2)
        for name in ["formatos.csv", "acceso.csv", "cuarentena.csv", "auditorias.csv", "replicas.csv", "informe.json"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
        }
        let quarantine = try String(contentsOf: folder.appendingPathComponent("cuarentena.csv"), encoding: .utf8)
        #expect(quarantine.contains("\"empty\""), "pending quarantine by reason: \(quarantine)")
    }

    @Test func aRealBrowserFindsNoConsoleErrorAndNoAccessibilityViolation() throws {
        guard let shared = try TestPaths.sharedOrSkip(), let python = PythonTools.pathOrSkip("python") else { return }
        guard ProcessRunner.exists("chromium") else { print("SKIPPED \(#function): chromium is not installed"); return }
        let deployment = try Self.sampleArchive()
        #expect(try deployment.memoria(["informe", "--quiet"]).status == 0)
        let report = deployment.root.appendingPathComponent("site_check.json")
        let result = try ProcessRunner.run(python, [shared.appendingPathComponent("tools/site_check.py").path,
                                                    deployment.root.appendingPathComponent("reports/direccion").path,
                                                    "--start", "informe.html", "--browser-pages", "1", "--a11y", "--out", report.path])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        let problems = json?["problems"] as? [Any] ?? ["no report"]
        #expect(result.status == 0 && problems.isEmpty, "\(problems)\n\(result.stderr.suffix(2000))")
        let pages = json?["browser_pages"] as? [[String: Any]] ?? json?["pages"] as? [[String: Any]] ?? []
        #expect(!pages.isEmpty, "the page was opened in Chromium")
        for page in pages {
            #expect((page["console_errors"] as? [Any] ?? []).isEmpty)
            let axe = (page["a11y"] as? [String: Any])?["axe"] as? [String: Any]
            #expect((axe?["violations"] as? [Any] ?? []).isEmpty, "\(axe ?? [:])")
        }
    }
}
