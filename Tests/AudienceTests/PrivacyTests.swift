import Foundation
import Testing
@testable import Audience
import TestSupport

/// No address, nor any unsalted hash of one, in the state file or any file of the report.
@Suite struct PrivacyTests {
    typealias F = LogFixture

    static let addresses = ["203.0.113.7", "2001:db8::1", "198.51.100.20", "198.51.100.30", "192.0.2.10", "2001:db8::3", "66.249.66.1"]

    /// Hex digests of the address's text by the common algorithms, and the room's own byte hash.
    static func unsaltedHashes(of address: String) throws -> [String] {
        var hashes: [String] = []
        for tool in ["md5sum", "sha1sum", "sha256sum", "sha512sum"] {
            let result = try ProcessRunner.run("sh", ["-c", "printf %s \"$0\" | \(tool)", address])
            if let digest = result.stdout.split(separator: " ").first { hashes.append(String(digest)) }
        }
        let own = Array(address.utf8).withUnsafeBytes { ByteHash.hash($0) }
        hashes += [String(own), String(own, radix: 16)]
        return hashes
    }

    @Test func noAddressOrItsUnsaltedHashIsInTheStateOrTheReport() throws {
        let folder = TemporaryDirectory("audience-privacy")
        let log = folder.path("access.log")
        try F.write(CountingTests.lines + RotationTests.traffic(day: 7, hours: 8...12), to: log)
        var state = ReadState()
        try F.count(log, state: &state, now: F.date(day: 7, 11))   // the 7th stays open: its offsets are in the state
        let stateFile = folder.path("salida/estado-de-lectura.json")
        try state.save(stateFile)
        let report = AudienceReport(state: state, labels: ReportLabels(siteTitle: "Memoria de Hidalgo"), year: nil, now: F.later,
                                    zone: TimeZone(identifier: "America/Mexico_City")!)
        let written = try ReportWriter.write(report, to: folder.path("salida"))
        #expect(written.count == 11)

        var texts: [(String, String)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path("salida").path) {
            texts.append((name, try String(contentsOf: folder.path("salida/\(name)"), encoding: .utf8).lowercased()))
        }
        #expect(texts.count == 12)
        for address in Self.addresses {
            let needles = [address.lowercased()] + (try Self.unsaltedHashes(of: address)).map { $0.lowercased() }
            #expect(needles.count == 7)
            for (name, text) in texts {
                for needle in needles { #expect(!text.contains(needle), "\(name) holds \(needle) (from \(address))") }
            }
        }
        // The fixture's addresses are in the log (the check above could not pass vacuously).
        let logText = try String(contentsOf: log, encoding: .utf8)
        for address in Self.addresses { #expect(logText.contains(address)) }
    }

    @Test func theSameVisitorOnTwoDaysHasUnrelatedKeys() {
        let address = Array("203.0.113.7".utf8)
        let monday = DaySalt(), tuesday = DaySalt()
        let a = address.withUnsafeBytes { monday.key(address: $0, agent: 0) }
        let b = address.withUnsafeBytes { tuesday.key(address: $0, agent: 0) }
        let again = address.withUnsafeBytes { monday.key(address: $0, agent: 0) }
        #expect(a == again)
        #expect(a != b)
    }
}
