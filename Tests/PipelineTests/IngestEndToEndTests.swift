import Foundation
import Testing
import TestSupport

/// The sample inbox through the real binary, as a curator runs it.
@Suite(.serialized) struct IngestEndToEndTests {
    struct Report: Decodable {
        struct Item: Decodable { var id: String; var outcome: String; var version: String?; var reason: String? }
        struct Quarantined: Decodable { var code: String; var quarantinePath: String; var reason: String }
        var batch: String
        var items: [Item]
        var quarantined: [Quarantined]
    }
    struct Summary: Decodable { var batches: [Report] }

    func ingest(_ deployment: TestDeployment, _ extra: [String] = []) throws -> (ProcessResult, Summary) {
        let result = try deployment.memoria(["ingest", "--json", "--agent", "prueba"] + extra)
        let summary = try JSONDecoder().decode(Summary.self, from: Data(result.stdout.utf8))
        return (result, summary)
    }

    func outcomes(_ summary: Summary) -> [String: String] {
        Dictionary(uniqueKeysWithValues: summary.batches.flatMap(\.items).map { ($0.id, $0.outcome) })
    }

    @Test func theSampleInboxIngestsQuarantinesTheBadFilesAndRerunningIsANoOp() throws {
        let deployment = try TestDeployment(label: "e2e-sample")
        let (first, summary) = try ingest(deployment)
        #expect(first.status == 1, "bad files were quarantined, so the exit code is 1: \(first.stderr)")
        let got = outcomes(summary)
        for id in ["BSH-0001", "BSH-0002", "BSH-0003", "BSH-0004", "BSH-0005", "MMI-0001", "MMI-0002", "MMI-0004",
                   "GVI-0001", "GVI-0002", "GVI-0003", "MBL-0001", "MBL-0002", "JHD-0001", "JHD-0002"] {
            #expect(got[id] == "archived", "\(id): \(got[id] ?? "missing")")
        }
        #expect(got["MMI-0003"] == "quarantined")   // truncated TIFF
        #expect(got["MMI-0005"] == "quarantined")   // empty file
        let quarantined = summary.batches.flatMap(\.quarantined)
        #expect(Set(quarantined.map(\.code)) == ["corrupt", "empty"])
        for q in quarantined {
            #expect(FileManager.default.fileExists(atPath: deployment.resolve(q.quarantinePath)))
            let reason = try String(contentsOfFile: deployment.resolve(q.quarantinePath) + ".reason.txt", encoding: .utf8)
            #expect(reason.contains("Qué pasó y qué hacer"))
        }
        // The JPEG named .tif is archived by its content, with a note.
        let jpegAsTIFF = summary.batches.flatMap(\.items).first { $0.id == "MMI-0004" }
        #expect(jpegAsTIFF?.outcome == "archived")
        // The inbox is emptied of everything that was archived or quarantined.
        #expect(deployment.files(under: deployment.inbox).isEmpty, "left in the inbox: \(deployment.files(under: deployment.inbox))")

        // Same inbox again: nothing written.
        try FileManager.default.removeItem(at: deployment.inbox)
        try FileManager.default.copyItem(at: TestPaths.sampleInbox, to: deployment.inbox)
        let inventoryBefore = try Data(contentsOf: deployment.archive.appendingPathComponent("BSH-0001/inventory.json"))
        let (_, again) = try ingest(deployment)
        let second = outcomes(again)
        #expect(second.filter { $0.value == "unchanged" }.count == 15)
        #expect(try Data(contentsOf: deployment.archive.appendingPathComponent("BSH-0001/inventory.json")) == inventoryBefore)
        #expect(!FileManager.default.fileExists(atPath: deployment.archive.appendingPathComponent("BSH-0001/v2").path))
    }

