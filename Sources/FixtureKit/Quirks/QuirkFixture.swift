import Foundation
import Imaging

/// Small files with the quirks that scanners and cameras write and that two independent decoders
/// (libvips, Pillow) decode completely (issue 17), and beside them the damage and the sample formats
/// Memoria must refuse. Made byte by byte by our own code: the same bytes on every run.
public enum QuirkFixture: String, CaseIterable, Sendable {
    // JPEG: metadata segments around good image data.
    case exifZeroDenominator = "exif-zero-denominator.jpg"
    case exifTruncatedDirectory = "exif-truncated-directory.jpg"
    case exifTwice = "exif-twice.jpg"
    case iccAfterFrameHeader = "icc-after-frame-header.jpg"
    case jfifCentimetres = "jfif-density-centimetres.jpg"
    case brokenMPOIndex = "mpo-index-broken.jpg"
    // PNG: unusual ancillary chunks and data after the image.
    case transparencyOn1x1 = "trns-on-1x1.png"
    case iccpWithoutProfile = "iccp-without-profile.png"
    case imageDataPadded = "idat-padded.png"
    case imageDataAfterEnd = "idat-after-image-end.png"
    case dataAfterIEND = "data-after-iend.png"
    // TIFF: structural oddities.
    case noRowsPerStrip = "no-rows-per-strip.tif"
    case gray16SingleChannel = "gray16-single-channel.tif"
    case lastDirectoryPointsToFirst = "last-ifd-points-to-first.tif"
    // Damage: pixel data missing or truncated.
    case zeroLengthPlane = "zero-length-plane.tif"
    case shortUncompressedStrip = "short-uncompressed-strip.tif"
    // Valid, but not rendered faithfully by Memoria.
    case signedSamples = "signed-16-bit-samples.tif"
    case floatingPointSamples = "float-32-bit-samples.tif"

    public var fileName: String { rawValue }

    /// What the file is, in English, for listings.
    public var summary: String {
        switch self {
        case .exifZeroDenominator: return "JPEG whose EXIF XResolution and YResolution are 300/0"
        case .exifTruncatedDirectory: return "JPEG whose EXIF directory declares 12 entries and holds 1"
        case .exifTwice: return "JPEG with two EXIF (APP1) segments"
        case .iccAfterFrameHeader: return "JPEG whose ICC profile segment (APP2) follows the frame header (SOF)"
        case .jfifCentimetres: return "JPEG whose JFIF density unit is dots per centimetre (118 x 118)"
        case .brokenMPOIndex: return "JPEG with a multi-picture index (MPF) that declares no byte order"
        case .transparencyOn1x1: return "1x1 palette PNG whose tRNS chunk has more entries than the palette"
        case .iccpWithoutProfile: return "PNG with an iCCP chunk that holds a name and no profile"
        case .imageDataPadded: return "PNG whose IDAT chunk has 3 bytes after the end of the zlib stream"
        case .imageDataAfterEnd: return "PNG with an IDAT chunk after the end of the zlib stream"
        case .dataAfterIEND: return "PNG with a byte after IEND"
        case .noRowsPerStrip: return "TIFF, one strip, no RowsPerStrip tag"
        case .gray16SingleChannel: return "16-bit single-channel (gray) big-endian TIFF"
        case .lastDirectoryPointsToFirst: return "two-page TIFF whose last directory points back to the first"
        case .zeroLengthPlane: return "RGB TIFF with separate planes whose second plane's strip has a byte count of 0"
        case .shortUncompressedStrip: return "uncompressed TIFF whose last strip's byte count is half what its rows need"
        case .signedSamples: return "16-bit signed-integer gray TIFF (SampleFormat 2)"
        case .floatingPointSamples: return "32-bit floating-point gray TIFF (SampleFormat 3)"
        }
    }

    /// The file's bytes.
    public func bytes() throws -> [UInt8] {
        switch fileName.split(separator: ".").last {
        case "jpg": return try QuirkJPEGs.bytes(self)
        case "png": return QuirkPNGs.bytes(self)
        default: return QuirkTIFFs.bytes(self)
        }
    }

    /// The pixels a complete decode gives (8-bit gray or RGB), for the lossless fixtures that decode;
    /// nil for JPEG (lossy) and for the files that must be refused.
    public var expectedImage: PixelImage? {
        switch self {
        case .transparencyOn1x1: return PixelImage(width: 1, height: 1, layout: .rgb, pixels: QuirkPNGs.paletteColour)
        case .iccpWithoutProfile, .imageDataPadded, .imageDataAfterEnd, .dataAfterIEND:
            return PixelImage(width: QuirkChart.width, height: QuirkChart.height, layout: .gray, pixels: QuirkChart.gray)
        case .noRowsPerStrip, .gray16SingleChannel:
            return PixelImage(width: QuirkChart.width, height: QuirkChart.height, layout: .gray, pixels: QuirkChart.gray)
        case .lastDirectoryPointsToFirst:
            return PixelImage(width: QuirkChart.width, height: QuirkChart.height, layout: .rgb, pixels: QuirkChart.rgb)
        default: return nil
        }
    }

    /// Writes every fixture into `folder` (created) and returns their URLs, in declaration order.
    @discardableResult
    public static func writeAll(to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try allCases.map { fixture in
            let url = folder.appendingPathComponent(fixture.fileName)
            try Data(fixture.bytes()).write(to: url)
            return url
        }
    }
}

/// The small test chart every quirk fixture holds: a gradient with a few sharp lines.
enum QuirkChart {
    static let width = 16, height = 12

    static let gray: [UInt8] = (0..<(width * height)).map { i in
        let x = i % width, y = i / width
        return x % 5 == 0 ? 20 : UInt8((x * 255 / (width - 1) + y * 7) % 256)
    }

    static let rgb: [UInt8] = (0..<(width * height)).flatMap { i -> [UInt8] in
        let x = i % width, y = i / width
        return [UInt8(x * 255 / (width - 1)), UInt8(y * 255 / (height - 1)), y % 4 == 0 ? 230 : 40]
    }
}
