import FixtureKit
import Foundation
@testable import Pipeline
import Preservation
import Testing
import Metadata
import TestSupport

/// Issue 17's table through a real ingest: each quirk scanners and cameras write (made by our own
/// fixture generator) is archived "válido con observaciones", the observation named in the report
/// and in the PREMIS validation event; damaged pixel data (a zero-length plane, a short strip) is
/// quarantined; samples Memoria would not render faithfully are refused as unsupported.
@Suite struct QuirkIngestTests {
    static let expected: [QuirkFixture: (outcome: ItemOutcome, code: String)] = [
        .exifZeroDenominator: (.archived, "exif-zero-resolution"), .exifTruncatedDirectory: (.archived, "exif-truncated"),
        .exifTwice: (.archived, "exif-repeated"), .iccAfterFrameHeader: (.archived, "icc-after-frame-header"),
        .jfifCentimetres: (.archived, "jfif-density-centimetres"), .brokenMPOIndex: (.archived, "mpf-unreadable"),
        .transparencyOn1x1: (.archived, "png-transparency-ignored"), .iccpWithoutProfile: (.archived, "icc-profile-unusable"),
        .imageDataPadded: (.archived, "png-image-data-padded"), .imageDataAfterEnd: (.archived, "png-image-data-after-end"),
        .dataAfterIEND: (.archived, "png-data-after-end"), .noRowsPerStrip: (.archived, "tiff-rows-per-strip-missing"),
        .lastDirectoryPointsToFirst: (.archived, "tiff-directory-loop"), .gray16SingleChannel: (.archived, ""),
        .zeroLengthPlane: (.quarantined, "damaged"), .shortUncompressedStrip: (.quarantined, "damaged"),
        .signedSamples: (.quarantined, "unsupported"), .floatingPointSamples: (.quarantined, "unsupported"),
    ]

    @Test func everyQuirkIsArchivedWithItsObservationAndDamageIsQuarantined() async throws {
        let deployment = try TestDeployment(label: "quirks-ingest", inboxFixture: nil)
        let batch = deployment.inbox.appendingPathComponent("maguey-blanco/peculiaridades")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        var rows = ["identifier,dc.title"]
        var ids: [String: QuirkFixture] = [:]
        for (index, quirk) in QuirkFixture.allCases.enumerated() {
            let id = String(format: "MBL-%04d", 800 + index)
            let ext = (quirk.fileName as NSString).pathExtension
            try Data(try quirk.bytes()).write(to: batch.appendingPathComponent("\(id).\(ext)"))
            rows.append("\(id),Peculiaridad \(quirk.rawValue)")
            ids[id] = quirk
        }
        try rows.joined(separator: "\n").write(to: batch.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
        let context = StageContext(config: try ConfigLoader.load(deployment.configURL), operatorName: "prueba")
        let summary = try await IngestRunner(context: context, schemasFolder: "", ocrEngine: nil).run(ignoreSettle: true)
        let items = try #require(summary.batches.first).items
        #expect(items.count == QuirkFixture.allCases.count)
        for item in items {
            let quirk = try #require(ids[item.id])
            let expected = try #require(Self.expected[quirk], "no expectation for \(quirk)")
            #expect(item.outcome == expected.outcome, "\(quirk): \(item.outcome) \(item.message ?? "")")
            if expected.outcome == .archived {
                #expect(item.observations.map(\.code) == (expected.code.isEmpty ? [] : [expected.code]), "\(quirk): \(item.observations)")
                #expect(item.observations.allSatisfy { $0.message.contains("se archivó tal cual") })
            } else {
                #expect(item.reason?.rawValue == expected.code, "\(quirk): \(String(describing: item.reason))")
            }
        }
        // The observation is in the archived PREMIS validation event.
        let loopID = try #require(ids.first { $0.value == .lastDirectoryPointsToFirst }?.key)
        let storage = try OCFLStorageRoot(root: deployment.archive)
        let prior = try #require(try ArchiveReader(storage: storage, ocrWordConfidenceFloor: 0).prior(loopID))
        #expect(prior.mets.events.contains { $0.type == .validation && $0.outcome == .warning && $0.outcomeDetail.contains("observación tiff-directory-loop") })
    }
}
