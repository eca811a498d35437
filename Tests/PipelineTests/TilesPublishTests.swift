import Foundation
import Testing
import TestSupport

/// Deep-zoom tiles from ingest to the site: made from the decode that validates the master, kept with
/// the derivatives, published beside the access image with an info.json, and announced in the IIIF
/// manifest as a level-0 image service; `derive` remakes them when their settings change.
@Suite struct TilesPublishTests {
    @Test func pagesGetTilesAnInfoJSONAndAnImageServiceInTheManifest() throws {
        let deployment = try TestDeployment(label: "tiles")
        var yaml = try String(contentsOf: deployment.configURL, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  tiles: auto", with: "  tiles: always")
        yaml = yaml.replacingOccurrences(of: "  base_url: \"\"", with: "  base_url: \"https://memoria.example.org/\"")
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        #expect(try deployment.memoria(["ingest", "--now", "--quiet"]).status == 1, "the sample's broken files are quarantined")
        #expect(try deployment.memoria(["publish", "--quiet"]).status == 0)

        let item = deployment.root.appendingPathComponent("site/items/MBL-0002")
        let published = TestDeployment.listFiles(item.appendingPathComponent("iiif"))
        let infos = published.filter { $0.hasSuffix("/info.json") }
        #expect(infos.count == 2, "one service per page: \(published.prefix(8))")
        #expect(published.contains { $0.hasSuffix("/default.jpg") && $0.contains("/full/") })
        let info = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: item.appendingPathComponent("iiif/\(infos[0])"))) as? [String: Any])
        let key = String(infos[0].split(separator: "/")[0])
        #expect(info["id"] as? String == "https://memoria.example.org/items/MBL-0002/iiif/\(key)")
        #expect(info["type"] as? String == "ImageService3" && info["profile"] as? String == "level0")
        // Every tile info.json announces is on the site (scale factor 1's first tile, for one).
        let size = ((info["tiles"] as? [[String: Any]])?.first?["width"] as? Int) ?? 0
        let width = info["width"] as? Int ?? 0, height = info["height"] as? Int ?? 0
        let (w, h) = (min(size, width), min(size, height))
        let first = "iiif/\(key)/0,0,\(w),\(h)/\(w),\(h)/0/default.jpg"   // IIIF 3 canonical size "w,h"
        #expect(FileManager.default.fileExists(atPath: item.appendingPathComponent(first).path), "\(first) in \(published.prefix(6))")

        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: item.appendingPathComponent("manifest.json"))) as? [String: Any])
        let canvas = try #require((manifest["items"] as? [[String: Any]])?.first)
        let body = (((canvas["items"] as? [[String: Any]])?.first?["items"] as? [[String: Any]])?.first?["body"]) as? [String: Any]
        let service = (body?["service"] as? [[String: Any]])?.first
        #expect(service?["type"] as? String == "ImageService3" && (service?["id"] as? String)?.hasSuffix("/iiif/\(key)") == true)
        #expect(canvas["width"] as? Int == width && canvas["height"] as? Int == height, "the canvas has the scan's size")

        // Tiles switched off: derive remakes the pages without them, and the site drops them.
        yaml = yaml.replacingOccurrences(of: "  tiles: always", with: "  tiles: never")
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        #expect(try deployment.memoria(["derive", "--quiet"]).status == 0)
        let derivatives = TestDeployment.listFiles(deployment.root.appendingPathComponent("derivatives/MBL-0002"))
        #expect(!derivatives.contains { $0.contains(".iiif/") }, "\(derivatives.prefix(5))")
        #expect(try deployment.memoria(["publish", "--full", "--quiet"]).status == 0)
        // What stays is each page's whole-image service (its copies' sizes): no tiles.
        let left = TestDeployment.listFiles(item.appendingPathComponent("iiif"))
        #expect(left.allSatisfy { $0.hasSuffix("/info.json") || $0.contains("/full/") }, "\(left.prefix(8))")
        for name in left where name.hasSuffix("/info.json") {
            let remaining = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: item.appendingPathComponent("iiif/\(name)"))) as? [String: Any])
            #expect(remaining["tiles"] == nil && (remaining["sizes"] as? [Any])?.isEmpty == false, "\(name)")
        }
    }
}
