import FixtureKit
import Foundation
import Testing
import TestSupport

@Suite struct FixtureGeneratorTests {
    static func digestTree(_ root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            result[String(url.path.dropFirst(root.path.count))] = try Data(contentsOf: url)
        }
        return result
    }

    @Test func theSameSeedWritesTheSameBytesAndTheCommittedSampleIsReproducible() throws {
        let a = TemporaryDirectory("fixtures-a"), b = TemporaryDirectory("fixtures-b")
        try InboxWriter(seed: 1954).write(SampleInboxPlan.make(), to: a.url)
        try InboxWriter(seed: 1954).write(SampleInboxPlan.make(), to: b.url)
        let first = try Self.digestTree(a.url), second = try Self.digestTree(b.url)
        #expect(first.count > 30)
        #expect(first == second)
        let committed = try Self.digestTree(TestPaths.sampleInbox)
        #expect(Set(committed.keys) == Set(first.keys), "Fixtures/sample-inbox differs from the generator: run `memoria-fixtures sample-inbox`")
        for (path, data) in first where committed[path] != data {
            Issue.record("Fixtures/sample-inbox\(path) differs from what the generator writes")
        }
    }

    @Test func aDifferentSeedWritesDifferentPages() throws {
        let a = TemporaryDirectory("fixtures-c"), b = TemporaryDirectory("fixtures-d")
        try InboxWriter(seed: 1).write(SampleInboxPlan.make(), to: a.url)
        try InboxWriter(seed: 2).write(SampleInboxPlan.make(), to: b.url)
        let path = "/banda-sinfonica/2024-03-partituras/BSH-0001/0001.tif"
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.url.path + path)) != Data(contentsOf: URL(fileURLWithPath: b.url.path + path)))
    }

    @Test func theSampleInboxHasWhatTheIssueAsksFor() throws {
        let files = try Self.digestTree(TestPaths.sampleInbox).keys
        #expect(files.filter { $0.hasSuffix("metadata.csv") }.count == 6)
        #expect(files.contains { $0.contains("Canción de mayo") })
        #expect(files.contains { $0.hasSuffix(".alto.xml") } && files.contains { $0.hasSuffix(".hocr") })
        let total = try Self.digestTree(TestPaths.sampleInbox).values.reduce(0) { $0 + $1.count }
        #expect(total < 8_000_000, "the committed sample inbox should stay small")
        // The Excel-on-Windows batch: Windows-1252 with semicolons.
        let csv = try Data(contentsOf: TestPaths.sampleInbox.appendingPathComponent("margarita-michelena/2024-04-cartas/metadata.csv"))
        #expect(String(data: csv, encoding: .utf8) == nil)
        #expect(csv.contains(0xED))   // í in Windows-1252
        #expect(String(decoding: csv.prefix(40), as: UTF8.self).contains(";"))
    }
}
