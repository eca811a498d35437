import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// The derivative store's journal of changes (`derivatives/.diario`) and a publish's record of the
/// store (`.<site>.derivadas`): what a publish reads again is what the journal names since its record.
@Suite struct DerivativeChangeJournalTests {
    @Test func theJournalNamesWhatChangedSinceAPositionAndClosesALineCutShort() throws {
        let folder = TemporaryDirectory("diario")
        let store = DerivativeStore(root: folder.url.appendingPathComponent("derivatives"))
        #expect(store.journalPosition() == nil)
        try store.appendToJournal("MMI-0001", durably: true)
        let first = try #require(store.journalPosition())
        try store.appendToJournal("MMI-0002", durably: false)
        try store.appendToJournal("MMI-0002", durably: false)
        let second = try #require(store.journalPosition())
        #expect(second.token == first.token && second.offset > first.offset)
        #expect(store.itemsChanged(after: first, upTo: second) == ["MMI-0002"])
        #expect(store.itemsChanged(after: second, upTo: second) == [])
        // A crash in the middle of a line: the position stops before it, and the next item is read whole.
        let handle = try FileHandle(forWritingTo: store.changeJournalURL)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("JHD-00".utf8))
        try handle.close()
        #expect(store.journalPosition() == second)
        try store.appendToJournal("JHD-0003", durably: false)
        let third = try #require(store.journalPosition())
        #expect(store.itemsChanged(after: second, upTo: third) == ["JHD-00", "JHD-0003"])
        // A journal made anew (removed by hand) is another journal: a record of the old one is no guide.
        try FileManager.default.removeItem(at: store.changeJournalURL)
        let fresh = try #require(store.journalPositionStartingOne())
        #expect(fresh.token != first.token)
        #expect(store.itemsChanged(after: second, upTo: fresh) == nil)
        #expect(store.itemsChanged(after: DerivativeStore.JournalPosition(token: fresh.token, offset: fresh.offset + 10), upTo: fresh) == nil)
    }

    @Test func aCommitJournalsItsItemBeforeItsManifest() throws {
        let folder = TemporaryDirectory("diario-commit")
        let store = DerivativeStore(root: folder.url.appendingPathComponent("derivatives"))
        try store.stage(itemID: "BSH-0001", key: "p1", access: [1, 2, 3], medium: nil, thumbnail: [4])
        let entry = DerivativeStore.Entry(key: "p1", masterPath: "content/p1.tif", indexInFile: 0, masterDigest: "d", fingerprint: "f",
                                          accessWidth: 30, accessHeight: 40)
        try store.commit(itemID: "BSH-0001", entries: [entry])
        let journal = try String(contentsOf: store.changeJournalURL, encoding: .utf8).split(separator: "\n")
        #expect(journal.count == 3 && journal[0].hasPrefix("memoria-diario-derivados\t"), "\(journal)")
        #expect(journal.dropFirst().allSatisfy { $0 == "BSH-0001" })
    }

    @Test func aRecordReadsBackWhatItSavedAndRefusesWhatItCannotRead() throws {
        let folder = TemporaryDirectory("registro")
        let url = folder.url.appendingPathComponent(".site.derivadas")
        var record = PublishedDerivatives(position: .init(token: "T", offset: 42))
        record.items["BSH-0001"] = .init(entries: [.init(key: "p1", masterPath: "content/01 carta.tif", indexInFile: 2, masterDigest: "abc", fingerprint: "fp",
                                                       accessWidth: 2000, accessHeight: 1500, mediumWidth: 1000, mediumHeight: 750),
                                                 .init(key: "p2", masterPath: "content/02.tif", indexInFile: 0, masterDigest: "def", fingerprint: "fp",
                                                       accessWidth: 10, accessHeight: 20)],
                                       pyramids: ["p1": .init(width: 6000, height: 4500, tileSize: 512, scaleFactors: [1, 2, 4, 8], sizes: [.init(width: 375, height: 281)],
                                                              fileCount: 120, byteCount: 9_000_000, fingerprint: "tiles")],
                                       pdf: .init(fingerprint: "pdf", pages: 2, bytes: 123_456))
        record.items["BSH-0002"] = .init()
        record.items["BSH-0003"] = .init(entries: [.init(key: "p1", masterPath: "content/a\tb.tif", indexInFile: 0, masterDigest: "x", fingerprint: "y",
                                                       accessWidth: 1, accessHeight: 1)])
        try record.save(url)
        let read = try #require(PublishedDerivatives.load(url))
        #expect(read.position == record.position)
        #expect(read.items["BSH-0001"] == record.items["BSH-0001"])
        #expect(read.items["BSH-0002"] == PublishedDerivatives.Item())
        #expect(read.items["BSH-0003"] == nil, "an item whose values would break a line is left out (read from the store each time)")
        try Data("memoria-derivadas\t1\tT\t42\ni\tBSH-0001\ne\tp1\tcontent/x\tdos\n".utf8).write(to: url)
        #expect(PublishedDerivatives.load(url) == nil)
        try Data("memoria-derivadas\t0\tT\t42\n".utf8).write(to: url)
        #expect(PublishedDerivatives.load(url) == nil, "another version's record is not read")
    }
}
