import Foundation
@testable import Preservation
import Testing
import TestSupport

@Suite struct InboxScannerTests {
    func batchFolder(_ root: URL) throws -> URL {
        let folder = root.appendingPathComponent("banda-sinfonica/lote-1")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data().write(to: folder.appendingPathComponent("LISTO"))
        return folder
    }

    func scan(_ root: URL, settle: Int = 0, now: Date = Date()) throws -> InboxScan {
        try InboxScanner(inbox: root, fondsSlugs: ["banda-sinfonica"], readyMarker: "LISTO", settleSeconds: settle, now: now).scan()
    }

    func touch(_ url: URL, _ text: String = "x") throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func itemsPagesAndSidecarsAreFoundInNaturalOrder() throws {
        let root = TemporaryDirectory("inbox")
        let batch = try batchFolder(root.url)
        for name in ["10.tif", "2.tif", "1.tif", "1.txt", "2.alto.xml"] { try touch(batch.appendingPathComponent("BSH-0001/\(name)")) }
        try touch(batch.appendingPathComponent("BSH-0002.jpg"))
        try touch(batch.appendingPathComponent("BSH-0002.txt"))
        try touch(batch.appendingPathComponent("metadata.csv"))
        try touch(batch.appendingPathComponent(".DS_Store"))
        let result = try scan(root.url)
        let found = try #require(result.batches.first)
        #expect(found.isReady && found.metadataFile != nil)
        #expect(found.items.map(\.id) == ["BSH-0001", "BSH-0002"])
        #expect(found.items[0].files.map(\.name) == ["1.tif", "2.tif", "10.tif"])
        #expect(Set(found.items[0].sidecars.map(\.kind)) == [.transcription, .alto])
        #expect(found.items[1].sidecars.map(\.name) == ["BSH-0002.txt"])
        #expect(found.rejected.isEmpty)
        #expect(found.ignored.map(\.lastPathComponent) == [".DS_Store"])
    }

    @Test func pagesWhoseNamesDifferOnlyByCaseHoldTheirItem() throws {
        let root = TemporaryDirectory("inbox-case")
        let batch = try batchFolder(root.url)
        for name in ["pagina.tif", "Pagina.tif", "2.tif"] { try touch(batch.appendingPathComponent("BSH-0003/\(name)")) }
        try touch(batch.appendingPathComponent("BSH-0004/1.tif"))
        let found = try #require(try scan(root.url).batches.first)
        #expect(found.items.map(\.id) == ["BSH-0004"])
        #expect(found.rejected.filter { $0.itemID == "BSH-0003" }.count == 3, "the whole item is held")
        #expect(found.rejected.first { $0.itemID == "BSH-0003" }?.message.contains("mayúsculas") == true)
    }

    @Test func decomposedAccentedNamesAreComparedInNFCAndKeptAsWritten() throws {
        let root = TemporaryDirectory("inbox-nfd")
        let batch = try batchFolder(root.url)
        let nfd = "Cancio\u{0301}n de mayo 1.tif"
        try touch(batch.appendingPathComponent("BSH-0002/\(nfd)"))
        try touch(batch.appendingPathComponent("BSH-0002/Canción de mayo 1.txt"))
        let item = try #require(try scan(root.url).batches.first?.items.first)
        #expect(item.files[0].name == "Canción de mayo 1.tif")
        #expect(item.files[0].originalName.unicodeScalars.count == nfd.unicodeScalars.count)
        #expect(item.sidecars.count == 1, "the NFC transcription matches the NFD page")
    }

