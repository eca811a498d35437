import Foundation
import Metadata
import Testing
import TestSupport

/// What the sample ingest writes into the archive, checked as an outside validator would: every
/// METS against the official METS bundle (PREMIS, MIX and DC included) and our profile rules, every
/// dc.xml against the OAI-DC schema; two items against goldens; and every METS read back and
/// written again byte for byte, so the catalog can be rebuilt from it.
@Suite(.serialized) struct ArchivedMetadataTests {
    static let fixedTime = "2026-01-01T00:00:00Z"

    /// The latest mets.xml and dc.xml of every object in the archive.
    static func metadataFiles(in archive: URL) throws -> [(id: String, mets: URL, dc: URL)] {
        let objects = try FileManager.default.contentsOfDirectory(atPath: archive.path)
            .filter { !$0.hasPrefix("0=") && !$0.hasSuffix(".json") && !$0.hasPrefix(".") && !$0.hasSuffix(".cuadro") }.sorted()   // charts have no METS
        return try objects.map { id in
            let versions = try FileManager.default.contentsOfDirectory(atPath: archive.appendingPathComponent(id).path)
                .filter { $0.hasPrefix("v") }.sorted { Int($0.dropFirst()) ?? 0 < Int($1.dropFirst()) ?? 0 }
            let folder = archive.appendingPathComponent("\(id)/\(versions.last ?? "v1")/content/metadata")
            return (id, folder.appendingPathComponent("mets.xml"), folder.appendingPathComponent("dc.xml"))
        }
    }

    @Test func everyWrittenRecordValidatesMatchesItsGoldenAndReadsBack() throws {
        let deployment = try TestDeployment(label: "archived-metadata")
        let result = try deployment.memoria(["ingest", "--agent", "prueba"], environment: ["MEMORIA_FIXED_TIME": Self.fixedTime])
        #expect(result.status == 1, "the sample's bad files are quarantined: \(result.stderr)")
        let records = try Self.metadataFiles(in: deployment.archive)
        #expect(records.count == 15)

        let shared = try TestPaths.sharedOrSkip()
        let metsSchema = try shared.map { try XMLSchemaValidator(schemaAt: $0.appendingPathComponent("standards/xsd/bundle.xsd")) }
        let dcSchema = try shared.map { try XMLSchemaValidator(schemaAt: $0.appendingPathComponent("standards/xsd/oai_dc.xsd")) }
        for record in records {
            let mets = try String(contentsOf: record.mets, encoding: .utf8)
            let dc = try String(contentsOf: record.dc, encoding: .utf8)
            if let metsSchema { #expect(metsSchema.validate(mets, name: "\(record.id)/mets.xml") == [], "\(record.id)") }
            if let dcSchema { #expect(dcSchema.validate(dc, name: "\(record.id)/dc.xml") == [], "\(record.id)") }
            #expect(METSProfileChecker.check(mets, name: "\(record.id)/mets.xml") == [], "\(record.id)")

            // Read back: the reader recovers everything the writer put in.
            let item = try METSReader.read(bytes: Array(mets.utf8), name: "\(record.id)/mets.xml")
            #expect(item.objectID == record.id)
            #expect(!item.pages.isEmpty && item.pages.allSatisfy { $0.mix.width > 0 }, "\(record.id): pages with MIX")
            #expect(item.files.allSatisfy { $0.checksumType == "SHA-512" && $0.checksum.count == 128 }, "\(record.id)")
            #expect(try OAIDublinCore.read(bytes: Array(dc.utf8), name: "dc.xml") == item.dublinCore, "\(record.id): dc.xml and the METS agree")
            let again = METSWriter.document(item)
            if again != mets {
                let first = zip(again.split(separator: "\n"), mets.split(separator: "\n")).first { $0.0 != $0.1 }
                Issue.record("\(record.id): the METS read back and written again differs: \(first.map { "\($0.1) → \($0.0)" } ?? "in length")")
            }
        }

        // Goldens: an item with ALTO and hOCR sidecars on PNG pages, and one with accented file
        // names in natural order (1, 2, 10) and a transcription. Dates are pinned by MEMORIA_FIXED_TIME.
        for id in ["MBL-0002", "BSH-0002"] {
            let record = try #require(records.first { $0.id == id })
            for (url, name) in [(record.mets, "\(id)-mets.xml"), (record.dc, "\(id)-dc.xml")] {
                let text = try String(contentsOf: url, encoding: .utf8)
                if let mismatch = Golden.mismatch(text, golden: Golden.directory().appendingPathComponent(name)) {
                    Issue.record("\(mismatch)")
                }
            }
        }
    }
}
