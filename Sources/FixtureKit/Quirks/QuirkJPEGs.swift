import Imaging

/// The JPEG quirk fixtures: good image data from our encoder, with the segments cameras and
/// scanners get wrong spliced in.
enum QuirkJPEGs {
    static func bytes(_ fixture: QuirkFixture) throws -> [UInt8] {
        let image = PixelImage(width: QuirkChart.width, height: QuirkChart.height, layout: .rgb, pixels: QuirkChart.rgb)
        let plain = JPEGSegments.withoutAPP0(try JPEGEncoder.encode(image, quality: 90, progressive: false, dpi: nil, chroma: .half))
        let jfif = JPEGSegments.jfif(unit: 1, density: 300)
        switch fixture {
        case .exifZeroDenominator:
            return JPEGSegments.afterStart(plain, jfif + exif(zeroResolution))
        case .exifTruncatedDirectory:
            return JPEGSegments.afterStart(plain, jfif + exif(truncatedDirectory))
        case .exifTwice:
            return JPEGSegments.afterStart(plain, jfif + exif(orientationOnly) + exif(orientationOnly))
        case .iccAfterFrameHeader:
            let icc = JPEGSegments.segment(0xE2, Array("ICC_PROFILE".utf8) + [0, 1, 1] + minimalProfile)
            return JPEGSegments.afterFrameHeader(JPEGSegments.afterStart(plain, jfif), icc)
        case .jfifCentimetres:
            return JPEGSegments.afterStart(plain, JPEGSegments.jfif(unit: 2, density: 118))
        case .brokenMPOIndex:
            // "MPF\0", then " M" where the byte order ("MM" or "II") belongs, as in a camera file seen in the wild.
            let mpf = JPEGSegments.segment(0xE2, Array("MPF".utf8) + [0, 0x20, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 0])
            return JPEGSegments.afterStart(plain, jfif + mpf)
        default:
            preconditionFailure("\(fixture) is not a JPEG fixture")
        }
    }

    /// APP1 "Exif\0\0" around a TIFF structure.
    static func exif(_ tiff: [UInt8]) -> [UInt8] {
        JPEGSegments.segment(0xE1, Array("Exif".utf8) + [0, 0] + tiff)
    }

    // Little-endian TIFF structures: "II", 42, first directory at 8.
    static let header: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00]

    /// One entry, Orientation = 1.
    static let orientationOnly: [UInt8] = header + [0x01, 0x00] + [0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00]
        + [0x00, 0x00, 0x00, 0x00]

    /// XResolution and YResolution 300/0 (values after the directory, at 50 and 58), ResolutionUnit inches.
    static let zeroResolution: [UInt8] = header + [0x03, 0x00]
        + [0x1A, 0x01, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 50, 0x00, 0x00, 0x00]
        + [0x1B, 0x01, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 58, 0x00, 0x00, 0x00]
        + [0x28, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00]
        + [0x00, 0x00, 0x00, 0x00]
        + [0x2C, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00] + [0x2C, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]

    /// A directory that declares 12 entries; the block ends after the first.
    static let truncatedDirectory: [UInt8] = header + [0x0C, 0x00] + [0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00]

    /// The smallest well-formed ICC header (version 2.1 display profile, RGB to XYZ) with no tags.
    static let minimalProfile: [UInt8] = {
        var p = [UInt8](repeating: 0, count: 132)
        p[3] = 132                                               // profile size
        p[8] = 0x02; p[9] = 0x10                                 // version 2.1
        for (offset, text) in [(12, "mntr"), (16, "RGB "), (20, "XYZ "), (36, "acsp")] {
            p.replaceSubrange(offset..<(offset + 4), with: Array(text.utf8))
        }
        return p
    }()
}
