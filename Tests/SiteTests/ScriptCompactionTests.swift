import Foundation
@testable import Site
import Testing

/// The site's own scripts lose their comment lines and indentation, nothing else.
@Suite struct ScriptCompactionTests {
    @Test func commentLinesAndIndentationGoAndCodeStaysAsWritten() {
        let source = "// Header comment\n(function () {\n  'use strict';\n\n    // a note\n  var url = 'http://x/y'; // trailing\n\tvar re = /a\\/\\/b/;\n})();\n"
        let compact = String(decoding: ScriptCompaction.compact(Data(source.utf8)), as: UTF8.self)
        #expect(compact == "(function () {\n'use strict';\nvar url = 'http://x/y'; // trailing\nvar re = /a\\/\\/b/;\n})();\n")
    }

    @Test func theViewerScriptsArePublishedCompactedAndSmaller() throws {
        let renderer = try PageRenderer(settings: SiteSettings(title: "Prueba", tagline: "", baseURL: "", itemsPerPage: 20, about: "", institutionName: "Prueba",
                                                                  institutionURL: "", contactEmail: ""))
        for name in ["visor.js", "visor-zoom.js", "buscar.js"] {
            let served = try #require(renderer.assets[name], "\(name) is an asset")
            let text = String(decoding: served, as: UTF8.self)
            #expect(!text.split(separator: "\n").contains { $0.hasPrefix("//") || $0.hasPrefix(" ") }, "\(name) has no comment line or indentation")
            #expect(text.contains("'use strict';"), "\(name) keeps its code")
        }
    }
}
