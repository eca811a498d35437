import Foundation
import Testing
import TestSupport

/// The sample site with a public address: every IIIF manifest and fonds collection loads in
/// iiif-prezi3 and follows Presentation 3; each item's PDF has one page per image and its text;
/// access images offer a medium copy in srcset; scripts, styles and shards have versioned names.
@Suite(.serialized) struct SiteDownloadsAndIIIFTests {
    static let baseURL = "http://127.0.0.1:8000/"

    /// The sample ingested and published with site.base_url set and a small medium copy (the sample's
    /// access copies are 720 px, below the default 1000).
    static func published(extraEdits: [(String, String)] = []) throws -> TestDeployment {
        let deployment = try TestDeployment(label: "site-iiif")
        var yaml = try String(contentsOf: deployment.configURL, encoding: .utf8)
        for (from, to) in [("  base_url: \"\"", "  base_url: \"\(baseURL)\""), ("  medium_long_edge: 1000", "  medium_long_edge: 300")] + extraEdits {
            #expect(yaml.contains(from), "pipeline.yaml has \(from)")
            yaml = yaml.replacingOccurrences(of: from, with: to)
        }
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        let ingest = try deployment.memoria(["ingest", "--quiet", "--agent", "prueba"], environment: SiteEndToEndTests.fixedTime)
        #expect(ingest.status == 1, "\(ingest.stderr)")   // the sample has bad files on purpose
        let publish = try deployment.memoria(["publish", "--json"], environment: SiteEndToEndTests.fixedTime)
        #expect(publish.status == 0, "\(publish.stderr)")
        #expect(!publish.stdout.contains("base_url está vacía"), "no warning when the address is set")
        return deployment
    }

    static func site(_ deployment: TestDeployment) -> URL { deployment.root.appendingPathComponent("site") }

