import Catalog
import Foundation
@testable import Pipeline
import Preservation
import Support
import Testing
import TestSupport

/// An ingest's start costs what changed since the last one: the catalog keeps a stamp of each
/// object's root inventory file and reads again only inventories replaced since (by Memoria or
/// anyone else), and Tesseract is asked for its version and the official schemas are compiled only
/// when a batch is run.
@Suite(.serialized) struct StartCostTests {
    func context(_ deployment: TestDeployment, tesseract: String? = nil) throws -> StageContext {
        var config = try ConfigLoader.load(deployment.configURL)
        if let tesseract { config.text.tesseract = tesseract }
        return StageContext(config: config, operatorName: "prueba")
    }

    @Test func aStartReadsOnlyInventoriesReplacedSinceTheLastAndStillNoticesOneRewrittenOutsideMemoria() async throws {
        let deployment = try TestDeployment(label: "start-stamps")
        let context = try context(deployment)
        let first = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        let archived = first.batches.flatMap(\.items).filter { $0.outcome == .archived }.map(\.id).sorted()
        try #require(archived.count >= 2)
        let catalog = try CatalogDatabase(path: context.config.paths.catalog)

        // The ingest's own start came before its versions: the next start reads each inventory once.
        _ = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        let stamped = try catalog.headVersionsWithStamps().stamps
        #expect(Set(stamped.keys) == Set(archived), "every archived object stamped: \(stamped.keys.sorted())")
        #expect(stamped.values.allSatisfy { $0.headVersion == 1 })

        // A new version written outside Memoria's ingest (the catalog still says v1).
        let id = archived[0]
        let storage = try OCFLStorageRoot(root: context.config.url(\.archive))
        let state = try storage.inventory(of: id).logicalState()
        var files = state.mapValues { OCFLVersionRequest.Source.existing(digest: $0) }
        files["metadata/nota.txt"] = .bytes(Array("escrita a mano\n".utf8))
        let writer = try OCFLVersionWriter(storage: storage, staging: context.config.url(\.staging), algorithm: .sha512)
        let result = try writer.write(.init(objectID: id, files: files, message: "fuera de Memoria", userName: "otra persona", created: Date()))
        #expect(result.version == "v2")

        let after = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        #expect(after.recovered.contains { $0.contains("se registró en el catálogo \(id)") }, "\(after.recovered)")
        #expect(try catalog.headVersions()[id] == 2)
        #expect(try catalog.headVersionsWithStamps().stamps[id]?.headVersion == 2)

        // Nothing replaced since: nothing registered again.
        let quiet = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        #expect(quiet.recovered.isEmpty, "\(quiet.recovered)")
    }

    @Test func aStampDoesNotHideAnObjectTheCatalogHoldsAnOlderHeadOf() async throws {
        let deployment = try TestDeployment(label: "start-stale-stamp")
        let context = try context(deployment)
        let first = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        let id = try #require(first.batches.flatMap(\.items).first { $0.outcome == .archived }?.id)
        _ = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        let catalog = try CatalogDatabase(path: context.config.paths.catalog)
        #expect(try catalog.headVersionsWithStamps().stamps[id] != nil)
        // The catalog falls behind the archive (as after restoring an older catalog): the stamp still
        // matches the file but not the head the catalog holds, so the object is read and registered again.
        try catalog.write { db in try db.execute(sql: "UPDATE items SET head_version = 0 WHERE id = ?", arguments: [id]) }
        let again = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        #expect(again.recovered.contains { $0.contains("se registró en el catálogo \(id)") }, "\(again.recovered)")
    }

    /// An archive left half-written by a Memoria that kept no journal (an older one): it emptied
    /// staging at its start, marker included, and was killed between renaming v2 into the object and
    /// replacing the root inventory. The next start sweeps every object once, completes v2, registers
    /// it in the catalog and writes the marker again.
    @Test func aVersionHalfWrittenWithoutAJournalIsCompletedOnTheNextStart() async throws {
        let deployment = try TestDeployment(label: "start-no-journal")
        let context = try context(deployment)
        let first = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        let id = try #require(first.batches.flatMap(\.items).first { $0.outcome == .archived }?.id)
        let staging = context.config.url(\.staging)
        let marker = staging.appendingPathComponent(JournalKeptMarker.name)
        #expect(FileManager.default.fileExists(atPath: marker.path), "the first start swept the (empty) archive and left the marker")

        let storage = try OCFLStorageRoot(root: context.config.url(\.archive))
        let root = try storage.objectRoot(id)
        let sidecarName = try #require(try FileManager.default.contentsOfDirectory(atPath: root.path).first { $0.hasPrefix("inventory.json.") })
        let v1Inventory = try Data(contentsOf: root.appendingPathComponent("inventory.json"))
        let v1Sidecar = try Data(contentsOf: root.appendingPathComponent(sidecarName))
        try FileManager.default.removeItem(at: marker)
        var files = try storage.inventory(of: id).logicalState().mapValues { OCFLVersionRequest.Source.existing(digest: $0) }
        files["metadata/nota.txt"] = .bytes(Array("escrita por una versión anterior\n".utf8))
        let writer = try OCFLVersionWriter(storage: storage, staging: staging, algorithm: .sha512)
        #expect(try writer.write(.init(objectID: id, files: files, message: "anterior", userName: "otra", created: Date())).version == "v2")
        try v1Inventory.write(to: root.appendingPathComponent("inventory.json"))
        try v1Sidecar.write(to: root.appendingPathComponent(sidecarName))
        #expect(try storage.inventory(of: id).head == "v1")
        let left = try FileManager.default.contentsOfDirectory(atPath: staging.path).filter { $0 != "ingest.lock" }
        #expect(left.isEmpty, "no journal, no marker: \(left)")

        let after = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        #expect(after.recovered.contains { $0.contains("se completó la versión \(id)/v2") }, "\(after.recovered)")
        #expect(after.recovered.contains { $0.contains("se registró en el catálogo \(id)") }, "\(after.recovered)")
        #expect(try storage.inventory(of: id).head == "v2")
        let catalog = try CatalogDatabase(path: context.config.paths.catalog)
        #expect(try catalog.headVersions()[id] == 2)
        #expect(FileManager.default.fileExists(atPath: marker.path), "written again after the sweep")

        // With the marker back, the next start looks only at journaled objects: nothing to say.
        let quiet = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run()
        #expect(quiet.recovered.isEmpty, "\(quiet.recovered)")
    }

