import Catalog
import Foundation
@testable import Site
import Testing
import TestSupport

/// Browsing (facets, sort, paging, timeline, places), the item page people share and cite, and the
/// open data page, on the published sample site; the browser part runs scripts/browse_check.py.
@Suite(.serialized) struct SiteBrowsingTests {
    static let baseURL = "https://memoria.example.org/archivo/"

    /// The sample, published with a public address under a sub-path (as a real deployment is).
    static func published() throws -> (TestDeployment, URL) {
        let deployment = try TestDeployment(label: "navegar")
        let yaml = try String(contentsOf: deployment.configURL, encoding: .utf8)
        try yaml.replacingOccurrences(of: "  base_url: \"\"", with: "  base_url: \"\(baseURL)\"")
            .write(to: deployment.configURL, atomically: true, encoding: .utf8)
        let ingest = try deployment.memoria(["ingest", "--quiet", "--agent", "prueba"], environment: SiteEndToEndTests.fixedTime)
        #expect(ingest.status == 1, "\(ingest.stderr)")
        let publish = try deployment.memoria(["publish", "--quiet"], environment: SiteEndToEndTests.fixedTime)
        #expect(publish.status == 0, "\(publish.stderr)")
        return (deployment, deployment.root.appendingPathComponent("site"))
    }

    static func read(_ site: URL, _ path: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }

    /// The text of the citation download `name` of an item page (a `data:` URL in its link).
    static func citation(_ page: String, _ name: String) throws -> String {
        let link = try #require(page.range(of: "<a href=\"data:[^\"]*\" download=\"\(name)\">", options: .regularExpression), "no link to \(name)")
        let href = page[link].dropFirst("<a href=\"".count).prefix { $0 != "\"" }
        let comma = try #require(href.firstIndex(of: ","))
        #expect(href[..<comma].hasSuffix(";charset=utf-8"))
        return try #require(String(href[href.index(after: comma)...]).removingPercentEncoding)
    }

