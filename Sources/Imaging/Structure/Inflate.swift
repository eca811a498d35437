import CZlib

/// Inflates a zlib stream only to measure it: how much it expands to and where it ends.
enum Inflate {
    enum Measure { case complete(bytes: Int, consumed: Int), tooLarge, damaged }

    static func measure(_ input: [UInt8], limit: Int) -> Measure {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return .damaged }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var produced = 0
        return input.withUnsafeBufferPointer { inBuffer -> Measure in
            stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
            stream.avail_in = UInt32(inBuffer.count)
            while true {
                let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let rc = inflate(&stream, Z_NO_FLUSH)
                    produced += out.count - Int(stream.avail_out)
                    return rc
                }
                if produced > limit { return .tooLarge }
                if status == Z_STREAM_END { return .complete(bytes: produced, consumed: inBuffer.count - Int(stream.avail_in)) }
                if status != Z_OK { return .damaged }
                if stream.avail_in == 0 && stream.avail_out != 0 { return .damaged }
            }
        }
    }
}
