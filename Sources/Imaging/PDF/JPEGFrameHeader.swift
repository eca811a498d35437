/// What a PDF needs to know about a JPEG it embeds without decoding it: the frame's size, number
/// of components and sample precision (from the SOF marker), and whether an Adobe APP14 marker says
/// its CMYK values are stored inverted, and the JFIF density when it is in dots per inch or per
/// centimetre. Reads markers only; the entropy-coded data is not touched.
struct JPEGFrameHeader: Equatable {
    var width: Int
    var height: Int
    var components: Int
    var bitsPerComponent: Int
    var adobe: Bool
    /// Pixels per inch from the JFIF header, when it states them.
    var density: Density?

    struct Density: Equatable {
        var x: Double
        var y: Double
    }

    enum Problem: Error, Equatable {
        case notJPEG
        case noFrame
        case unsupported(String)
    }

    init(_ bytes: [UInt8]) throws(Problem) {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { throw .notJPEG }
        var i = 2
        var adobe = false
        var density: Density?
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { throw .noFrame }
            let marker = bytes[i + 1]
            if marker == 0xFF { i += 1; continue }   // fill byte
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { i += 2; continue }
            if marker == 0xD9 || marker == 0xDA { break }   // end of image, or scan data before any frame
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2, i + 2 + length <= bytes.count else { throw .noFrame }
            let body = i + 4
            if marker == 0xEE, length >= 7, Array(bytes[body..<(body + 5)]) == Array("Adobe".utf8) { adobe = true }
            if marker == 0xE0, length >= 14, Array(bytes[body..<(body + 5)]) == Array("JFIF\0".utf8) {
                let unit = bytes[body + 7]
                let x = Double(Int(bytes[body + 8]) << 8 | Int(bytes[body + 9])), y = Double(Int(bytes[body + 10]) << 8 | Int(bytes[body + 11]))
                if x > 0 && y > 0 && (unit == 1 || unit == 2) { density = unit == 1 ? Density(x: x, y: y) : Density(x: x * 2.54, y: y * 2.54) }
            }
            // SOF0...SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard length >= 8 else { throw .noFrame }
                if [0xC3, 0xC7, 0xCB, 0xCF].contains(marker) { throw .unsupported("lossless JPEG") }
                if marker >= 0xC9 { throw .unsupported("arithmetic-coded JPEG") }
                bitsPerComponent = Int(bytes[body])
                height = Int(bytes[body + 1]) << 8 | Int(bytes[body + 2])
                width = Int(bytes[body + 3]) << 8 | Int(bytes[body + 4])
                components = Int(bytes[body + 5])
                self.adobe = adobe
                self.density = density
                guard width > 0, height > 0 else { throw .unsupported("a frame of \(width)×\(height) pixels") }
                guard bitsPerComponent == 8 else { throw .unsupported("\(bitsPerComponent)-bit samples") }
                guard [1, 3, 4].contains(components) else { throw .unsupported("\(components) components") }
                // An APP14 after the frame header still counts.
                var j = i + 2 + length
                while j + 4 <= bytes.count, bytes[j] == 0xFF, bytes[j + 1] != 0xDA {
                    let l = Int(bytes[j + 2]) << 8 | Int(bytes[j + 3])
                    if bytes[j + 1] == 0xEE, l >= 7, j + 9 <= bytes.count, Array(bytes[(j + 4)..<(j + 9)]) == Array("Adobe".utf8) { self.adobe = true }
                    j += 2 + l
                }
                return
            }
            i += 2 + length
        }
        throw .noFrame
    }
}
