import Foundation

/// Structural conformance checks that the codec libraries do not make, run before decoding: a master
/// can decode to the right pixels and still be a defective file (a broken EXIF block, data after the
/// end of a PNG, a compressed text chunk that expands a thousandfold, a TIFF tag with the wrong count).
/// Each finding is a sentence naming the defect; in strict mode the file is quarantined with it.
public enum StructureCheck {
    /// Reads at most this much of a file for the checks that need the whole stream (PNG).
    static let maxWholeFileBytes = 512 << 20

    public static func problems(fileAt url: URL, format: IdentifiedFormat) -> [String] {
        switch format.kind {
        case .jpeg: return JPEGStructure.problems(prefix(url, 4 << 20))
        case .png:
            guard let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int, size <= maxWholeFileBytes,
                  let data = FileManager.default.contents(atPath: url.path) else { return [] }
            return PNGStructure.problems([UInt8](data))
        case .tiff: return TIFFStructure.problems(url)
        default: return []
        }
    }

    static func prefix(_ url: URL, _ count: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }
}

/// JPEG: the APP1 Exif block and the APP2 MPF block must be well-formed TIFF structures.
enum JPEGStructure {
    static func problems(_ b: [UInt8]) -> [String] {
        var problems: [String] = []
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
            if marker == 0xE1, payload.starts(with: Array("Exif\0\0".utf8)) {
                if let problem = TIFFBlock.problem(Array(payload.dropFirst(6)), name: "EXIF") { problems.append(problem) }
            }
            if marker == 0xE2, payload.starts(with: Array("MPF\0".utf8)) {
                if let problem = TIFFBlock.problem(Array(payload.dropFirst(4)), name: "MPF (multi-imagen)") { problems.append(problem) }
            }
            offset += 2 + length
        }
        return problems
    }
}

/// A TIFF-structured metadata block (EXIF, MPF): byte order, first IFD and every entry in bounds, and
/// resolutions that are real numbers.
enum TIFFBlock {
    static func problem(_ b: [UInt8], name: String) -> String? {
        guard b.count >= 8 else { return "el bloque \(name) es demasiado corto" }
        let little: Bool
        if b[0] == 0x49 && b[1] == 0x49 { little = true } else if b[0] == 0x4D && b[1] == 0x4D { little = false } else {
            return String(format: "el bloque %@ no declara un orden de bytes válido (%02X %02X en vez de II o MM)", name, b[0], b[1])
        }
        func u16(_ at: Int) -> Int? { at + 2 <= b.count ? (little ? Int(b[at]) | Int(b[at + 1]) << 8 : Int(b[at]) << 8 | Int(b[at + 1])) : nil }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let c = u16(at + 2) else { return nil }
            return little ? c << 16 | a : a << 16 | c
        }
        guard u16(2) == 42 else { return "el bloque \(name) no tiene la firma TIFF (42)" }
        guard let ifd = u32(4), let count = u16(ifd), count < 1000, ifd + 2 + count * 12 <= b.count else {
            return "el directorio del bloque \(name) apunta fuera del bloque"
        }
        let sizes = [1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8]
        for i in 0..<count {
            let entry = ifd + 2 + i * 12
            guard let tag = u16(entry), let type = u16(entry + 2), let n = u32(entry + 4) else { continue }
            guard let size = sizes[type] else { continue }
            let bytes = size * n
            if bytes > 4 {
                guard let at = u32(entry + 8), at + bytes <= b.count else {
                    return String(format: "la etiqueta 0x%04X del bloque %@ apunta fuera del bloque", tag, name)
                }
                if (tag == 0x011A || tag == 0x011B) && type == 5, let den = u32(at + 4), den == 0 {
                    return "el bloque \(name) declara una resolución con denominador cero (\(tag == 0x011A ? "XResolution" : "YResolution") = \(u32(at) ?? 0)/0)"
                }
            }
        }
        return nil
    }
}

/// PNG: chunk order, nothing after IEND, IDAT data forming exactly one zlib stream, and compressed text
/// chunks that do not expand beyond a sane size.
enum PNGStructure {
    static let maxTextExpansion = 1 << 20