    @Test func anIngestWithNothingToDoDoesNotAskTesseract() async throws {
        let deployment = try TestDeployment(label: "start-no-ocr-probe", inboxFixture: nil, ocr: "auto")
        let context = try context(deployment, tesseract: "tesseract-que-no-existe")
        let summary = try await IngestRunner(context: context, schemasFolder: "").run()
        #expect(summary.ocr == IngestSession.ocrNotProbed)
        #expect(summary.batches.isEmpty)
    }

    @Test func aBatchStillFindsTesseractMissing() async throws {
        let deployment = try TestDeployment(label: "start-ocr-probe", ocr: "auto")
        let context = try context(deployment, tesseract: "tesseract-que-no-existe")
        let summary = try await IngestRunner(context: context, schemasFolder: "").run()
        #expect(!summary.batches.isEmpty)
        // Probed (the no-op text is not said); the probe takes env's complaint for a version answer,
        // so it reports the languages missing rather than the program (a quirk of the probe, left as is).
        #expect(summary.ocr != IngestSession.ocrNotProbed && summary.ocr.hasPrefix("desactivado:"), "\(summary.ocr)")
    }

    /// A schema folder whose two entry schemas exist but do not compile.
    func brokenSchemas(in deployment: TestDeployment) throws -> String {
        let folder = deployment.root.appendingPathComponent("esquemas-rotos")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["bundle.xsd", "oai_dc.xsd"] { try "esto no es un esquema".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder.path
    }

    @Test func anIngestWithNothingToDoDoesNotCompileTheSchemasButABatchDoes() async throws {
        let idle = try TestDeployment(label: "start-no-xsd", inboxFixture: nil)
        let idleSummary = try await IngestRunner(context: try context(idle), schemasFolder: try brokenSchemas(in: idle), ocrEngine: nil).run()
        #expect(idleSummary.batches.isEmpty, "schemas that do not compile were never compiled")

        let busy = try TestDeployment(label: "start-xsd")
        do {
            let summary = try await IngestRunner(context: try context(busy), schemasFolder: try brokenSchemas(in: busy), ocrEngine: nil).run()
            Issue.record("a batch ran without compiling the schemas: \(summary.batches.map(\.batch))")
        } catch let error as PipelineError {
            #expect(error.whatHappened.contains("no se pudieron compilar"), "\(error)")
        }
        let storage = try OCFLStorageRoot(root: try context(busy).config.url(\.archive))
        #expect(storage.objectIdentifiers().isEmpty, "nothing archived before the schemas compiled")
    }

    @Test func aSchemaFolderMissingAnEntrySchemaStillStopsAnIngestWithNothingToDo() async throws {
        let deployment = try TestDeployment(label: "start-xsd-missing", inboxFixture: nil)
        let folder = try brokenSchemas(in: deployment)
        try FileManager.default.removeItem(atPath: folder + "/oai_dc.xsd")
        do {
            _ = try await IngestRunner(context: try context(deployment), schemasFolder: folder, ocrEngine: nil).run()
            Issue.record("an ingest started with oai_dc.xsd missing from the schema folder")
        } catch let error as PipelineError {
            #expect(error.whatHappened.contains("no tiene oai_dc.xsd"), "\(error)")
        }
    }

    @Test func schemasNotYetCompiledNeverPassAFileAsValidated() throws {
        let deployment = try TestDeployment(label: "start-xsd-unused", inboxFixture: nil)
        let validation = try XMLValidation.uncompiled(folder: try brokenSchemas(in: deployment), display: DisplayPath(roots: [deployment.root.path]))
        #expect(validation.awaitingCompilation)
        #expect(validation.checkMETS("<mets/>").contains { $0.message.contains("no se compilaron") })
        #expect(validation.checkDC("<dc/>").contains { $0.message.contains("no se compilaron") })
        let none = try XMLValidation.uncompiled(folder: "", display: DisplayPath(roots: [deployment.root.path]))
        #expect(!none.awaitingCompilation, "no schema folder: profile rules only, nothing to compile")
    }
}
