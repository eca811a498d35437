import Foundation
@testable import Metadata
import Testing
import TestSupport

/// Edge cases of the METS writer, starting from a real record (the archive golden of MBL-0002).
@Suite struct METSWriterTests {
    static func goldenItem() throws -> METSItem {
        let url = TestPaths.packageRoot.appendingPathComponent("Tests/PipelineTests/Goldens/MBL-0002-mets.xml")
        return try METSReader.read(bytes: [UInt8](Data(contentsOf: url)), name: "MBL-0002-mets.xml")
    }

    @Test func anItemWithoutARightsStatementHasNoEmptyRightsSection() throws {
        var item = try Self.goldenItem()
        item.dublinCore["rights"] = []
        let xml = METSWriter.document(item)
        #expect(!xml.contains("rightsMD") && !xml.contains("ADMID=\"rights "))
        #expect(METSProfileChecker.check(xml) == [])
        guard let shared = try TestPaths.sharedOrSkip() else { return }
        let validator = try XMLSchemaValidator(schemaAt: shared.appendingPathComponent("standards/xsd/bundle.xsd"))
        #expect(validator.validate(xml) == [])
    }

    @Test func theProfileURIIsTheOneTheProfileDocumentDeclares() throws {
        let profile = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Schemas/memoria-mets-profile.xml"), encoding: .utf8)
        #expect(profile.contains("<URI LOCTYPE=\"URN\">\(METSWriter.profile)</URI>") || profile.contains(">\(METSWriter.profile)</URI>"))
        #expect(try METSWriter.document(Self.goldenItem()).contains("PROFILE=\"\(METSWriter.profile)\""))
    }

    @Test(arguments: [("2024:02:29 10:11:12", "2024-02-29T10:11:12"), ("1999:12:31 23:59:59", "1999-12-31T23:59:59"),
                      ("2024-03-01T00:00:00", "2024-03-01T00:00:00")])
    func cameraDatesBecomeXSDDateTimes(raw: String, iso: String) {
        #expect(METSWriter.isoDateTime(raw) == iso)
    }

    /// Impossible dates from camera clocks are left out rather than making the METS invalid (MIX
    /// uses xsd:dateTime, which refuses them, and the item would be held back).
    @Test(arguments: ["2024:02:31 10:00:00", "2023:02:29 10:00:00", "1900:02:29 00:00:00", "2024:04:31 00:00:00",
                      "0000:00:00 00:00:00", "    :  :     :  :  ", "2024:13:01 00:00:00", "ayer"])
    func impossibleCameraDatesAreLeftOut(raw: String) {
        #expect(METSWriter.isoDateTime(raw) == nil)
    }
}
