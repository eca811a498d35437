import Foundation
@testable import Preservation
import Testing
import TestSupport

@Suite struct FixityTests {
    @Test func digestsMatchTheFIPS180Vectors() {
        #expect(Digester.digest(Array("abc".utf8), algorithm: .sha256) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digester.digest(Array("abc".utf8), algorithm: .sha512).hasPrefix("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"))
        #expect(Digester.digest([], algorithm: .md5) == "d41d8cd98f00b204e9800998ecf8427e")
    }

    @Test func aFileIsDigestedInChunksAndCopiedWithTheSameDigest() throws {
        let folder = TemporaryDirectory("fixity")
        var bytes = [UInt8](repeating: 0, count: Digester.chunkSize * 3 + 17)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        let source = folder.path("a.bin")
        try Data(bytes).write(to: source)
        let whole = Digester.digest(bytes, algorithm: .sha512)
        #expect(try Digester.digest(fileAt: source, algorithm: .sha512) == whole)
        let copy = try Digester.copy(source, to: folder.path("b.bin"), algorithm: .sha512)
        #expect(copy.digest == whole && copy.bytes == Int64(bytes.count))
        #expect(try Data(contentsOf: folder.path("b.bin")) == Data(bytes))
    }
}

@Suite struct OCFLTests {
    func make() throws -> (TemporaryDirectory, OCFLStorageRoot, OCFLVersionWriter) {
        let folder = TemporaryDirectory("ocfl")
        let storage = try OCFLStorageRoot(root: folder.path("archive"))
        let writer = try OCFLVersionWriter(storage: storage, staging: folder.path("staging"), algorithm: .sha512)
        return (folder, storage, writer)
    }

    func file(_ folder: TemporaryDirectory, _ name: String, _ text: String) throws -> OCFLVersionRequest.Source {
        let url = folder.path(name)
        try Data(text.utf8).write(to: url)
        return .file(url, digest: Digester.digest(Array(text.utf8), algorithm: .sha512))
    }

    @Test func versionsAreCreatedDeduplicatedAndUnchangedStatesWriteNothing() throws {
        let (folder, storage, writer) = try make()
        let page = try file(folder, "p1.tif", "página uno")
        let first = try writer.write(.init(objectID: "BSH-0001", files: ["objects/p1.tif": page, "metadata/dc.xml": .bytes(Array("<dc/>".utf8))],
                                           message: "v1", userName: "prueba", created: Date()))
        #expect(first.outcome == .created && first.version == "v1")
        let again = try writer.write(.init(objectID: "BSH-0001", files: ["objects/p1.tif": page, "metadata/dc.xml": .bytes(Array("<dc/>".utf8))],
                                           message: "v2?", userName: "prueba", created: Date()))
        #expect(again.outcome == .unchanged)
        let page2 = try file(folder, "p2.tif", "página dos")
        let second = try writer.write(.init(objectID: "BSH-0001", files: [
            "objects/p1.tif": .existing(digest: Digester.digest(Array("página uno".utf8), algorithm: .sha512)),
            "objects/p2.tif": page2, "metadata/dc.xml": .bytes(Array("<dc/>".utf8)),
        ], message: "v2", userName: "prueba", created: Date()))
        #expect(second.outcome == .newVersion && second.version == "v2")
        let v2 = TestDeployment.listFiles(storage.root.appendingPathComponent("BSH-0001/v2"))
        #expect(v2 == ["content/objects/p2.tif", "inventory.json", "inventory.json.sha512"], "unchanged content is not copied again")
        #expect(try storage.inventory(of: "BSH-0001").logicalState().count == 3)
        #expect(FileManager.default.fileExists(atPath: storage.root.appendingPathComponent("0=ocfl_1.1").path))
        #expect(try String(contentsOf: storage.root.appendingPathComponent("ocfl_layout.json"), encoding: .utf8).contains("0002-flat-direct-storage-layout"))
    }

