import FixtureKit
import Foundation
@testable import Imaging
import Testing
import TestSupport

/// Issue 17's table: each quirk that scanners and cameras write, made by our fixture generator,
/// decodes completely and is named by its observation (válido con observaciones); the zero-length
/// plane and the truncated strip are damage; signed and floating-point samples are refused as
/// unsupported with the exact reason. The Spanish texts are compared with a golden file.
@Suite struct QuirkTableTests {
    enum Expected: Equatable {
        case valid
        case observations([DecodeObservation.Code])
        case damaged(StructuralDamage)
        case unsupported(UnsupportedReason)
    }

    static let table: [(QuirkFixture, Expected)] = [
        (.exifZeroDenominator, .observations([.exifZeroResolution])),
        (.exifTruncatedDirectory, .observations([.exifTruncated])),
        (.exifTwice, .observations([.exifRepeated])),
        (.iccAfterFrameHeader, .observations([.iccAfterFrameHeader])),
        (.jfifCentimetres, .observations([.jfifDensityCentimetres])),
        (.brokenMPOIndex, .observations([.mpfUnreadable])),
        (.transparencyOn1x1, .observations([.pngTransparencyIgnored])),
        (.iccpWithoutProfile, .observations([.iccProfileUnusable])),
        (.imageDataPadded, .observations([.pngImageDataPadded])),
        (.imageDataAfterEnd, .observations([.pngImageDataAfterEnd])),
        (.dataAfterIEND, .observations([.pngDataAfterEnd])),
        (.noRowsPerStrip, .observations([.tiffRowsPerStripMissing])),
        (.gray16SingleChannel, .valid),
        (.lastDirectoryPointsToFirst, .observations([.tiffDirectoryLoop])),
        (.zeroLengthPlane, .damaged(.emptyStrip(page: 0, plane: 1, index: 0, tiled: false))),
        (.shortUncompressedStrip, .damaged(.shortStrip(page: 0, plane: 0, index: 2, tiled: false, bytes: 32, expected: 64))),
        (.signedSamples, .unsupported(.signedIntegerSamples(bits: 16))),
        (.floatingPointSamples, .unsupported(.floatingPointSamples(bits: 32))),
    ]

    @Test func theTableCoversEveryFixture() {
        #expect(Self.table.map(\.0) == QuirkFixture.allCases)
    }

    /// Decodes with derivatives, as ingest does, in strict mode.
    static func decode(_ url: URL, strict: Bool = true) throws -> (FileTechnicalMetadata, [DecodedPage]) {
        var pages: [DecodedPage] = []
        let meta = try MasterDecoder.decode(url, format: try FormatIdentifier.identify(fileAt: url),
                                            limits: DecodeLimits(strict: strict), derivatives: DerivativeSpec()) { pages.append($0) }
        return (meta, pages)
    }

    @Test(arguments: QuirkTableTests.table.map(\.0))
    func eachFixtureHasItsOutcome(_ fixture: QuirkFixture) throws {
        let folder = TemporaryDirectory("quirk")
        let url = folder.path(fixture.fileName)
        try Data(fixture.bytes()).write(to: url)
        let expected = try #require(Self.table.first { $0.0 == fixture }?.1)
        switch expected {
        case .valid, .observations:
            let (meta, pages) = try Self.decode(url)
            let codes: [DecodeObservation.Code] = if case .observations(let codes) = expected { codes } else { [] }
            #expect(meta.observations.map(\.code) == codes, "\(fixture): \(meta.observations)")
            for observation in meta.observations {
                #expect(!observation.detail.isEmpty)
                #expect(observation.archivistMessage.hasSuffix("el máster se archivó tal cual."), "\(observation.archivistMessage)")
            }
            #expect(!pages.isEmpty && pages.allSatisfy { $0.access != nil && $0.thumbnail != nil }, "\(fixture): every page derives")
            // Every pixel decoded: the lossless fixtures give back exactly what was written.
            if let image = fixture.expectedImage {
                let decoded = try MasterDecoder.fullImages(url)
                #expect(decoded.allSatisfy { $0 == image }, "\(fixture): decoded pixels differ from those written")
            }
        case .damaged(let damage):
            for strict in [true, false] {   // missing pixel data is damage whatever strict_decoding says
                #expect(throws: ImagingError.structurallyDamaged(path: url.path, damage: damage)) { try Self.decode(url, strict: strict) }
            }
        case .unsupported(let reason):
            #expect(throws: ImagingError.unsupported(path: url.path, reason: reason)) { try Self.decode(url) }
        }
    }