    @Test func everyManifestAndCollectionLoadsInIIIFPrezi3AndFollowsPresentation3() throws {
        guard let python = PythonTools.pathOrSkip("python") else { return }
        guard try ProcessRunner.run(python, ["-c", "import iiif_prezi3"]).status == 0 else {
            print("SKIPPED \(#function): iiif-prezi3 is not installed in .venv; run the README's test command (scripts/test.sh)")
            return
        }
        let deployment = try Self.published()
        let root = Self.site(deployment)
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/iiif_check.py")
        let result = try ProcessRunner.run(python, [script.path, root.path, Self.baseURL])
        print(String(result.stdout.split(separator: "\n").last ?? ""))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let manifests = TestDeployment.listFiles(root.appendingPathComponent("items")).filter { $0.hasSuffix("/manifest.json") }
        #expect(manifests.count >= 8, "one manifest per published item: \(manifests)")

        // What the checker cannot know: navDate is the start of the item's EDTF date.
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("items/MMI-0001/manifest.json"))) as? [String: Any])
        #expect(manifest["navDate"] as? String == "1954-03-14T00:00:00Z")
        // The site's Collection lists every fonds Collection (each partOf it); one left out fails the checker.
        let siteCollection = root.appendingPathComponent("iiif/coleccion.json")
        let siteText = try String(contentsOf: siteCollection, encoding: .utf8)
        let fondsCollections = TestDeployment.listFiles(root.appendingPathComponent("fondos")).filter { $0.hasSuffix("/coleccion.json") }
        #expect(!fondsCollections.isEmpty && fondsCollections.allSatisfy { siteText.contains("fondos/" + ($0.split(separator: "/").suffix(2).joined(separator: "/"))) },
                "\(fondsCollections) in \(siteText.prefix(300))")
        try siteText.replacingOccurrences(of: Self.baseURL + "fondos/margarita-michelena/coleccion.json", with: Self.baseURL + "fondos/otro/coleccion.json")
            .write(to: siteCollection, atomically: true, encoding: .utf8)
        let unlisted = try ProcessRunner.run(python, [script.path, root.path, Self.baseURL])
        #expect(unlisted.status == 1 && unlisted.stdout.contains("not listed in the site's Collection"), "\(unlisted.stdout)")
        try siteText.write(to: siteCollection, atomically: true, encoding: .utf8)
        // And a tampered manifest fails the checker (it is not a checker that cannot fail).
        let broken = root.appendingPathComponent("items/MMI-0001/manifest.json")
        try (try String(contentsOf: broken, encoding: .utf8)).replacingOccurrences(of: Self.baseURL + "items/MMI-0001/canvas", with: "canvas")
            .write(to: broken, atomically: true, encoding: .utf8)
        let failed = try ProcessRunner.run(python, [script.path, root.path, Self.baseURL])
        #expect(failed.status == 1 && failed.stdout.contains("is not absolute"), "\(failed.stdout)")
    }

    @Test func theManifestAndTheFondsCollectionMatchTheirGoldens() throws {
        let deployment = try Self.published()
        let root = Self.site(deployment)
        for (file, golden) in [("items/MMI-0001/manifest.json", "MMI-0001.manifest.json"),
                               ("fondos/margarita-michelena/coleccion.json", "margarita-michelena.coleccion.json"),
                               ("iiif/coleccion.json", "sitio.coleccion.json")] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            if let mismatch = Golden.mismatch(text, golden: Golden.directory().appendingPathComponent(golden)) { Issue.record("\(mismatch)") }
        }
    }

    @Test func withoutABaseURLPublishSaysSoOnceAndWritesNoManifests() throws {
        let deployment = try TestDeployment(label: "site-no-base")
        _ = try deployment.memoria(["ingest", "--quiet"], environment: SiteEndToEndTests.fixedTime)
        let publish = try deployment.memoria(["publish"], environment: SiteEndToEndTests.fixedTime)
        #expect(publish.status == 0, "\(publish.stderr)")
        let said = (publish.stdout + publish.stderr).components(separatedBy: "site.base_url está vacía").count - 1
        #expect(said == 1, "the warning once, in Spanish: \(publish.stdout)\(publish.stderr)")
        let files = TestDeployment.listFiles(Self.site(deployment))
        #expect(!files.contains { $0.hasSuffix("manifest.json") || $0.hasSuffix("coleccion.json") })
        let page = try String(contentsOf: Self.site(deployment).appendingPathComponent("items/MMI-0001/index.html"), encoding: .utf8)
        #expect(!page.contains("manifest.json"), "no link to a manifest that is not there")
    }

    @Test func eachItemPDFHasOnePagePerImageAndItsTranscription() throws {
        guard ProcessRunner.exists("pdfinfo"), ProcessRunner.exists("pdftotext") else {
            print("SKIPPED \(#function): poppler-utils (pdfinfo, pdftotext) is not installed; scripts/setup-debian.sh installs it")
            return
        }
        let deployment = try Self.published()
        let items = Self.site(deployment).appendingPathComponent("items")
        var checkedText = 0
        for id in try FileManager.default.contentsOfDirectory(atPath: items.path).sorted() {
            let folder = items.appendingPathComponent(id)
            let pdf = folder.appendingPathComponent("\(id).pdf")
            // A page is a folder of the item's IIIF service (or, for a page with tiles, its access copy beside the page).
            let services = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("iiif").path)) ?? []
            let images = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".jpg") && !$0.hasSuffix(".thumb.jpg") && !$0.hasSuffix(".m.jpg") } + services.filter { !$0.hasPrefix(".") }
            guard !images.isEmpty else { continue }
            #expect(FileManager.default.fileExists(atPath: pdf.path), "\(id) has a PDF")
            let info = try ProcessRunner.run("pdfinfo", [pdf.path])
            let pages = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) }
            #expect(pages == String(images.count), "\(id): \(images.count) images, pdfinfo says \(pages ?? info.stderr)")
            let page = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
            #expect(page.contains("href=\"\(id).pdf\" download"), "\(id): the page links its PDF")
            // A word of each page's text (its longest word) is found by pdftotext.
            let text = try ProcessRunner.run("pdftotext", ["-enc", "UTF-8", pdf.path, "-"]).stdout.lowercased()
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("t").path)) ?? [] where name.hasSuffix(".txt") {
                let body = try String(contentsOf: folder.appendingPathComponent("t/\(name)"), encoding: .utf8)
                let words = body.split { !$0.isLetter }.map(String.init).filter { $0.unicodeScalars.allSatisfy { $0.value < 0x100 } }
                guard let word = words.max(by: { $0.count < $1.count }), word.count >= 5 else { continue }
                #expect(text.contains(word.lowercased()), "\(id) \(name): pdftotext does not find «\(word)»")
                checkedText += 1
            }
        }
        #expect(checkedText >= 4, "pages with a transcription were checked: \(checkedText)")
        // An access copy sized from its resolution: the sample's 300 dpi A4-ish pages are not 720 pt tall.
        let info = try ProcessRunner.run("pdfinfo", [items.appendingPathComponent("MMI-0001/MMI-0001.pdf").path]).stdout
        #expect(info.contains("Page size:"), "\(info)")
    }

    @Test func withdrawnAndRestrictedItemsHaveNoPDFOnTheSite() throws {
        let deployment = try Self.published()
        #expect(try deployment.memoria(["restringir", "BSH-0002", "--motivo", "datos personales"]).status == 0)
        #expect(try deployment.memoria(["retirar", "MMI-0001", "--motivo", "reclamo de derechos"]).status == 0)
        #expect(try deployment.memoria(["publish", "--quiet"]).status == 0)
        let files = TestDeployment.listFiles(Self.site(deployment))
        #expect(!files.contains { $0.hasSuffix(".pdf") && ($0.contains("BSH-0002") || $0.contains("MMI-0001")) }, "\(files.filter { $0.hasSuffix(".pdf") })")
        #expect(files.contains("items/BSH-0001/BSH-0001.pdf"), "the others keep theirs")
    }

    @Test func accessImagesOfferTheirMediumCopyAndPagesReferToVersionedAssets() throws {
        let deployment = try Self.published()
        let root = Self.site(deployment)
        let page = try String(contentsOf: root.appendingPathComponent("items/MMI-0001/index.html"), encoding: .utf8)
        let srcset = try #require(page.firstMatch(of: /srcset="([^"]+)" sizes="[^"]+"/)).1
        // As HTML reads a srcset: each address is a run without spaces (an IIIF size holds a comma),
        // then its descriptor up to the comma that ends the candidate.
        let words: [String] = srcset.split(separator: " ").map(String.init)
        var candidates: [[String]] = []
        for index in stride(from: 0, to: words.count - 1, by: 2) {
            let descriptor: String = words[index + 1].trimmingCharacters(in: CharacterSet(charactersIn: ","))
            candidates.append([words[index], descriptor])
        }
        #expect(words.count == 4, "\(srcset)")
        let medium: String = candidates.first?[0] ?? ""
        let access: String = candidates.last?[0] ?? ""
        #expect(medium.hasPrefix("p") && medium.hasSuffix(".m.jpg"), "the medium copy first, under its own name (no comma in srcset): \(srcset)")
        #expect(access.hasPrefix("iiif/p") && access.hasSuffix("/full/max/0/default.jpg"), "then the access copy, the service's full/max: \(srcset)")
        for candidate in candidates where candidate.count == 2 {
            let file = root.appendingPathComponent("items/MMI-0001/\(candidate[0])")
            #expect(FileManager.default.fileExists(atPath: file.path), "\(candidate[0])")
            #expect(candidate[1] == "233w" || candidate[1] == "560w", "the widths are the copies': \(candidate)")
        }
        // Every script and stylesheet a page names is a versioned file of the site.
        for file in TestDeployment.listFiles(root) where file.hasSuffix(".html") {
            let html = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for match in html.matches(of: /(?:src|href)="([^"]*(?:assets|buscar\/indice)\/[^"]+\.(?:css|js))"/) {
                let reference = String(match.1)
                #expect(reference.firstMatch(of: /\.[0-9a-f]{8}\.(css|js)$/) != nil, "\(file): \(reference) has no version")
                let target = root.appendingPathComponent(file).deletingLastPathComponent().appendingPathComponent(reference)
                if !reference.hasPrefix("/") && !reference.hasPrefix("http") {
                    #expect(FileManager.default.fileExists(atPath: target.standardizedFileURL.path), "\(file): \(reference) is missing")
                }
            }
        }
        // The search manifest names versioned shards, each of them there.
        let manifestName = try #require(try String(contentsOf: root.appendingPathComponent("buscar/index.html"), encoding: .utf8)
            .firstMatch(of: /buscar\/indice\/(manifiesto\.[0-9a-f]{8}\.js)/)).1
        let manifest = try String(contentsOf: root.appendingPathComponent("buscar/indice/\(manifestName)"), encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(manifest.dropFirst("Memoria.manifest(".count).dropLast(3).utf8)) as? [String: Any])
        let shardFiles = try #require(json["files"] as? [String: String])
        #expect(shardFiles.count == (json["shards"] as? [String])?.count && !shardFiles.isEmpty)
        for (_, name) in shardFiles { #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("buscar/indice/\(name)").path), "\(name)") }
        // …and versioned fragment directories, which name every document's versioned fragments; no
        // fragment is left under a plain name a cache could keep across publishes.
        let directories = try #require(json["fragmentNames"] as? [String: String])
        let perDirectory = try #require(json["docsPerFragmentDirectory"] as? Int)
        #expect(!directories.isEmpty)
        var named = 0
        for (number, name) in directories {
            #expect(name.firstMatch(of: /^f\/d\/[0-9]+\.[0-9a-f]{8}\.js$/) != nil, "\(name)")
            let script = try String(contentsOf: root.appendingPathComponent("buscar/indice/\(name)"), encoding: .utf8)
            #expect(script.hasPrefix("Memoria.fragmentNames(\(number),{"), "\(script.prefix(60))")
            let names = try #require(try JSONSerialization.jsonObject(with: Data(script.dropFirst("Memoria.fragmentNames(\(number),".count).dropLast(3).utf8)) as? [String: String])
            for (id, hash) in names {
                #expect(Int(id.split(separator: "-")[0]).map { $0 / perDirectory } == Int(number), "\(id) in directory \(number)")
                let fragment = root.appendingPathComponent("buscar/indice/f/\(id).\(hash).js")
                #expect(try String(contentsOf: fragment, encoding: .utf8).hasPrefix("Memoria.fragment(\"\(id)\","), "\(id).\(hash).js")
                named += 1
            }
        }
        let fragmentFiles = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("buscar/indice/f").path).filter { $0.hasSuffix(".js") }
        #expect(named == fragmentFiles.count && fragmentFiles.allSatisfy { $0.firstMatch(of: /^[0-9]+-[0-9]+\.[0-9a-f]{8}\.js$/) != nil }, "\(fragmentFiles)")
    }
}
