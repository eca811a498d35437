import Foundation
@testable import FixtureKit
@testable import Imaging
import Testing
import TestSupport

/// Every crash, hang or sanitizer report that scripts/fuzz.sh found in the image code, as the input
/// that caused it (generated here, not committed) and the outcome it must have now.
@Suite struct FuzzRegressionTests {
    /// fuzz-tiff: a TIFF stating 4,294,967,295 dots per inch made the access copy's density overflow
    /// Int32 in the JPEG encoder (a Swift trap: the whole ingest stopped). Now the copy states none.
    @Test func anAbsurdResolutionNoLongerCrashesTheAccessCopy() throws {
        let folder = TemporaryDirectory("fuzz-dpi")
        let url = folder.path("huge-dpi.tif")
        let page = TIFFBytes.page(width: QuirkChart.width, height: QuirkChart.height, samples: 1, bits: 8, photometric: 1,
                                  pixels: QuirkChart.gray, rowsPerStrip: 4, dpi: 4_294_967_295)
        try Data(TIFFBytes().bytes([page])).write(to: url)
        var access: EncodedImage?
        try MasterDecoder.decode(url, format: try FormatIdentifier.identify(fileAt: url), limits: DecodeLimits(),
                                 derivatives: DerivativeSpec()) { access = $0.access }
        let jpeg = try #require(access?.jpeg)
        // JFIF APP0: units byte at offset 13 of the file; 0 means "no density stated".
        #expect(jpeg.count > 20 && jpeg[13] == 0, "the access copy must not state a density")
        let technical = TechnicalMetadata(width: 1000, height: 10, bitsPerSample: [8], samplesPerPixel: 1,
                                          photometricInterpretation: "BlackIsZero", compression: "LZW",
                                          xResolution: 300, yResolution: 300, resolutionUnit: "in.")
        #expect(MasterDecoder.accessDPI(technical, accessWidth: 500) == 150)
        #expect(MasterDecoder.accessDPI(technical, accessWidth: 0) == nil)
    }

    /// fuzz-png (LeakSanitizer): the PNG structure check read an empty file with
    /// FileManager.contents(atPath:), which leaked 4 KiB each time. An empty file is refused by
    /// libpng, and the check reads nothing.
    @Test func anEmptyFileGivenAsPNGIsRefused() throws {
        let folder = TemporaryDirectory("fuzz-empty")
        let url = folder.path("empty.png")
        try Data().write(to: url)
        let format = IdentifiedFormat(kind: .png, name: "PNG", mimeType: "image/png")
        #expect(StructureCheck.findings(fileAt: url, format: format) == StructureFindings())
        #expect(throws: ImagingError.self) {
            try MasterDecoder.decode(url, format: format, limits: DecodeLimits(), derivatives: nil) { _ in }
        }
    }
}
