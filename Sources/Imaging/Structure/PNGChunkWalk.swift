import Foundation

/// PNG without the image stream: walks the chunks of a file by their headers (reading only the
/// compressed text and profile chunks whole), for the checks made before decoding: data after IEND
/// and compressed chunks that expand too far. Where the image's zlib stream ends is left to the
/// decode, which inflates it anyway: libpng reports padding after the stream in its last chunk, the
/// decoder counts IDAT chunks met after the rows, and only then is the stream measured again
/// (`PNGStructure.imageDataLeftovers`) to say how many bytes.
enum PNGChunkWalk {
    static func findings(fileAt url: URL, size: Int) -> StructureFindings {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return StructureFindings() }   // libpng reports the unreadable file
        defer { close(fd) }
        var offset = 8
        var sawEnd = false
        var compressed: [PNGStructure.Chunk] = []
        var header = [UInt8](repeating: 0, count: 8)
        while offset + 8 <= size {
            guard readFully(fd, into: &header, at: offset) else { return StructureFindings() }
            let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
            let type = String(decoding: header[4..<8], as: UTF8.self)
            guard offset + 12 + length <= size else { return StructureFindings() }   // libpng reports truncation
            if type == "zTXt" || type == "iTXt" || type == "iCCP" { compressed.append(.init(type: type, start: offset + 8, length: length)) }
            offset += 12 + length
            if type == "IEND" { sawEnd = true; break }
        }
        var observations: [DecodeObservation] = []
        if sawEnd, offset < size {
            observations.append(DecodeObservation(.pngDataAfterEnd, detail: "\(size - offset) byte(s) after the IEND chunk"))
        }
        for chunk in compressed {
            var body = [UInt8](repeating: 0, count: chunk.length)
            guard readFully(fd, into: &body, at: chunk.start) else { return StructureFindings(observations: observations) }
            if PNGStructure.expandsTooFar(body, type: chunk.type) {
                return StructureFindings(damage: .compressedChunkTooLarge(chunk: chunk.type, limit: PNGStructure.maxTextExpansion),
                                         observations: observations)
            }
        }
        return StructureFindings(observations: observations)
    }

    /// Fills `buffer` from `offset`; false when the file is shorter or unreadable.
    private static func readFully(_ fd: Int32, into buffer: inout [UInt8], at offset: Int) -> Bool {
        var done = 0
        let wanted = buffer.count
        while done < wanted {
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, wanted - done, off_t(offset + done)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return false }
            done += got
        }
        return true
    }
}
