import Foundation
@testable import Metadata
import Testing
import TestSupport

/// METS from other systems (Archivematica, OCR-D, DFG/SBB, DSpace, the Finnish DPRES, an OAI-PMH
/// response): the reader takes what they carry without error. Memoria's own METS is read back
/// exactly by the archive round-trip test in PipelineTests.
@Suite struct METSReaderTests {
    static func documents(_ shared: URL) throws -> [URL] {
        let examples = shared.appendingPathComponent("standards/examples")
        let corpus = shared.appendingPathComponent("corpus/metadata/mets")
        let fm = FileManager.default
        let fromExamples = try fm.contentsOfDirectory(atPath: examples.path)
            .filter { $0.hasSuffix(".xml") && $0.contains("mets") }.map { examples.appendingPathComponent($0) }
        let fromCorpus = try fm.contentsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".xml") }.map { corpus.appendingPathComponent($0) }
        return (fromExamples + fromCorpus).sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func everyRealMETSIsReadWithoutError() throws {
        guard let shared = try TestPaths.sharedOrSkip() else { return }
        let urls = try Self.documents(shared)
        #expect(urls.count >= 16)
        var items: [String: METSItem] = [:]
        for url in urls {
            do {
                items[url.lastPathComponent] = try METSReader.read(bytes: [UInt8](Data(contentsOf: url)), name: url.lastPathComponent)
            } catch let error as MetadataXMLError where url.lastPathComponent == "archivematica_identifiers-MODS-METS.xml" {
                // Despite its name this corpus file is a MODS record: refused, saying what it is.
                #expect("\(error)".contains("<mods>"), "\(error)")
            } catch {
                Issue.record("\(url.lastPathComponent): \(error)")
            }
        }
        // What the reader must have found in documents whose content is known.
        let kant = try #require(items["mets-ocrd-kant_aufklaerung_1784.xml"])
        #expect(kant.pages.count == 2 && kant.files.count >= 6, "OCR-D: \(kant.pages.count) pages, \(kant.files.count) files")
        let pembroke = try #require(items["sbb_pembroke_werke_1766.mets.xml"])
        #expect(pembroke.pages.count >= 190, "SBB: \(pembroke.pages.count) pages")
        let aip = try #require(items["mets-archivematica-aip.xml"])
        #expect(!aip.events.isEmpty && !aip.dublinCore["title"].isEmpty, "Archivematica: \(aip.events.count) events, DC \(aip.dublinCore)")
        #expect(aip.files.contains { !$0.checksum.isEmpty }, "Archivematica files carry checksums")
        let mix = try #require(items["dpres_mets_valid_mix.xml"])
        #expect(mix.pages.first?.mix.width == 4000, "DPRES: MIX linked from the file")
        let halle = try #require(items["oai-pmh-getrecord-mets-ulb-halle-2200909.xml"])
        #expect(!halle.files.isEmpty || !halle.pages.isEmpty, "the METS inside an OAI-PMH response is found")
    }

    @Test func brokenXMLIsATypedErrorWithALine() throws {
        #expect(throws: MetadataXMLError.self) { try METSReader.read(bytes: Array("<mets:mets xmlns:mets=\"http://www.loc.gov/METS/\"><unclosed>".utf8), name: "roto.xml") }
        #expect(throws: MetadataXMLError.self) { try METSReader.read(bytes: Array("<html/>".utf8), name: "no-mets.xml") }
        #expect(throws: MetadataXMLError.self) { try METSReader.read(bytes: [], name: "vacio.xml") }
    }
}
