import Foundation
import Testing
import TestSupport

/// One table of visitor queries, asked of the catalog (`memoria search --json`) and of the published
/// site's static search in headless Chromium: both must find the same items, and both must offer the
/// same "¿Quiso decir …?" when nothing matches.
@Suite(.serialized) struct SearchQueryTableTests {
    struct Case: Sendable {
        var query: String
        var ids: Set<String>
        var suggestion: String? = nil
    }

    static let table: [Case] = [
        // Phrases, stop words inside them.
        Case(query: "\"canción de mayo\"", ids: ["BSH-0002"]),
        Case(query: "\"real del monte\"", ids: ["BSH-0005", "GVI-0002"]),
        // Identifiers as written.
        Case(query: "BSH-0001", ids: ["BSH-0001"]),
        Case(query: "bsh 0001", ids: ["BSH-0001"]),
        Case(query: "mmi-0002", ids: ["MMI-0002"]),
        // Plurals, gender and verb forms (Snowball Spanish stems).
        Case(query: "cartas", ids: ["MMI-0001"]),
        Case(query: "poema", ids: ["MMI-0001", "MMI-0002"]),
        Case(query: "querido", ids: ["MMI-0001"]),
        Case(query: "arreglar", ids: ["BSH-0001", "BSH-0002"]),
        Case(query: "revisar pruebas", ids: ["MMI-0001"]),
        // Accents, either way.
        Case(query: "funcion", ids: ["BSH-0002"]),
        Case(query: "CANCIÓN", ids: ["BSH-0002"]),
        // Words typed without ñ: nothing, and the ñ form is offered (año ≠ ano).
        Case(query: "ano", ids: [], suggestion: "año"),
        Case(query: "manana", ids: [], suggestion: "mañana"),
        Case(query: "otono", ids: [], suggestion: "otoño"),
        // One- and two-letter typos.
        Case(query: "partiruras", ids: [], suggestion: "partitura"),
        Case(query: "prinabera", ids: [], suggestion: "primavera"),
        // Prefixes, OR, NOT.
        Case(query: "mich*", ids: ["MMI-0001", "MMI-0002", "MMI-0004"]),
        Case(query: "carta O poema", ids: ["MMI-0001", "MMI-0002"]),
        Case(query: "marcha NO canción", ids: ["BSH-0001"]),
    ]

    @Test func theCatalogFindsTheExpectedItems() throws {
        let deployment = try SiteEndToEndTests.published()
        for expected in Self.table {
            let query = expected.query
            let result = try deployment.memoria(["search", "--json", "--limit", "50", "--", query])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
            let ids = Set((json["hits"] as? [[String: Any]] ?? []).compactMap { $0["itemID"] as? String })
            #expect(ids == expected.ids, "memoria search \(query)")
            #expect(json["suggestion"] as? String == expected.suggestion, "memoria search \(query): suggestion")
        }
    }

    @Test func theStaticSearchFindsTheSameItemsInABrowser() throws {
        guard let chromium = ["chromium", "chromium-browser", "google-chrome"].first(where: ProcessRunner.exists) else {
            print("SKIPPED \(#function): no Chromium installed (Debian package chromium); the README's test command installs it")
            return
        }
        guard let python = PythonTools.pathOrSkip("python") else { return }
        let deployment = try SiteEndToEndTests.published()
        let queries = deployment.root.appendingPathComponent("consultas.json")
        try JSONSerialization.data(withJSONObject: Self.table.map(\.query)).write(to: queries)
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/search_table_check.py")
        let result = try ProcessRunner.run(python, [script.path, deployment.root.appendingPathComponent("site").path,
                                                    "--chromium", chromium, "--queries", queries.path])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        let found = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Any]])
        for expected in Self.table {
            let seen = found[expected.query] ?? [:]
            let ids = Set(seen["ids"] as? [String] ?? [])
            #expect(ids == expected.ids, "the site's search for \(expected.query) (status: \(seen["status"] ?? "none"))")
            #expect(seen["suggestion"] as? String == expected.suggestion, "the site's suggestion for \(expected.query)")
            #expect(seen["problems"] == nil, "\(expected.query): \(seen["problems"] ?? "")")
        }
    }
}
