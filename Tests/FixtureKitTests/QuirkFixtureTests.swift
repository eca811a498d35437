import FixtureKit
import Foundation
import Testing
import TestSupport

/// The quirk fixtures are our own bytes: the same on every run, small, one file per quirk. (What
/// each one decodes to is ImagingTests/QuirkTableTests.)
@Suite struct QuirkFixtureTests {
    @Test func everyFixtureIsTheSameBytesOnEveryRunAndSmall() throws {
        var seen: Set<[UInt8]> = []
        for fixture in QuirkFixture.allCases {
            let first = try fixture.bytes(), second = try fixture.bytes()
            #expect(first == second, "\(fixture.fileName) differs between two runs")
            #expect(first.count < 4_096, "\(fixture.fileName) is \(first.count) bytes")
            #expect(seen.insert(first).inserted, "\(fixture.fileName) is a copy of another fixture")
        }
    }

    @Test func writeAllWritesOneFilePerFixture() throws {
        let folder = TemporaryDirectory("quirk-fixtures")
        let urls = try QuirkFixture.writeAll(to: folder.url)
        #expect(urls.map(\.lastPathComponent) == QuirkFixture.allCases.map(\.fileName))
        for (url, fixture) in zip(urls, QuirkFixture.allCases) {
            #expect(try [UInt8](Data(contentsOf: url)) == fixture.bytes())
        }
    }
}
