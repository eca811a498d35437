/// The TIFF quirk fixtures, tag by tag (uncompressed strips): a missing RowsPerStrip, a 16-bit
/// single channel, a directory chain that loops, and the damage and sample formats to refuse.
enum QuirkTIFFs {
    static func bytes(_ fixture: QuirkFixture) -> [UInt8] {
        let w = QuirkChart.width, h = QuirkChart.height
        switch fixture {
        case .noRowsPerStrip:
            return TIFFBytes().bytes([TIFFBytes.page(width: w, height: h, samples: 1, bits: 8, photometric: 1,
                                                     pixels: QuirkChart.gray, rowsPerStrip: nil)])
        case .gray16SingleChannel:
            // v × 257 reduces to exactly v at 8 bits.
            let samples = QuirkChart.gray.flatMap { v -> [UInt8] in let wide = Int(v) * 257; return [UInt8(wide >> 8), UInt8(wide & 0xFF)] }
            return TIFFBytes(bigEndian: true).bytes([TIFFBytes.page(width: w, height: h, samples: 1, bits: 16, photometric: 1,
                                                                    pixels: samples, rowsPerStrip: 4)])
        case .lastDirectoryPointsToFirst:
            let page = TIFFBytes.page(width: w, height: h, samples: 3, bits: 8, photometric: 2, pixels: QuirkChart.rgb, rowsPerStrip: 6)
            return TIFFBytes(lastPointsTo: 0).bytes([page, page])
        case .zeroLengthPlane:
            var page = TIFFBytes.page(width: w, height: h, samples: 3, bits: 8, photometric: 2, pixels: planes(QuirkChart.rgb),
                                      rowsPerStrip: h, separatePlanes: true)
            page.byteCounts = [w * h, 0, w * h]
            return TIFFBytes().bytes([page])
        case .shortUncompressedStrip:
            var page = TIFFBytes.page(width: w, height: h, samples: 1, bits: 8, photometric: 1, pixels: QuirkChart.gray, rowsPerStrip: 4)
            page.byteCounts = [4 * w, 4 * w, 2 * w]
            return TIFFBytes().bytes([page])
        case .signedSamples:
            let samples = QuirkChart.gray.flatMap { v -> [UInt8] in let s = (Int(v) - 128) * 200; return [UInt8(s & 0xFF), UInt8((s >> 8) & 0xFF)] }
            return TIFFBytes().bytes([TIFFBytes.page(width: w, height: h, samples: 1, bits: 16, photometric: 1,
                                                     pixels: samples, rowsPerStrip: h, sampleFormat: 2)])
        case .floatingPointSamples:
            let samples = QuirkChart.gray.flatMap { v -> [UInt8] in
                let bits = (Float(v) / 255).bitPattern
                return [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
            }
            return TIFFBytes().bytes([TIFFBytes.page(width: w, height: h, samples: 1, bits: 32, photometric: 1,
                                                     pixels: samples, rowsPerStrip: h, sampleFormat: 3)])
        default:
            preconditionFailure("\(fixture) is not a TIFF fixture")
        }
    }

    /// Interleaved RGB rearranged as three planes (R..., G..., B...).
    static func planes(_ rgb: [UInt8]) -> [UInt8] {
        (0..<3).flatMap { c in stride(from: c, to: rgb.count, by: 3).map { rgb[$0] } }
    }
}