    @Test func aRealBrowserCombinesFacetsSortsPagesBrowsesByDateAndPlaceAndPrints() throws {
        guard let chromium = ["chromium", "chromium-browser", "google-chrome"].first(where: ProcessRunner.exists) else {
            print("SKIPPED \(#function): no Chromium installed (Debian package chromium); the README's test command installs it")
            return
        }
        guard ProcessRunner.exists("pdftotext"), ProcessRunner.exists("pdftoppm") else {
            print("SKIPPED \(#function): poppler-utils (pdftotext, pdftoppm) is not installed; scripts/setup-debian.sh installs it")
            return
        }
        guard let python = PythonTools.pathOrSkip("python") else { return }
        let (deployment, site) = try Self.published()
        defer { withExtendedLifetime(deployment) {} }
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/browse_check.py")
        let result = try ProcessRunner.run(python, [script.path, site.path, "--chromium", chromium])
        print(result.stdout)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("all browsing checks passed"))
    }

    @Test func theItemPageCarriesACanonicalLinkAShareCardCitationsAndRelatedDocuments() throws {
        let (deployment, site) = try Self.published()
        defer { withExtendedLifetime(deployment) {} }
        let page = try Self.read(site, "items/BSH-0001/index.html")
        #expect(page.contains("<link rel=\"canonical\" href=\"\(Self.baseURL)items/BSH-0001/\">"))
        let thumbnail = try #require(page.range(of: "<meta property=\"og:image\" content=\"\(Self.baseURL)items/BSH-0001/iiif/p[0-9a-f]+/full/[0-9]+,[0-9]+/0/default\\.jpg\">",
                                                options: .regularExpression), "the share image is the first page's thumbnail")
        #expect(!page[thumbnail].isEmpty)
        #expect(page.contains("<meta name=\"twitter:card\" content=\"summary\">"))
        // The citation downloads beside «Cómo citar»: data: URLs inside the page, saved under their file names.
        for (file, label, _) in CitationFormats.files { #expect(page.contains("\" download=\"\(file)\">\(label)</a>")) }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("items/BSH-0001/cita.ris").path), "no citation file beside the page")
        let ris = try Self.citation(page, "cita.ris")
        #expect(ris.hasPrefix("TY  - MANSCPT\r\n") && ris.hasSuffix("ER  - \r\n"))
        #expect(ris.contains("AU  - Banda Sinfónica del Estado de Hidalgo\r\n") && ris.contains("UR  - \(Self.baseURL)items/BSH-0001/\r\n"))
        let bib = try Self.citation(page, "cita.bib")
        #expect(bib.hasPrefix("@misc{BSH0001,") && bib.contains("year = {1954}") && bib.contains("author = {{Banda Sinfónica del Estado de Hidalgo}}"))
        let csl = try #require(try JSONSerialization.jsonObject(with: Data(Self.citation(page, "cita.json").utf8)) as? [[String: Any]])
        #expect(csl.first?["title"] as? String == "Marcha «Pachuca»: partitura general y particellas")
        #expect((csl.first?["issued"] as? [String: Any])?["date-parts"] as? [[Int]] == [[1954]])
        #expect((csl.first?["author"] as? [[String: String]]) == [["literal": "Banda Sinfónica del Estado de Hidalgo"]])
        // An anonymous creator is no author at all.
        #expect(!(try Self.citation(Self.read(site, "items/BSH-0002/index.html"), "cita.ris")).contains("AU  -"))
        // Related documents: same unit, creator or subject; never the item itself.
        let related = try #require(page.components(separatedBy: "id=\"titulo-relacionados\"").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(related.contains("items/BSH-0002/index.html") && related.contains("items/BSH-0003/index.html"))   // subject; creator
        #expect(!related.contains("items/BSH-0001/"))
        // The rights once, plain labels.
        let rights = "Uso libre con fines educativos y de investigación"
        #expect(page.components(separatedBy: rights).count - 1 == 2, "the rights in the page body once (plus the JSON-LD)")
        #expect(page.contains("<dt>Formato</dt><dd>TIFF</dd>") && !page.contains("image/tiff"))
        let place = try Self.read(site, "items/MBL-0001/index.html")
        #expect(place.contains("<dt>Lugar</dt><dd><a href=\"../../explorar/lugares/apan-hidalgo/index.html\">Apan, Hidalgo</a></dd>"))
        #expect(!place.contains("Cobertura"))
        let fonds = try Self.read(site, "fondos/banda-sinfonica/index.html")
        #expect(fonds.contains(">década de 1950</a>") && !fonds.contains("1950s"))
    }

    @Test func theJSONLDTypesKnownCreatorsAndGivesSchemaOrgDates() throws {
        let (deployment, site) = try Self.published()
        defer { withExtendedLifetime(deployment) {} }
        func jsonLD(_ id: String) throws -> [String: Any] {
            let page = try Self.read(site, "items/\(id)/index.html")
            let start = try #require(page.range(of: "<script type=\"application/ld+json\">")).upperBound
            let end = try #require(page[start...].range(of: "</script>")).lowerBound
            return try #require(try JSONSerialization.jsonObject(with: Data(page[start..<end].utf8)) as? [String: Any])
        }
        let letter = try jsonLD("MMI-0001")
        #expect((letter["creator"] as? [[String: String]]) == [["@type": "Person", "name": "Margarita Michelena", "familyName": "Michelena", "givenName": "Margarita"]])
        #expect(letter["dateCreated"] as? String == "1954-03-14")
        let song = try jsonLD("BSH-0002")   // Anónimo, 195X
        #expect(song["creator"] == nil, "no typed person for «Anónimo»")
        #expect(song["dateCreated"] == nil && song["temporalCoverage"] as? String == "1950/1959")
        let march = try jsonLD("BSH-0001")
        #expect((march["creator"] as? [[String: String]])?.first?["@type"] == "Organization")
        let notice = try jsonLD("BSH-0004")   // 1948/1952
        #expect(notice["temporalCoverage"] as? String == "1948/1952" && notice["dateCreated"] == nil)
        let draft = try jsonLD("MMI-0002")   // 1955?
        #expect(draft["dateCreated"] == nil && draft["temporalCoverage"] == nil, "an uncertain year is not claimed as a date")
        for file in TestDeployment.listFiles(site) where file.hasPrefix("items/") && file.hasSuffix("/index.html") {
            #expect(!(try Self.read(site, file)).contains("\"@type\":\"Thing\""), "\(file)")
        }
    }

    @Test func openDataIsDescribedPageTextsDeclareUTF8AndTheHomeLeavesOutTheTestItem() throws {
        let (deployment, site) = try Self.published()
        defer { withExtendedLifetime(deployment) {} }
        let guide = try Self.read(site, "datos/index.html")
        for column in OpenData.csvColumns { #expect(guide.contains("<code>\(column)</code>"), "datos/ describes the column \(column)") }
        #expect(guide.contains("href=\"catalogo-excel.csv\""))
        let text = try Data(contentsOf: site.appendingPathComponent("items/MMI-0001/t/1.txt"))
        #expect(text.starts(with: [0xEF, 0xBB, 0xBF]), "a page text starts with a UTF-8 byte order mark")
        let home = try Self.read(site, "index.html")
        #expect(!home.contains("JHD-0002") && !home.contains("Pruebas de seguridad") && !home.contains("alert("))
        #expect(home.contains("items/JHD-0001/"), "the fonds keeps its other items on the home page")
        // The hostile item is still published (the escaping tests use it), in its fonds and in the search.
        #expect(try Self.read(site, "fondos/jose-hernandez-delgadillo/index.html").contains("items/JHD-0002/index.html"))
        // The 404 page keeps its style under the sub-path, on whichever host serves it.
        let notFound = try Self.read(site, "404.html")
        // (The stylesheet's name carries its fingerprint: estilo.<hash>.css.)
        #expect(notFound.contains("href=\"/archivo/assets/estilo.") && notFound.contains("href=\"/archivo/index.html\""), "\(notFound.prefix(1500))")
        #expect(!notFound.contains("href=\"assets/"), "no link left relative to the missing address")
        // The timeline and the places are in the browse page.
        let browse = try Self.read(site, "explorar/index.html")
        #expect(browse.contains("href=\"lugares/index.html\"") && browse.contains("href=\"fechas/index.html\""))
    }

    @Test(arguments: [
        ("1954", "1954", "1954"), ("1954-03", "1954-03", "1954-03"), ("1954-03-14", "1954-03-14", "1954-03-14"),
        ("195X", nil, "1950/1959"), ("19XX", nil, "1900/1999"), ("1948/1952", nil, "1948/1952"), ("1948/..", nil, "1948/.."),
        ("1955?", nil, nil), ("1950~", nil, nil), ("1954-21", nil, "1954"), ("XXXX", nil, nil), ("sin fecha", nil, nil),
    ] as [(String, String?, String?)])
    func edtfBecomesWhatSchemaOrgExpects(edtf: String, created: String?, coverage: String?) {
        let dates = SchemaDates(edtf: edtf)
        #expect(dates.dateCreated == created, "\(edtf)")
        #expect(dates.temporalCoverage == coverage, "\(edtf)")
    }

    @Test(arguments: [
        ("Anónimo", "anonimo"), ("Fotógrafo no identificado", "anonimo"), ("Desconocido", "anonimo"),
        ("Michelena, Margarita", "persona"), ("Villasana, Guillermo", "persona"), ("Banda Sinfónica del Estado de Hidalgo", "organizacion"),
        ("Secretaría de Educación Pública del Estado", "organizacion"), ("Asociación de Productores de Pulque", "organizacion"),
    ])
    func creatorsAreTypedOnlyWhenKnown(name: String, kind: String) {
        switch CreatorKind.of(name) {
        case .anonymous: #expect(kind == "anonimo", "\(name)")
        case .person: #expect(kind == "persona", "\(name)")
        case .organization: #expect(kind == "organizacion", "\(name)")
        }
    }

    @Test func bibTeXEscapesWhatTeXWouldReadAsCommands() {
        #expect(CitationFormats.bibEscape("50% & $5 #1 a_b {x} \\ ~ ^") == "50\\% \\& \\$5 \\#1 a\\_b \\{x\\} \\textbackslash{} \\textasciitilde{} \\textasciicircum{}")
    }
}