    @Test func aSourceThatChangedAfterItsDigestIsRefused() throws {
        let (folder, _, writer) = try make()
        let source = try file(folder, "p.tif", "original")
        try Data("cambiado".utf8).write(to: folder.path("p.tif"))
        do {
            _ = try writer.write(.init(objectID: "X-1", files: ["objects/p.tif": source], message: "", userName: "t", created: Date()))
            Issue.record("a source that changed after its digest was archived")
        } catch OCFLError.sourceChanged(let id, let path) {
            #expect(id == "X-1" && path == folder.path("p.tif").path, "told apart from a damaged copy: the item waits in the inbox")
        }
        #expect(!writer.storage.objectExists("X-1"), "nothing of it reaches the archive")
    }

    /// A crash between renaming v2 into place and replacing the root inventory leaves the writer's
    /// journal in staging: recovery repairs the objects journals name (or every object when asked, or
    /// when staging has no marker that journals were kept since the last full sweep), and looks at no
    /// other object root.
    @Test(arguments: [
        (journal: true, marker: true, scope: OCFLRecovery.Scope.journaledObjects, promoted: true),
        (journal: false, marker: true, scope: .everyObject, promoted: true),
        (journal: false, marker: true, scope: .journaledObjects, promoted: false),
        (journal: false, marker: false, scope: .asNeeded, promoted: true),
        (journal: false, marker: true, scope: .asNeeded, promoted: false),
        (journal: true, marker: true, scope: .asNeeded, promoted: true),
    ])
    func recoveryPromotesAVersionRenamedBeforeItsRootInventory(_ situation: (journal: Bool, marker: Bool, scope: OCFLRecovery.Scope, promoted: Bool)) throws {
        let (folder, storage, writer) = try make()
        let marker = folder.path("staging/\(JournalKeptMarker.name)")
        _ = try writer.write(.init(objectID: "A-1", files: ["objects/a": try file(folder, "a", "a")], message: "", userName: "t", created: Date()))
        let v1Inventory = try Data(contentsOf: storage.root.appendingPathComponent("A-1/inventory.json"))
        let v1Sidecar = try Data(contentsOf: storage.root.appendingPathComponent("A-1/inventory.json.sha512"))
        _ = try writer.write(.init(objectID: "A-1", files: ["objects/a": try file(folder, "a2", "b")], message: "", userName: "t", created: Date()))
        #expect(!FileManager.default.fileExists(atPath: folder.path("staging/A-1.promoting").path), "a finished version leaves no journal")
        try v1Inventory.write(to: storage.root.appendingPathComponent("A-1/inventory.json"))
        try v1Sidecar.write(to: storage.root.appendingPathComponent("A-1/inventory.json.sha512"))
        if situation.journal { try Data("A-1\n".utf8).write(to: folder.path("staging/A-1.promoting")) }
        if situation.marker { try JournalKeptMarker.write(in: folder.path("staging")) }
        #expect(try storage.inventory(of: "A-1").head == "v1")
        try FileManager.default.createDirectory(at: folder.path("staging/stale"), withIntermediateDirectories: true)
        let report = try OCFLRecovery(storage: storage, staging: folder.path("staging")).recover(situation.scope)
        #expect(report.removedStaging == ["stale"], "the marker is not stale staging")
        #expect(!FileManager.default.fileExists(atPath: folder.path("staging/A-1.promoting").path))
        if situation.promoted {
            #expect(report.promotedVersions == ["A-1/v2"])
            #expect(try storage.inventory(of: "A-1").head == "v2")
        } else {
            #expect(report.promotedVersions.isEmpty, "an object no journal names is not read")
            #expect(try storage.inventory(of: "A-1").head == "v1")
        }
        let swept = situation.scope == .everyObject || (situation.scope == .asNeeded && !situation.marker)
        #expect(report.sweptEveryObject == swept)
        #expect(FileManager.default.fileExists(atPath: marker.path) == (situation.marker || swept), "written after a full sweep, kept otherwise")
    }

