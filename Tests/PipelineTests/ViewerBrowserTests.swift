import FixtureKit
import Foundation
import Testing
import TestSupport

/// The item page's viewer in a real browser (scripts/viewer_check.py drives headless Chromium): deep
/// zoom on the published IIIF tiles with Leaflet, on a 375×812 touch screen and at 1280×900 with the
/// keyboard; search hits boxed on the page image from the archived ALTO; a 9000×12000 page at scale
/// factor 1; axe-core finds no WCAG 2.1 A/AA violation. Also: the word-box scripts publish writes, and
/// a publish without Leaflet keeps the plain viewer and says what to install.
@Suite(.serialized) struct ViewerBrowserTests {
    static let altoPage = "maguey-blanco/2024-07-haciendas/MBL-0002/0001.alto.xml"

    /// The sample's Maguey Blanco fonds (an ALTO page and an hOCR page) with tiles for every page, and
    /// a 9000×12000 plan (gray, mostly blank: a few kilobytes of PNG, 584 tiles).
    static func deployment(environment: [String: String] = [:], largePage: Bool) throws -> TestDeployment {
        let deployment = try TestDeployment(label: "visor")
        for fonds in try FileManager.default.contentsOfDirectory(atPath: deployment.inbox.path) where fonds != "maguey-blanco" {
            try FileManager.default.removeItem(at: deployment.inbox.appendingPathComponent(fonds))
        }
        var yaml = try String(contentsOf: deployment.configURL, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  tiles: auto", with: "  tiles: always")
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        if largePage {
            let batch = deployment.inbox.appendingPathComponent("maguey-blanco/2024-08-planos")
            try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
            let (width, height) = (9000, 12000)
            var pixels = [UInt8](repeating: 235, count: width * height)
            for y in stride(from: 0, to: height, by: 1500) {
                for row in y..<min(y + 40, height) { for x in 0..<width { pixels[row * width + x] = 40 } }
            }
            for x in stride(from: 0, to: width, by: 1500) {
                for row in 0..<height { for column in x..<min(x + 40, width) { pixels[row * width + column] = 40 } }
            }
            try FixtureImageWriter.writePNG(pixels, width: width, height: height, channels: 1, dpi: 300,
                                            to: batch.appendingPathComponent("MBL-0100.png"))
            try "identifier,dc.title,dc.type\nMBL-0100,Plano de gran formato,Image\n".write(to: batch.appendingPathComponent("metadata.csv"),
                                                                                         atomically: true, encoding: .utf8)
        }
        let ingest = try deployment.memoria(["ingest", "--now", "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let publish = try deployment.memoria(["publish", "--json"], environment: environment)
        #expect(publish.status == 0, "\(publish.stderr)")
        return deployment
    }

    /// A tool the test needs: nil after printing why it is skipped, or a recorded failure in CI.
    static func required(_ path: String?, _ what: String, _ test: String = #function) -> String? {
        if let path { return path }
        if TestPaths.isCI { Issue.record("\(test) needs \(what) (CI=true: failing instead of skipping)") } else { print("SKIPPED \(test): \(what) is not installed; scripts/test.sh installs it") }
        return nil
    }

    @Test func theViewerZoomsPansAndBoxesSearchHitsOnPhonesAndWithTheKeyboard() throws {
        guard let chromium = Self.required(["chromium", "chromium-browser", "google-chrome"].first(where: ProcessRunner.exists), "Chromium (Debian package chromium)"),
              let python = Self.required(PythonTools.path("python"), "python in .venv with websocket-client") else { return }
        // .venv may be a symbolic link (a worktree sharing another's): the enumerator does not follow one.
        let venv = TestPaths.packageRoot.appendingPathComponent(".venv").resolvingSymlinksInPath()
        let axe = FileManager.default.enumerator(atPath: venv.path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix("axe_core_python/axe.min.js") }
        guard let axe = Self.required(axe.map { venv.appendingPathComponent($0).path }, "axe-core (PyPI axe-core-python in .venv)") else { return }
        let deployment = try Self.deployment(largePage: true)
        let site = deployment.root.appendingPathComponent("site")

        // The word boxes publish wrote: ALTO page 1 and hOCR page 2, in the scan's pixels.
        let words = try String(contentsOf: site.appendingPathComponent("items/MBL-0002/w/1.js"), encoding: .utf8)
        #expect(words.hasPrefix("MemoriaPalabras(1,{\"a\":[850,1100],\"p\":[\"Aviso\",70,68,86,37,"), "\(words.prefix(80))")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("items/MBL-0002/w/2.js").path), "the hOCR page has boxes too")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("items/MBL-0001/w").path), "a page without ALTO/hOCR has none")
        let licence = try String(contentsOf: site.appendingPathComponent("assets/leaflet/LICENCIA.txt"), encoding: .utf8)
        #expect(licence.contains("BSD"), "Leaflet is copied with its licence")

        let script = TestPaths.packageRoot.appendingPathComponent("scripts/viewer_check.py")
        let result = try ProcessRunner.run(python, [script.path, site.path, "--chromium", chromium, "--item", "MBL-0002",
                                                    "--alto", TestPaths.sampleInbox.appendingPathComponent(Self.altoPage).path,
                                                    "--word", "feria", "--large", "MBL-0100", "--axe", axe])
        print(result.stdout)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr.suffix(2000))")
    }

    @Test func withoutLeafletThePlainViewerStaysAndPublishSaysWhatToInstall() throws {
        let empty = TemporaryDirectory("sin-leaflet")
        let deployment = try Self.deployment(environment: ["MEMORIA_LEAFLET_DIR": empty.url.path], largePage: false)
        let publish = try deployment.memoria(["publish", "--full"], environment: ["MEMORIA_LEAFLET_DIR": empty.url.path])
        #expect(publish.status == 0)
        #expect(publish.stdout.contains("libjs-leaflet") || publish.stderr.contains("libjs-leaflet"), "\(publish.stdout)\(publish.stderr)")
        let site = deployment.root.appendingPathComponent("site")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("assets/leaflet").path))
        let page = try String(contentsOf: site.appendingPathComponent("items/MBL-0002/index.html"), encoding: .utf8)
        #expect(page.contains("data-leaflet=\"\""), "the viewer is told there is no Leaflet")
        #expect(page.contains("class=\"visor-imagen\""), "the access image is on the page")

        // Installed again: the next publish copies it in and rewrites the pages.
        let again = try deployment.memoria(["publish", "--quiet"])
        #expect(again.status == 0)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("assets/leaflet/leaflet.js").path)
                || !FileManager.default.fileExists(atPath: "/usr/share/javascript/leaflet/leaflet.js"))
    }
}
