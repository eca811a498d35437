import Catalog
import Foundation
@testable import Pipeline
import Preservation
import Testing
import TestSupport

/// A sampled verify compares the catalog with the listing its sample was drawn from (taken before the
/// audit): an object archived after that listing is not called missing, one really gone still is.
@Suite(.serialized) struct ArchiveCensusListingTests {
    func archived(_ label: String) async throws -> (TestDeployment, StageContext) { try await ArchivedSampleBatch.make(label) }

    @Test func anObjectArchivedAfterTheListingIsNotMissingButOneGoneIs() async throws {
        let (deployment, context) = try await archived("census-listing")
        let storage = try OCFLStorageRoot(root: deployment.archive)
        let catalog = try CatalogDatabase(path: context.config.paths.catalog)
        let census = ArchiveCensus(storage: storage, catalog: catalog, reader: ArchiveReader(storage: storage, ocrWordConfidenceFloor: 0))
        let all = storage.objectIdentifiers()
        try #require(all.contains("BSH-0001") && all.count >= 2)

        // A listing taken before BSH-0001 was archived (as when an ingest commits during the audit).
        let early = census.objectsProblems(onDiskOrThrow: all.filter { $0 != "BSH-0001" })
        #expect(early.missing.isEmpty, "\(early.missing)")
        #expect(early.problems.isEmpty, "\(early.problems.map(\.message))")

        // Gone from disk since: missing, whatever the listing said.
        try FileManager.default.moveItem(at: deployment.archive.appendingPathComponent("BSH-0001"),
                                         to: deployment.root.appendingPathComponent("BSH-0001-fuera"))
        let gone = census.objectsProblems(onDiskOrThrow: all.filter { $0 != "BSH-0001" })
        #expect(gone.missing == ["BSH-0001"])
        #expect(gone.problems.map(\.kind) == [.missingObject])
    }

    @Test func aSampledVerifyStillReportsAnObjectGoneFromTheArchive() async throws {
        let (deployment, context) = try await archived("census-sample")
        let storage = try OCFLStorageRoot(root: deployment.archive)
        let gone = try #require(storage.objectIdentifiers().last { !ChartObject.isChart($0) })
        try FileManager.default.removeItem(at: deployment.archive.appendingPathComponent(gone))
        let audit = try await VerifyRunner(context: context).run(samplePercent: 1)
        #expect(audit.problems.contains { $0.kind == .missingObject && $0.objectID == gone }, "\(audit.problems.map(\.message))")
    }

    /// A sample is drawn from the archive's folder names (no stat per object); each object drawn is
    /// still proved an object by its declaration, and a folder that is no object is neither audited
    /// nor reported, as when the sample was drawn from the declarations.
    @Test func aSampleDrawnFromFolderNamesStillProvesEachObjectsDeclaration() async throws {
        let (deployment, context) = try await archived("census-declaration")
        let storage = try OCFLStorageRoot(root: deployment.archive)
        let objects = storage.objectIdentifiers()
        let broken = try #require(objects.first { !ChartObject.isChart($0) })
        try FileManager.default.removeItem(at: deployment.archive.appendingPathComponent(broken).appendingPathComponent("0=ocfl_object_1.1"))
        try FileManager.default.createDirectory(at: deployment.archive.appendingPathComponent("carpeta-suelta"), withIntermediateDirectories: false)
        #expect(storage.objectFolderNames() == (objects + ["carpeta-suelta"]).sorted())
        #expect(!storage.objectIdentifiers().contains(broken))

        let audit = try await VerifyRunner(context: context).run(samplePercent: 100)
        #expect(audit.problems.contains { $0.objectID == broken && $0.kind == .missing && $0.path == "0=ocfl_object_1.1" },
                "\(audit.problems.map(\.message))")
        #expect(!audit.problems.contains { $0.objectID == "carpeta-suelta" }, "\(audit.problems.map(\.message))")
        #expect(audit.objectsChecked == objects.count, "every object audited, the stray folder not")
    }
}

extension ArchiveCensus {
    /// The census, failing the test (not throwing) when the catalog cannot be read.
    func objectsProblems(onDiskOrThrow onDisk: [String]) -> (problems: [FixityAuditor.Problem], missing: [String]) {
        do { return try objectsProblems(onDisk: onDisk) } catch {
            Issue.record("census: \(error)")
            return ([], [])
        }
    }
}
