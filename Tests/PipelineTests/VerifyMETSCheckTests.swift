import Foundation
@testable import Pipeline
import Preservation
import Testing
import TestSupport

/// verify checks each object's METS against its head inventory from the bytes its fixity audit read
/// (nothing read twice); a METS the audit found damaged is still read from the archive and reported.
@Suite(.serialized) struct VerifyMETSCheckTests {
    func archived(_ label: String) async throws -> (TestDeployment, StageContext) { try await ArchivedSampleBatch.make(label) }

    @Test func aMasterInTheInventoryThatTheMETSDoesNotListIsFound() async throws {
        let (deployment, context) = try await archived("verify-mets-extra")
        let clean = try await VerifyRunner(context: context).run()
        #expect(clean.problems.isEmpty, "\(clean.problems)")

        // A version written beside Memoria: the same METS, one more master. Every digest is right.
        let storage = try OCFLStorageRoot(root: deployment.archive)
        let head = try storage.inventory(of: "BSH-0001")
        var files = head.logicalState().mapValues { OCFLVersionRequest.Source.existing(digest: $0) }
        files["objects/añadido.tif"] = .bytes(Array("no es de Memoria".utf8))
        let writer = try OCFLVersionWriter(storage: storage, staging: deployment.root.appendingPathComponent("staging-prueba"), algorithm: .sha512)
        _ = try writer.write(.init(objectID: "BSH-0001", files: files, message: "a mano", userName: "prueba", created: Date()))

        let audit = try await VerifyRunner(context: context).run()
        #expect(audit.problems.map(\.kind) == [.metsMismatch], "\(audit.problems)")
        #expect(audit.problems.first?.objectID == "BSH-0001" && audit.problems.first?.path == "objects/añadido.tif")
        #expect(audit.problems.first?.message.contains("que su METS no lista") == true)
    }

    @Test func aDamagedMETSIsReportedAsDamagedAndStillCheckedAgainstTheInventory() async throws {
        let (deployment, context) = try await archived("verify-mets-damaged")
        let storage = try OCFLStorageRoot(root: deployment.archive)
        let head = try storage.inventory(of: "BSH-0002")
        let path = try #require(head.contentPath(forLogicalPath: "metadata/mets.xml"))
        let url = deployment.archive.appendingPathComponent("BSH-0002/\(path)")
        var bytes = [UInt8](try Data(contentsOf: url))
        let opening = try #require(bytes.firstIndex(of: UInt8(ascii: "<")))
        bytes[opening] = UInt8(ascii: "x")   // no longer XML
        try Data(bytes).write(to: url)

        let audit = try await VerifyRunner(context: context).run()
        let kinds = Set(audit.problems.filter { $0.objectID == "BSH-0002" }.map(\.kind))
        #expect(kinds == [.corrupted, .metsMismatch], "\(audit.problems)")
        #expect(audit.problems.allSatisfy { $0.objectID == "BSH-0002" }, "no other object is touched: \(audit.problems)")
    }
}
