/// The PNG quirk fixtures, chunk by chunk: the gray test chart (or a 1x1 palette image) with an
/// unusual ancillary chunk or data where none belongs.
enum QuirkPNGs {
    static let paletteColour: [UInt8] = [200, 40, 90]

    static func bytes(_ fixture: QuirkFixture) -> [UInt8] {
        let w = QuirkChart.width, h = QuirkChart.height
        let stream = PNGBytes.zlibStream(rows: QuirkChart.gray, rowBytes: w)
        let gray = PNGBytes.signature + PNGBytes.header(width: w, height: h, bitDepth: 8, colorType: 0)
        let end = PNGBytes.chunk("IEND", [])
        switch fixture {
        case .transparencyOn1x1:
            // One palette entry, and two transparency entries: more than the palette has.
            return PNGBytes.signature + PNGBytes.header(width: 1, height: 1, bitDepth: 8, colorType: 3)
                + PNGBytes.chunk("PLTE", paletteColour) + PNGBytes.chunk("tRNS", [0, 0])
                + PNGBytes.chunk("IDAT", PNGBytes.zlibStream(rows: [0], rowBytes: 1)) + end
        case .iccpWithoutProfile:
            return gray + PNGBytes.chunk("iCCP", Array("ICC Profile".utf8) + [0, 0]) + PNGBytes.chunk("IDAT", stream) + end
        case .imageDataPadded:
            return gray + PNGBytes.chunk("IDAT", stream + [0, 0, 0]) + end
        case .imageDataAfterEnd:
            return gray + PNGBytes.chunk("IDAT", stream) + PNGBytes.chunk("IDAT", PNGBytes.zlibStream(rows: [0, 0, 0, 0], rowBytes: 4)) + end
        case .dataAfterIEND:
            return gray + PNGBytes.chunk("IDAT", stream) + end + [0x0A]
        default:
            preconditionFailure("\(fixture) is not a PNG fixture")
        }
    }
}
