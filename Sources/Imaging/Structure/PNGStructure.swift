/// PNG: the chunk sequence, where the image's zlib stream ends among its IDAT chunks, what follows
/// IEND, and how far compressed text chunks would expand. Data after the stream or after IEND is an
/// observation (libpng decodes every pixel before it); a compressed chunk that expands a
/// thousandfold is refused as damage. A master's decode runs `PNGChunkWalk` before it and measures
/// the stream here only when libpng met data after the stream's end (`leftovers(in:)`).
enum PNGStructure {
    static let maxTextExpansion = 1 << 20

    struct Chunk { let type: String; let start: Int; let length: Int }

    /// The chunks up to IEND and the offset after the last one; nil when a chunk runs past the end
    /// (libpng reports the truncation).
    static func chunks(_ b: [UInt8]) -> (chunks: [Chunk], end: Int)? {
        var offset = 8
        var chunks: [Chunk] = []
        while offset + 8 <= b.count {
            let length = Int(b[offset]) << 24 | Int(b[offset + 1]) << 16 | Int(b[offset + 2]) << 8 | Int(b[offset + 3])
            let type = String(decoding: b[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard offset + 12 + length <= b.count else { return nil }
            chunks.append(Chunk(type: type, start: offset + 8, length: length))
            offset += 12 + length
            if type == "IEND" { break }
        }
        return (chunks, offset)
    }

    /// Where the image's zlib stream ends among the IDAT chunks of a whole file in memory.
    static func leftovers(in b: [UInt8]) -> [DecodeObservation] {
        guard let (chunks, _) = chunks(b) else { return [] }
        return imageDataLeftovers(b, chunks: chunks)
    }

    static func findings(_ b: [UInt8]) -> StructureFindings {
        var observations: [DecodeObservation] = []
        guard let (chunks, offset) = chunks(b) else { return StructureFindings() }
        if offset < b.count, chunks.last?.type == "IEND" {
            observations.append(DecodeObservation(.pngDataAfterEnd, detail: "\(b.count - offset) byte(s) after the IEND chunk"))
        }
        observations += imageDataLeftovers(b, chunks: chunks)
        for chunk in chunks where chunk.type == "zTXt" || chunk.type == "iTXt" || chunk.type == "iCCP" {
            if expandsTooFar(Array(b[chunk.start..<(chunk.start + chunk.length)]), type: chunk.type) {
                return StructureFindings(damage: .compressedChunkTooLarge(chunk: chunk.type, limit: maxTextExpansion),
                                         observations: observations)
            }
        }
        return StructureFindings(observations: observations)
    }

    /// Follows the zlib stream across the IDAT chunks (without copying them together): bytes left in
    /// the chunk where it ends are padding; IDAT chunks after that one hold data after the image end.
    static func imageDataLeftovers(_ b: [UInt8], chunks: [Chunk]) -> [DecodeObservation] {
        let idat = chunks.filter { $0.type == "IDAT" }
        let pieces = idat.map { $0.start..<($0.start + $0.length) }
        let total = pieces.reduce(0) { $0 + $1.count }
        guard total > 0, case .complete(_, let consumed) = Inflate.measure(b, pieces: pieces, limit: Int.max / 2),
              consumed < total else { return [] }
        var result: [DecodeObservation] = []
        var before = 0
        for (index, piece) in pieces.enumerated() {
            guard consumed < before + piece.count || (consumed == before + piece.count && index < pieces.count - 1) else {
                before += piece.count
                continue
            }
            let padding = before + piece.count - consumed
            if padding > 0 {
                result.append(DecodeObservation(.pngImageDataPadded, detail: "\(padding) byte(s) after the end of the zlib stream in IDAT chunk \(index + 1)"))
            }
            let later = pieces.count - index - 1
            if later > 0 {
                let bytes = pieces[(index + 1)...].reduce(0) { $0 + $1.count }
                result.append(DecodeObservation(.pngImageDataAfterEnd, detail: "\(later) IDAT chunk(s), \(bytes) byte(s), after the end of the zlib stream"))
            }
            break
        }
        return result
    }

    /// Whether a compressed chunk's text or profile would expand beyond `maxTextExpansion`.
    static func expandsTooFar(_ body: [UInt8], type: String) -> Bool {
        guard let nul = body.firstIndex(of: 0) else { return false }
        var start = nul + 2                                  // keyword\0 + compression method
        if type == "iTXt" {
            guard nul + 2 < body.count, body[nul + 1] == 1 else { return false }   // not compressed
            start = nul + 3
            for _ in 0..<2 {
                guard start < body.count, let next = body[start...].firstIndex(of: 0) else { return false }
                start = next + 1
            }
        }
        guard start < body.count else { return false }
        if case .tooLarge = Inflate.measure(Array(body[start...]), limit: maxTextExpansion) { return true }
        return false
    }
}
