import Foundation

/// TIFF: each directory's tags that lay out the pixels must agree with each other: BitsPerSample
/// holds one value per sample, and StripOffsets and StripByteCounts one value per strip. libtiff
/// guesses past such contradictions; Memoria does not archive a guess. A stripped directory without
/// RowsPerStrip is an observation (TIFF 6.0 gives it a default); directory loops are noticed by
/// libtiff, and empty strips by the decoder.
enum TIFFStructure {
    /// Walks the directories of a file by reading each one where it lies (`pread`), not the file.
    static func findings(fileAt url: URL) -> StructureFindings {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return StructureFindings() }   // libtiff reports the unreadable file
        defer { close(fd) }
        return findings { offset, count in FileSlice.bytes(fd, at: offset, count: count) }
    }

    /// The same walk over a file already in memory.
    static func findings(_ b: [UInt8]) -> StructureFindings {
        findings { offset, count in
            guard offset < b.count else { return [] }
            return Array(b[offset..<min(b.count, offset + count)])
        }
    }

    /// The walk itself: `read(offset, count)` gives the bytes there, fewer at the end of the file.
    static func findings(reading read: (Int, Int) -> [UInt8]) -> StructureFindings {
        guard let header = EndianReader(tiffStructure: read(0, 8)), header.u16(2) == 42, var ifd = header.u32(4) else {
            return StructureFindings()   // BigTIFF, or not TIFF at all: left to libtiff
        }
        let littleEndian = header.littleEndian
        var seen: Set<Int> = []
        var page = 0
        var observations: [DecodeObservation] = []
        while ifd != 0, seen.insert(ifd).inserted,
              let count = EndianReader(bytes: read(ifd, 2), littleEndian: littleEndian).u16(0), count < 4096, seen.count <= 1000 {
            // The entry count, the entries and the next directory's offset, read as they lie.
            let r = EndianReader(bytes: read(ifd, 2 + count * 12 + 4), littleEndian: littleEndian)
            let (damage, observation) = directory(r, ifd: 0, count: count, page: page)
            if let observation { observations.append(observation) }
            if let damage { return StructureFindings(damage: damage, observations: observations) }
            guard let next = r.u32(2 + count * 12) else { break }
            ifd = next
            page += 1
        }
        return StructureFindings(observations: observations)
    }

    static func directory(_ r: EndianReader, ifd: Int, count: Int, page: Int) -> (StructuralDamage?, DecodeObservation?) {
        var samples = 1, bitsCount: Int?, offsetsCount: Int?, countsCount: Int?
        var rowsPerStrip: Int?, length: Int?, planar = 1, tiled = false
        for i in 0..<count {
            let entry = ifd + 2 + i * 12
            guard let tag = r.u16(entry), let type = r.u16(entry + 2), let n = r.u32(entry + 4) else { break }
            let value = type == 3 ? r.u16(entry + 8) : r.u32(entry + 8)
            switch tag {
            case 257: length = value
            case 258: bitsCount = n
            case 273: offsetsCount = n
            case 277: samples = value ?? 1
            case 278: rowsPerStrip = value
            case 279: countsCount = n
            case 284: planar = value ?? 1
            case 322, 323, 324, 325: tiled = true
            default: break
            }
        }
        if let bitsCount, bitsCount != samples {
            return (.bitsPerSampleCount(page: page, values: bitsCount, samples: samples), nil)
        }
        guard !tiled, let length, length > 0, let offsetsCount else { return (nil, nil) }
        let defaulted = rowsPerStrip == nil
            ? DecodeObservation(.tiffRowsPerStripMissing, page: page, detail: "directory \(page) has no RowsPerStrip (278); the TIFF 6.0 default, the whole image (\(length) rows), applies")
            : nil
        let rows = max(1, min(rowsPerStrip ?? length, length))
        // Values are up to 32 bits each: the product may exceed Int, which is damage anyway.
        let (expected, overflow) = ((length + rows - 1) / rows).multipliedReportingOverflow(by: planar == 2 ? samples : 1)
        if overflow { return (.stripCount(page: page, offsets: offsetsCount, expected: Int.max, rowsPerStrip: rowsPerStrip ?? length), defaulted) }
        if offsetsCount != expected {
            return (.stripCount(page: page, offsets: offsetsCount, expected: expected, rowsPerStrip: rowsPerStrip ?? length), defaulted)
        }
        if let countsCount, countsCount != offsetsCount {
            return (.stripByteCountCount(page: page, counts: countsCount, offsets: offsetsCount), defaulted)
        }
        return (nil, defaulted)
    }
}
