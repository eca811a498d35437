import Foundation
import Imaging
import Testing
import TestSupport

/// Real-world files from ../shared/corpus: every broken file is either refused with a typed error
/// (never a crash) or, when only a metadata block, an ancillary chunk or the directory chain is
/// unusual, decodes completely with that quirk named; every scan decodes or is refused with a
/// precise "unsupported" reason.
@Suite struct CorpusDecodeTests {
    static func files(in folder: String) -> [URL] {
        guard let shared = TestPaths.shared else { return [] }
        let root = shared.appendingPathComponent("corpus/\(folder)")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? [])
            .filter { !$0.hasDirectoryPath && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.path < $1.path }
    }

    static func outcome(_ url: URL) -> Result<FileTechnicalMetadata, ImagingError> {
        do {
            let format = try FormatIdentifier.identify(fileAt: url)
            guard format.isDecodableImage else {
                return .failure(.unsupported(path: url.path, reason: .format(name: format.name)))
            }
            let meta = try MasterDecoder.decode(url, format: format, limits: DecodeLimits(maxPixels: 200_000_000),
                                                derivatives: nil) { _ in }
            return .success(meta)
        } catch let error as ImagingError {
            return .failure(error)
        } catch {
            return .failure(.unreadable(path: url.path, reason: "\(error)"))
        }
    }

    /// Scans in corpus/scans that Memoria does not decode faithfully, with the exact reason.
    static let unsupportedScans: [String: String] = [
        "16bit.cropped.jp2": "format not decoded: JPEG 2000 (JP2)",
        "balloon_eciRGBv2_aware.jp2": "format not decoded: JPEG 2000 (JP2)",
        "kant_aufklaerung_1784_0020.jp2": "format not decoded: JPEG 2000 (JP2)",
        "test-card-lossy-tiled.jp2": "format not decoded: JPEG 2000 (JP2)",
    ]

    /// Scans that decode completely but carry a quirk (an ICC profile libpng refuses).
    static let scansWithObservations: [String: [DecodeObservation.Code]] = [
        "hocrtools_litver.png": [.iccProfileUnusable],
    ]

    @Test func everyScanDecodesOrIsRefusedAsUnsupported() throws {
        guard Requirements.sharedCorpus() != nil else { return }
        let files = Self.files(in: "scans")
        #expect(files.count >= 60)
        for url in files {
            let name = url.lastPathComponent
            switch Self.outcome(url) {
            case .success(let meta):
                #expect(Self.unsupportedScans[name] == nil, "\(name) was expected to be refused as unsupported")
                #expect(meta.observations.map(\.code) == Self.scansWithObservations[name] ?? [],
                        "\(name): \(meta.observations.map { "\($0.code.rawValue): \($0.detail)" })")
            case .failure(let error):
                #expect(error.code == "unsupported", "\(name): \(error)")
                if case .unsupported(_, let reason) = error {
                    #expect(reason.logDescription == Self.unsupportedScans[name], "\(name): \(reason.logDescription)")
                }
            }
        }
    }

    /// Files of corpus/broken that are valid after all: directories in an unusual order are legal TIFF,
    /// and PageNumber's total of 0 means "total unknown" (TIFF 6.0, PageNumber), not an error.
    static let validAfterAll: Set<String> = ["multipage_out_of_order.tiff", "total-pages-zero.tif"]

    /// Files of corpus/broken whose pixels all decode (libvips 8.14 and Pillow 9.4 decode them
    /// completely as well: IndependentDecoderTests): only a metadata block, an ancillary
    /// chunk or the directory chain is unusual. Issue 17: archived, with the quirk named.
    static let acceptedWithObservations: [String: [DecodeObservation.Code]] = [
        "exif-dpi-zerodivision.jpg": [.exifZeroResolution],
        "invalid-exif.jpg": [.exifUnreadable],
        "icc-after-SOF.jpg": [.iccAfterFrameHeader, .iccProfileUnusable],
        "sugarshack_bad_mpo_header.jpg": [.mpfUnreadable],
        "hopper_idat_after_image_end.png": [.pngImageDataAfterEnd],
        "padded_idat.png": [.pngImageDataPadded],
        "tRNS_null_1x1.png": [.pngDataAfterEnd],
        "multipage_single_frame_loop.tiff": [.tiffDirectoryLoop],
        "multipage_multiple_frame_loop.tiff": [.tiffDirectoryLoop],
    ]

    /// Every other file of corpus/broken, with the error code it is refused with. `damaged` and
    /// `corrupt` are real damage: the pixel data is truncated or fails a checksum (CRC, Adler-32), the
    /// decoder reports corrupt image data (vips with fail_on=warning refuses these too), or the tags
    /// that lay out the pixels contradict each other.
    static let refusedAs: [String: String] = [
        "bad_iCCP.png": "corrupt", "badadler.png": "corrupt", "badcrc.png": "corrupt",
        "empty_ancillary_chunks.png": "damaged", "huge_IDAT.png": "damaged", "huge_eXIf_chunk.png": "corrupt",
        "huge_iCCP_chunk.png": "corrupt", "huge_iTXt_chunk.png": "corrupt", "huge_juNK_unsafe_to_copy.png": "corrupt",
        "huge_zTXt_chunk.png": "corrupt", "broken.png": "corrupt", "broken_data_stream.png": "corrupt",
        "crash-0c7e0e8e11ce787078f00b5b0ca409a167f070e0.tif": "damaged",
        "crash-1152ec2d1a1a71395b6f2ce6721c38924d025bf3.tif": "corrupt",
        "crash-2020-10-test.tif": "damaged",
        "crash-4fb027452e6988530aa5dabee76eecacb3b79f8a.j2k": "unsupported",
        "crash-74d2a78403a5a59db1fb0a2b8735ac068a75f6e3.tif": "damaged",
        "crash-86214e58da443d2b80820cff9677a38a33dcbbca.tif": "damaged",
        "hopper_bad_exif.jpg": "damaged", "hopper_unknown_pixel_mode.tif": "unsupported",
        "invalid_header_length.jp2": "unsupported", "jpeg_ff00_header.jpg": "damaged", "junk_jpeg_header.jpg": "damaged",
        "libtiff_segfault.tif": "damaged", "not_enough_data.jp2": "unsupported",
        "oom-225817ca0f8c663be7ab4b9e717b02c661e66834.tif": "damaged", "photoshop-200dpi-broken.jpg": "damaged",
        "png_decompression_dos.png": "damaged", "seek_too_large.tif": "corrupt", "tiff_overflow_rows_per_strip.tif": "damaged",
        "tiff_wrong_bits_per_sample.tiff": "damaged", "tiff_wrong_bits_per_sample_2.tiff": "damaged",
        "truncated_app14.jpg": "damaged", "truncated_end_chunk.png": "corrupt", "truncated_image.png": "corrupt",
        "truncated_jpeg.jpg": "damaged", "zero_height.j2k": "unsupported",
    ]

    @Test func everyBrokenFileIsRefusedOrNamesItsQuirk() throws {
        guard Requirements.sharedCorpus() != nil else { return }
        let files = Self.files(in: "broken")
        #expect(files.count >= 45)
        #expect(Set(files.map(\.lastPathComponent)) == Self.validAfterAll.union(Self.acceptedWithObservations.keys).union(Self.refusedAs.keys),
                "every file of corpus/broken has its expected outcome here")
        for url in files {
            let name = url.lastPathComponent
            switch Self.outcome(url) {
            case .success(let meta):
                if let codes = Self.acceptedWithObservations[name] {
                    #expect(meta.observations.map(\.code) == codes, "\(name): \(meta.observations)")
                } else {
                    #expect(Self.validAfterAll.contains(name), "\(name) was accepted (observations: \(meta.observations))")
                    #expect(meta.observations.isEmpty, "\(name): \(meta.observations)")
                }
            case .failure(let error):
                #expect(error.code == Self.refusedAs[name], "\(name): \(error.logDescription)")
                #expect(!error.archivistMessage.isEmpty)
                #expect(error.logDescription.count > url.path.count + 5, "the reason must be specific: \(error)")
            }
        }
    }

    /// A 57-byte PNG declaring a 1 GiB text chunk made libpng allocate and zero that much before
    /// refusing it. Peak memory of this process may only grow a little while decoding them.
    @Test func textChunkBombsAreRefusedWithoutAllocatingWhatTheyDeclare() throws {
        guard Requirements.sharedCorpus() != nil else { return }
        let bombs = Self.files(in: "broken").filter { ["huge_iTXt_chunk.png", "huge_zTXt_chunk.png", "huge_iCCP_chunk.png"].contains($0.lastPathComponent) }
        #expect(bombs.count == 3)
        func peakMegabytes() -> Int {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss / 1024
        }
        let before = peakMegabytes()
        for url in bombs {
            if case .success = Self.outcome(url) { Issue.record("\(url.lastPathComponent) was accepted") }
        }
        #expect(peakMegabytes() - before < 200, "peak memory grew from \(before) MB to \(peakMegabytes()) MB")
    }
}