    static func problems(_ b: [UInt8]) -> [String] {
        var problems: [String] = []
        var offset = 8
        var chunks: [(type: String, start: Int, length: Int)] = []
        while offset + 8 <= b.count {
            let length = Int(b[offset]) << 24 | Int(b[offset + 1]) << 16 | Int(b[offset + 2]) << 8 | Int(b[offset + 3])
            let type = String(decoding: b[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard offset + 12 + length <= b.count else { return problems }   // libpng reports truncation
            chunks.append((type, offset + 8, length))
            offset += 12 + length
            if type == "IEND" { break }
        }
        if offset < b.count, chunks.last?.type == "IEND" {
            problems.append("hay \(b.count - offset) byte(s) después del final de la imagen (IEND)")
        }
        if let firstIDAT = chunks.firstIndex(where: { $0.type == "IDAT" }),
           let lastIDAT = chunks.lastIndex(where: { $0.type == "IDAT" }),
           chunks[firstIDAT...lastIDAT].contains(where: { $0.type != "IDAT" }) {
            problems.append("los fragmentos IDAT no son consecutivos (hay datos de imagen después de otros fragmentos)")
        }
        let idat = chunks.filter { $0.type == "IDAT" }.map { $0.start..<($0.start + $0.length) }
        let idatBytes = idat.reduce(0) { $0 + $1.count }
        if idatBytes > 0 {
            switch Inflate.measure(b, pieces: idat, limit: Int.max / 2) {
            case .complete(_, let consumed) where consumed < idatBytes:
                problems.append("los datos de imagen contienen \(idatBytes - consumed) byte(s) sobrantes después del flujo comprimido")
            default: break
            }
        }
        for chunk in chunks where chunk.type == "zTXt" || chunk.type == "iTXt" || chunk.type == "iCCP" {
            let body = Array(b[chunk.start..<(chunk.start + chunk.length)])
            guard let nul = body.firstIndex(of: 0) else { continue }
            var start = nul + 2                                  // keyword\0 + compression method
            if chunk.type == "iTXt" {
                guard nul + 2 < body.count, body[nul + 1] == 1 else { continue }   // not compressed
                start = nul + 3
                for _ in 0..<2 { guard let next = body[start...].firstIndex(of: 0) else { break }; start = next + 1 }
            }
            guard start < body.count else { continue }
            if case .tooLarge = Inflate.measure(Array(body[start...]), limit: maxTextExpansion) {
                problems.append("el fragmento \(chunk.type) se descomprime a más de \(maxTextExpansion / 1024) KiB (posible bomba de descompresión)")
            }
        }
        return problems
    }
}

/// TIFF: each directory's BitsPerSample holds one value per sample.
enum TIFFStructure {
    static func problems(_ url: URL) -> [String] {
        let b = StructureCheck.prefix(url, 16 << 20)
        guard b.count >= 8 else { return [] }
        let little = b[0] == 0x49
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= b.count ? (little ? Int(b[at]) | Int(b[at + 1]) << 8 : Int(b[at]) << 8 | Int(b[at + 1])) : nil }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let c = u16(at + 2) else { return nil }
            return little ? c << 16 | a : a << 16 | c
        }
        guard u16(2) == 42, var ifd = u32(4) else { return [] }   // BigTIFF: left to libtiff
        var seen: Set<Int> = []
        var problems: [String] = []
        var page = 1
        while ifd != 0, !seen.contains(ifd), let count = u16(ifd), count < 4096, seen.count < 1000 {
            seen.insert(ifd)
            var spp = 1, bpsCount: Int?, offsetsCount: Int?, countsCount: Int?
            var rowsPerStrip: Int?, length: Int?, planar = 1, tiled = false
            for i in 0..<count {
                let entry = ifd + 2 + i * 12
                guard let tag = u16(entry), let type = u16(entry + 2), let n = u32(entry + 4) else { break }
                let value = type == 3 ? u16(entry + 8) : u32(entry + 8)
                switch tag {
                case 257: length = value
                case 258: bpsCount = n
                case 273: offsetsCount = n
                case 277: spp = value ?? 1
                case 278: rowsPerStrip = value
                case 279: countsCount = n
                case 284: planar = value ?? 1
                case 322, 323, 324, 325: tiled = true
                default: break
                }
            }
            if let bpsCount, bpsCount != spp {
                problems.append("en la página \(page), BitsPerSample tiene \(bpsCount) valor(es) pero SamplesPerPixel es \(spp)")
            }
            if !tiled, let length, length > 0, let offsetsCount {
                let rows = max(1, min(rowsPerStrip ?? length, length))
                let expected = (length + rows - 1) / rows * (planar == 2 ? spp : 1)
                if offsetsCount != expected {
                    problems.append("en la página \(page), StripOffsets tiene \(offsetsCount) valores pero RowsPerStrip (\(rowsPerStrip ?? length)) implica \(expected) franjas")
                } else if let countsCount, countsCount != offsetsCount {
                    problems.append("en la página \(page), StripByteCounts tiene \(countsCount) valores y StripOffsets \(offsetsCount)")
                }
            }
            guard let next = u32(ifd + 2 + count * 12) else { break }
            ifd = next
            page += 1
        }
        return problems
    }
}