    @Test func theLoopingTIFFHasBothPagesOnceAndTheLoopAsAFileObservation() throws {
        let folder = TemporaryDirectory("quirk-loop")
        let url = folder.path(QuirkFixture.lastDirectoryPointsToFirst.fileName)
        try Data(QuirkFixture.lastDirectoryPointsToFirst.bytes()).write(to: url)
        let (meta, pages) = try Self.decode(url)
        #expect(pages.map(\.indexInFile) == [0, 1])
        #expect(meta.pages.count == 2)
        #expect(meta.observations.map(\.page) == [nil])
    }

    @Test func aPageObservationNamesItsPage() throws {
        let folder = TemporaryDirectory("quirk-page")
        let url = folder.path(QuirkFixture.noRowsPerStrip.fileName)
        try Data(QuirkFixture.noRowsPerStrip.bytes()).write(to: url)
        let (meta, pages) = try Self.decode(url)
        #expect(meta.observations.map(\.page) == [0])
        #expect(pages.first?.observations == meta.observations)
        #expect(meta.observations.first?.archivistMessage.hasPrefix("En la página 1: el TIFF no declara RowsPerStrip") == true)
    }

    /// With strict decoding off, damage the decoder only warns about is archived, and said so.
    @Test func damageToleratedOutsideStrictModeIsAnObservation() throws {
        let folder = TemporaryDirectory("quirk-lenient")
        let image = PixelImage(width: 64, height: 48, layout: .gray, pixels: (0..<(64 * 48)).map { UInt8($0 % 251) })
        let jpeg = try JPEGEncoder.encode(image, quality: 90, progressive: false, dpi: 300)
        let url = folder.path("truncated.jpg")
        try Data(jpeg.prefix(jpeg.count * 2 / 3)).write(to: url)
        #expect(throws: ImagingError.self) { try Self.decode(url, strict: true) }
        let (meta, _) = try Self.decode(url, strict: false)
        #expect(meta.observations.map(\.code) == [.damageTolerated])
        #expect(meta.observations.first?.detail.contains("Premature end of JPEG file") == true)
        #expect(meta.observations.first?.archivistMessage.contains("ingest.strict_decoding") == true)
    }

    /// The Spanish an archivist reads, for each outcome, byte for byte.
    @Test func theTextsArchivistsReadMatchTheGolden() throws {
        let folder = TemporaryDirectory("quirk-texts")
        var lines: [String] = []
        for (fixture, _) in Self.table {
            let url = folder.path(fixture.fileName)
            try Data(fixture.bytes()).write(to: url)
            do {
                let (meta, _) = try Self.decode(url)
                lines.append("\(fixture.fileName): \(meta.observations.isEmpty ? "válido" : "válido con observaciones")")
                for observation in meta.observations {
                    lines.append("  \(observation.code.rawValue): \(observation.archivistMessage)")
                    lines.append("    (\(observation.detail))")
                }
            } catch let error as ImagingError {
                lines.append("\(fixture.fileName): \(error.code)")
                lines.append("  \(error.archivistMessage)")
                lines.append("    (\(error.logDescription.replacingOccurrences(of: folder.url.path + "/", with: "")))")
            }
        }
        if let mismatch = Golden.mismatch(lines.joined(separator: "\n") + "\n", golden: Golden.directory().appendingPathComponent("quirk-outcomes.txt")) {
            Issue.record("\(mismatch)")
        }
    }

    @Test func everyObservationCodeHasASpanishSentence() {
        for code in DecodeObservation.Code.allCases {
            let text = DecodeObservation(code, detail: "x").archivistMessage
            #expect(text.count > 60 && text.hasSuffix("."), "\(code): \(text)")
        }
    }
}
