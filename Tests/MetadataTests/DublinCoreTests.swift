import Foundation
@testable import Metadata
import Testing
import TestSupport

@Suite struct DublinCoreTests {
    static func record() -> DublinCoreRecord {
        var dc = DublinCoreRecord()
        dc["identifier"] = ["BSH-0001"]
        dc["title"] = ["Marcha «Pachuca» & <otras> \"piezas\""]
        dc["creator"] = ["Banda Sinfónica del Estado de Hidalgo"]
        dc["subject"] = ["Marchas (Música)", "Música para banda"]
        dc["date"] = ["1954"]
        dc["type"] = ["Text"]
        dc["language"] = ["spa"]
        dc["rights"] = ["Uso libre citando la fuente."]
        return dc
    }

    @Test func dcXMLMatchesItsGoldenAndEscapesText() throws {
        let xml = OAIDublinCore.document(Self.record())
        if let mismatch = Golden.mismatch(xml, golden: Golden.directory().appendingPathComponent("dc-BSH-0001.xml")) {
            Issue.record("\(mismatch)")
        }
        #expect(xml.contains("&amp; &lt;otras&gt;"))
    }

    @Test func dcXMLValidatesAgainstTheOfficialOAIDCSchema() throws {
        guard let shared = try TestPaths.sharedOrSkip() else { return }
        let validator = try XMLSchemaValidator(schemaAt: shared.appendingPathComponent("standards/xsd/oai_dc.xsd"))
        #expect(validator.validate(OAIDublinCore.document(Self.record())) == [])
    }

    @Test func dcXMLReadsBackToTheSameRecord() throws {
        let record = Self.record()
        let back = try OAIDublinCore.read(bytes: Array(OAIDublinCore.document(record).utf8), name: "dc.xml")
        #expect(back == record)
    }

    @Test func controlCharactersFromSpreadsheetsNeverBreakTheXML() throws {
        var dc = Self.record()
        dc["description"] = ["línea uno\u{0B}con tabulador vertical\u{01}"]
        let xml = OAIDublinCore.document(dc)
        #expect(try OAIDublinCore.read(bytes: Array(xml.utf8), name: "dc.xml")["description"] == ["línea unocon tabulador vertical"])
    }
}
