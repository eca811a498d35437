import CZlib

/// Inflates a zlib stream only to measure it: how much it expands to and where it ends.
enum Inflate {
    enum Measure { case complete(bytes: Int, consumed: Int), tooLarge, damaged }

    static func measure(_ input: [UInt8], limit: Int) -> Measure {
        measure(input, pieces: [0..<input.count], limit: limit)
    }

    /// Measures one zlib stream split across `pieces` of `input` (a PNG's IDAT chunks), fed in order
    /// without first copying them together.
    static func measure(_ input: [UInt8], pieces: [Range<Int>], limit: Int) -> Measure {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return .damaged }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var produced = 0, consumed = 0
        return input.withUnsafeBufferPointer { inBuffer -> Measure in
            for (index, piece) in pieces.enumerated() where !piece.isEmpty {
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress! + piece.lowerBound)
                stream.avail_in = UInt32(piece.count)
                let isLast = index == pieces.count - 1
                while true {
                    let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(out.count)
                        let rc = inflate(&stream, Z_NO_FLUSH)
                        produced += out.count - Int(stream.avail_out)
                        return rc
                    }
                    if produced > limit { return .tooLarge }
                    if status == Z_STREAM_END {
                        return .complete(bytes: produced, consumed: consumed + piece.count - Int(stream.avail_in))
                    }
                    if status == Z_BUF_ERROR && stream.avail_in == 0 { break }   // this piece is used up: next one
                    if status != Z_OK { return .damaged }
                    if stream.avail_in == 0 && stream.avail_out != 0 { break }
                }
                consumed += piece.count
                if isLast { return .damaged }
            }
            return .damaged
        }
    }
}