    /// The audit does not check again a version inventory that is the root's byte for byte; a version
    /// inventory or sidecar that differs in one byte (the root's untouched) is still found.
    @Test(arguments: ["v1/inventory.json", "v1/inventory.json.sha512"])
    func aTamperedVersionInventoryIsFoundWhenTheRootIsIntact(_ tampered: String) throws {
        let (folder, storage, writer) = try make()
        _ = try writer.write(.init(objectID: "A-3", files: ["objects/a": try file(folder, "a", "a")], message: "", userName: "t", created: Date()))
        #expect(FixityAuditor(storage: storage).audit("A-3").problems.isEmpty)
        let url = storage.root.appendingPathComponent("A-3/\(tampered)")
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: url)
        let problems = FixityAuditor(storage: storage).audit("A-3").problems
        #expect(problems.map(\.kind) == [.inventory])
        #expect(problems.first?.path == "v1/inventory.json")
    }

    @Test func aTamperedInventoryIsDetected() throws {
        let (folder, storage, writer) = try make()
        _ = try writer.write(.init(objectID: "A-2", files: ["objects/a": try file(folder, "a", "a")], message: "", userName: "t", created: Date()))
        let url = storage.root.appendingPathComponent("A-2/inventory.json")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"user\"", with: "\"user\" ")
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: OCFLError.inventoryDigestMismatch(path: url.path)) { try storage.inventory(of: "A-2") }
        let audit = FixityAuditor(storage: storage).audit("A-2")
        #expect(audit.problems.first?.kind == .inventory)
    }

    /// Every kind of damage the audit reads from the disk, each reported once where it is: a file gone, a
    /// file changed, files nobody listed (in a nested folder, and a link to a folder, which is not
    /// followed), the object's declaration gone. An empty folder planted in the content is no file.
    @Test func theAuditFindsEachDamageOnDiskOnce() throws {
        let (folder, storage, writer) = try make()
        _ = try writer.write(.init(objectID: "A-4", files: ["objects/a": try file(folder, "a", "uno"), "objects/b": try file(folder, "b", "dos")],
                                   message: "", userName: "t", created: Date()))
        _ = try writer.write(.init(objectID: "A-4", files: ["objects/a": try file(folder, "a", "uno"), "objects/b": try file(folder, "b", "dos"),
                                                            "objects/c": try file(folder, "c", "tres")],
                                   message: "", userName: "t", created: Date()))
        #expect(FixityAuditor(storage: storage).audit("A-4").problems.isEmpty)
        let object = storage.root.appendingPathComponent("A-4")
        try FileManager.default.removeItem(at: object.appendingPathComponent("v1/content/objects/a"))
        try Data("DOS".utf8).write(to: object.appendingPathComponent("v1/content/objects/b"))
        try FileManager.default.createDirectory(at: object.appendingPathComponent("v2/content/objects/sub/vacia"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: object.appendingPathComponent("v2/content/objects/sub/suelto.txt"))
        try FileManager.default.createSymbolicLink(atPath: object.appendingPathComponent("v2/content/objects/enlace").path, withDestinationPath: "../../..")
        try FileManager.default.removeItem(at: object.appendingPathComponent("0=ocfl_object_1.1"))

        let problems = FixityAuditor(storage: storage).audit("A-4").problems
        let found = problems.map { "\($0.kind.rawValue) \($0.path)" }.sorted()
        #expect(found == ["corrupted v1/content/objects/b", "extra v2/content/objects/enlace", "extra v2/content/objects/sub/suelto.txt",
                          "missing 0=ocfl_object_1.1", "missing v1/content/objects/a"], "\(problems.map(\.message))")
    }

    @Test(arguments: ["BSH-0001", "a.b_c-9", "X"])
    func validIdentifiers(_ id: String) { #expect(OCFLStorageRoot.isValidIdentifier(id)) }

    @Test(arguments: ["", ".hidden", "..", "a/b", "Canción", "con espacio", "extensions", "a..b", "-x"])
    func invalidIdentifiers(_ id: String) { #expect(!OCFLStorageRoot.isValidIdentifier(id)) }
}