    @Test func unsafeEntriesAreRejectedWithAReasonAndTheirItemHeldBack() throws {
        let root = TemporaryDirectory("inbox-unsafe")
        let batch = try batchFolder(root.url)
        try touch(batch.appendingPathComponent("BSH-0001/1.tif"))
        try FileManager.default.createSymbolicLink(atPath: batch.appendingPathComponent("BSH-0001/2.tif").path, withDestinationPath: "/etc/passwd")
        try touch(batch.appendingPathComponent("BSH-0003/1.tif"))
        try touch(batch.appendingPathComponent("BSH-0003/sub/2.tif"))
        try touch(batch.appendingPathComponent("Con espacios.tif"))
        try touch(batch.appendingPathComponent("BSH-0004.tif"))
        try touch(batch.appendingPathComponent("bsh-0004.jpg"))
        try touch(batch.appendingPathComponent("huerfana.txt"))
        try touch(batch.appendingPathComponent("tab\tname.tif"))
        // A name that is not valid UTF-8 (Latin-1 "ó").
        let raw = Array(batch.path.utf8) + Array("/Canci".utf8) + [0xF3] + Array("n.tif".utf8) + [0]
        let fd = raw.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0)
        close(fd)
        let found = try #require(try scan(root.url).batches.first)
        let reasons = Set(found.rejected.map(\.reason))
        #expect(reasons.isSuperset(of: [.symbolicLink, .nestedFolder, .invalidIdentifier, .duplicateIdentifier, .orphanSidecar, .invalidName]))
        #expect(found.rejected.contains { $0.reason == .symbolicLink && $0.itemID == "BSH-0001" })
        #expect(found.rejected.contains { $0.reason == .invalidName && $0.displayPath.contains("Canci") })
        #expect(found.items.map(\.id) == ["BSH-0001", "BSH-0003"], "unsafe loose files never become items")
        for entry in found.rejected { #expect(!entry.message.isEmpty) }
        // Quarantine moves even the non-UTF-8 file, under a readable name, with its reason.
        let store = QuarantineStore(root: root.path("quarantine"))
        let entry = try #require(found.rejected.first { $0.reason == .invalidName && $0.displayPath.contains("Canci") })
        let placed = try store.quarantine(rawPath: entry.rawPath, relativeTo: batch, batchKey: "banda-sinfonica/lote-1",
                                          reason: .init(batch: "b", originalPath: entry.displayPath, itemID: nil, code: entry.reason.rawValue, label: "nombre inutilizable",
                                                        message: entry.message, digest: nil, date: Date()))
        #expect(placed.quarantinedPath.hasSuffix("nombre-invalido-43616E6369F36E2E746966"))
        #expect(try String(contentsOfFile: placed.reasonFile, encoding: .utf8).contains("UTF-8"))
    }

    @Test func undeclaredFoldersAreReportedNotGuessed() throws {
        let root = TemporaryDirectory("inbox-undeclared")
        try touch(root.path("fondo-nuevo/lote/x.tif"))
        try touch(root.path("suelto.tif"))
        let result = try scan(root.url)
        #expect(result.batches.isEmpty)
        #expect(result.undeclared.count == 2)
        #expect(result.undeclared.contains { $0.message.contains("fondo-nuevo") })
    }

    @Test func aBatchIsReadyByItsMarkerOrWhenItHasSettled() throws {
        let root = TemporaryDirectory("inbox-settle")
        let batch = try batchFolder(root.url)
        try FileManager.default.removeItem(at: batch.appendingPathComponent("LISTO"))
        try touch(batch.appendingPathComponent("BSH-0001.tif"))
        #expect(try scan(root.url, settle: 300).batches.first?.isReady == false)
        #expect(try scan(root.url, settle: 300, now: Date().addingTimeInterval(400)).batches.first?.isReady == true)
        try touch(batch.appendingPathComponent("listo"))
        #expect(try scan(root.url, settle: 300).batches.first?.isReady == true)
    }

    @Test(arguments: [(["10.tif", "9.tif", "p1", "P2", "a10b", "a2b"], ["9.tif", "10.tif", "a2b", "a10b", "p1", "P2"])])
    func naturalOrder(_ input: [String], _ expected: [String]) {
        #expect(input.sorted(by: NaturalOrder.areInIncreasingOrder) == expected)
    }
}