    @Test func editingOneRowMakesVersionTwoOfThatItemOnly() throws {
        let deployment = try TestDeployment(label: "e2e-v2")
        _ = try ingest(deployment, ["--batch", "banda-sinfonica/2024-03-partituras"])
        let batch = deployment.inbox.appendingPathComponent("banda-sinfonica/2024-03-partituras")
        try FileManager.default.copyItem(at: TestPaths.sampleInbox.appendingPathComponent("banda-sinfonica/2024-03-partituras"), to: batch)
        let csv = batch.appendingPathComponent("metadata.csv")
        var text = try String(contentsOf: csv, encoding: .utf8)
        text = text.replacingOccurrences(of: "Canción de mayo,", with: "Canción de mayo (corregida),")
        try text.write(to: csv, atomically: true, encoding: .utf8)
        let (_, summary) = try ingest(deployment, ["--batch", "banda-sinfonica/2024-03-partituras"])
        #expect(outcomes(summary) == ["BSH-0001": "unchanged", "BSH-0002": "new-version", "BSH-0003": "unchanged"])
        let v2 = deployment.files(under: deployment.archive.appendingPathComponent("BSH-0002/v2"))
        #expect(v2 == ["content/metadata/dc.xml", "content/metadata/mets.xml", "inventory.json", "inventory.json.sha512"],
                "a metadata-only change copies no master: \(v2)")
        let mets = try String(contentsOf: deployment.archive.appendingPathComponent("BSH-0002/v2/content/metadata/mets.xml"), encoding: .utf8)
        #expect(mets.contains("metadata modification"))
        #expect(mets.contains("ingestion"))   // v1's events are kept
        #expect(mets.contains("(corregida)"))
    }

    @Test func verifyFindsAFlippedByteAndNamesTheFile() throws {
        let deployment = try TestDeployment(label: "e2e-verify")
        _ = try ingest(deployment, ["--batch", "maguey-blanco"])
        #expect(try deployment.memoria(["verify", "--quiet"]).status == 0)
        let master = deployment.archive.appendingPathComponent("MBL-0001/v1/content/objects/MBL-0001.jpg")
        var bytes = try Data(contentsOf: master)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: master)
        let result = try deployment.memoria(["verify", "--json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("MBL-0001/v1/content/objects/MBL-0001.jpg"))
        #expect(result.stdout.contains("corrupted"))
        let onlyOther = try deployment.memoria(["verify", "--item", "MBL-0002", "--quiet"])
        #expect(onlyOther.status == 0)
        // Missing and extra files are named too.
        try FileManager.default.removeItem(at: master)
        try Data("stray".utf8).write(to: deployment.archive.appendingPathComponent("MBL-0002/v1/content/objects/extra.txt"))
        try FileManager.default.createSymbolicLink(atPath: deployment.archive.appendingPathComponent("MBL-0002/v1/content/objects/enlace.jpg").path,
                                                   withDestinationPath: "/etc/hostname")
        let broken = try deployment.memoria(["verify", "--json"])
        #expect(broken.stdout.contains("\"missing\""))
        #expect(broken.stdout.contains("MBL-0002/v1/content/objects/extra.txt"))
        #expect(broken.stdout.contains("MBL-0002/v1/content/objects/enlace.jpg"), "a planted link is an unlisted file too")
    }

    @Test func reindexAfterDeletingTheCatalogRestoresTheSameSearchResults() throws {
        let deployment = try TestDeployment(label: "e2e-reindex")
        _ = try ingest(deployment)
        let queries = ["cancion", "\"banda sinfonica\"", "michelena", "pulque", "año", "exposicion grabados"]
        let before = try queries.map { try deployment.memoria(["search", $0, "--json"]).stdout }
        let status = try deployment.memoria(["status", "--json"]).stdout
        try FileManager.default.removeItem(at: deployment.root.appendingPathComponent("catalog.sqlite"))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(at: deployment.root.appendingPathComponent("catalog.sqlite" + suffix)) }
        #expect(try deployment.memoria(["reindex", "--quiet"]).status == 0)
        let after = try queries.map { try deployment.memoria(["search", $0, "--json"]).stdout }
        #expect(before == after)
        let statusAfter = try deployment.memoria(["status", "--json"]).stdout
        for key in ["\"catalogItems\"", "\"pages\"", "\"files\""] {
            let line = { (s: String) in s.split(separator: "\n").first { $0.contains(key) } }
            #expect(line(status) == line(statusAfter), "\(key) differs after reindex")
        }
    }

    @Test func theArchivePassesTheIndependentOCFLValidatorOnTheRootAndEveryObject() throws {
        guard let validator = PythonTools.pathOrSkip("ocfl-validate.py") else { return }
        let deployment = try TestDeployment(label: "e2e-ocfl")
        _ = try ingest(deployment)
        let objects = try FileManager.default.contentsOfDirectory(atPath: deployment.archive.path)
            .filter { FileManager.default.fileExists(atPath: deployment.archive.appendingPathComponent("\($0)/0=ocfl_object_1.1").path) }
        #expect(objects.count == 17)   // 15 items and the classification charts of two fonds
        #expect(objects.filter { $0.hasSuffix(".cuadro") }.sorted() == ["BSH.cuadro", "MMI.cuadro"])
        let root = try ProcessRunner.run(validator, [deployment.archive.path])
        #expect(root.status == 0, "\(root.stdout)\(root.stderr)")
        for object in objects.sorted() {
            let result = try ProcessRunner.run(validator, [deployment.archive.appendingPathComponent(object).path])
            #expect(result.status == 0, "\(object): \(result.stdout)\(result.stderr)")
            #expect(!result.stdout.contains("[E"), "\(object): \(result.stdout)")
        }
    }

    @Test func anExportedBagPassesTheLibraryOfCongressValidator() throws {
        guard let bagit = PythonTools.pathOrSkip("bagit.py") else { return }
        let deployment = try TestDeployment(label: "e2e-bag")
        _ = try ingest(deployment, ["--batch", "banda-sinfonica/2024-03-partituras"])
        let bag = deployment.root.appendingPathComponent("bolsa")
        let export = try deployment.memoria(["export", "BSH-0002", "--bagit", bag.path])
        #expect(export.status == 0, "\(export.stderr)")
        let result = try ProcessRunner.run(bagit, ["--validate", bag.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let info = try String(contentsOf: bag.appendingPathComponent("bag-info.txt"), encoding: .utf8)
        #expect(info.contains("Source-Organization: Secretaría de Cultura del Estado de Hidalgo"))
        #expect(info.contains("External-Identifier: BSH-0002"))
        #expect(FileManager.default.fileExists(atPath: bag.appendingPathComponent("data/objects/Canción de mayo 1.tif").path))
        // A second export into the same folder is refused.
        #expect(try deployment.memoria(["export", "BSH-0002", "--bagit", bag.path]).status == 64)
    }
}
