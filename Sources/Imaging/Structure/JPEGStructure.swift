/// JPEG: the segments before the first scan. The EXIF (APP1) and MPF (APP2) blocks must be
/// well-formed TIFF structures and EXIF must appear once; an ICC segment after the frame header and
/// a JFIF density in centimetres are unusual. All of these are observations, never damage: libjpeg
/// judges the image data itself.
enum JPEGStructure {
    static func findings(_ b: [UInt8]) -> StructureFindings {
        var observations: [DecodeObservation] = []
        var exifBlocks = 0, sawFrameHeader = false
        var offset = 2
        while offset + 4 <= b.count, b[offset] == 0xFF {
            let marker = b[offset + 1]
            if marker == 0xFF { offset += 1; continue }
            if marker == 0xDA || marker == 0xD9 { break }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { offset += 2; continue }
            let length = Int(b[offset + 2]) << 8 | Int(b[offset + 3])
            let start = offset + 4, end = min(b.count, offset + 2 + length)
            guard length >= 2, start <= end else { break }
            let payload = Array(b[start..<end])
            switch marker {
            case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                sawFrameHeader = true
            case 0xE0 where payload.starts(with: Array("JFIF\0".utf8)) && payload.count >= 12 && payload[7] == 2:
                let x = Int(payload[8]) << 8 | Int(payload[9]), y = Int(payload[10]) << 8 | Int(payload[11])
                observations.append(DecodeObservation(.jfifDensityCentimetres, detail: "JFIF density unit 2 (dots per centimetre): \(x) x \(y)"))
            case 0xE1 where payload.starts(with: Array("Exif\0\0".utf8)):
                exifBlocks += 1
                if exifBlocks == 1, let problem = TIFFBlock.problem(Array(payload.dropFirst(6))) {
                    observations.append(DecodeObservation(exifCode(problem), detail: problem.detail(block: "EXIF")))
                }
            case 0xE2 where payload.starts(with: Array("ICC_PROFILE\0".utf8)) && sawFrameHeader:
                observations.append(DecodeObservation(.iccAfterFrameHeader, detail: "APP2 ICC_PROFILE segment at byte \(offset), after the frame header (SOF)"))
            case 0xE2 where payload.starts(with: Array("MPF\0".utf8)):
                if let problem = TIFFBlock.problem(Array(payload.dropFirst(4))) {
                    observations.append(DecodeObservation(.mpfUnreadable, detail: problem.detail(block: "MPF")))
                }
            default: break
            }
            offset += 2 + length
        }
        if exifBlocks > 1 {
            observations.append(DecodeObservation(.exifRepeated, detail: "\(exifBlocks) APP1 Exif segments; the first is used"))
        }
        return StructureFindings(observations: observations.uniquedByCodeAndPage())
    }

    static func exifCode(_ problem: TIFFBlock.Problem) -> DecodeObservation.Code {
        switch problem {
        case .tooShort, .noByteOrder, .noSignature: return .exifUnreadable
        case .directoryOutside, .valueOutside: return .exifTruncated
        case .zeroDenominator: return .exifZeroResolution
        }
    }
}
