import Foundation
@testable import Site
import Testing

/// The two small rules behind the site's file names and IIIF dates.
@Suite struct VersionedNamesAndNavDateTests {
    @Test func versionedNamesCarryTheContentHashAndPagesAreRewrittenToThem() {
        let css = Data("body{}".utf8), other = Data("body{color:red}".utf8)
        let name = VersionedNames.name("assets/estilo.css", css)
        #expect(name.hasPrefix("assets/estilo.") && name.hasSuffix(".css") && name.count == "assets/estilo.12345678.css".count)
        #expect(name != VersionedNames.name("assets/estilo.css", other), "new content, new name")
        #expect(VersionedNames.rule(for: "assets/leaflet/leaflet.js") == (true, true), "assets added by others are versioned too")
        #expect(VersionedNames.rule(for: "assets/favicon.svg") == (false, false), "images keep their names (stylesheets refer to them)")
        #expect(VersionedNames.rule(for: "buscar/indice/t/6162.js") == (true, false))
        #expect(VersionedNames.rule(for: "items/A/t/1.js") == (false, false))

        let names = ["assets/estilo.css": "assets/estilo.0badf00d.css", "buscar/indice/manifiesto.js": "buscar/indice/manifiesto.1234abcd.js"]
        let html = """
        <link rel="stylesheet" href="../../assets/estilo.css"><link href="/assets/estilo.css?x"><script src="assets/otro.js"></script>
        <link rel="preload" href="../buscar/indice/manifiesto.js" as="script"><p>texto: assets/estilo.css y xassets/estilo.css</p>
        """
        let rewritten = String(decoding: VersionedNames.rewrite(Data(html.utf8), names: names), as: UTF8.self)
        #expect(rewritten == """
        <link rel="stylesheet" href="../../assets/estilo.0badf00d.css"><link href="/assets/estilo.0badf00d.css?x"><script src="assets/otro.js"></script>
        <link rel="preload" href="../buscar/indice/manifiesto.1234abcd.js" as="script"><p>texto: assets/estilo.css y xassets/estilo.css</p>
        """)
    }

    @Test(arguments: [
        ("1954-03-14", "1954-03-14T00:00:00Z"), ("1954-03", "1954-03-01T00:00:00Z"), ("1954", "1954-01-01T00:00:00Z"),
        ("1950~", "1950-01-01T00:00:00Z"), ("1950?", "1950-01-01T00:00:00Z"), ("195X", "1950-01-01T00:00:00Z"),
        ("1954-XX", "1954-01-01T00:00:00Z"), ("1954-22", "1954-06-01T00:00:00Z"), ("1950/1955", "1950-01-01T00:00:00Z"),
        ("1948/..", "1948-01-01T00:00:00Z"),
    ])
    func navDateIsTheStartOfTheEDTFDate(edtf: String, expected: String) {
        #expect(NavDate.iso(edtf: edtf) == expected)
    }

    @Test(arguments: ["XXXX", "../1952", "s.f.", "", "14/03/1954"])
    func datesWithoutAStartHaveNoNavDate(edtf: String) {
        #expect(NavDate.iso(edtf: edtf) == nil)
    }
}
