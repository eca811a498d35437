/// Damage that Memoria's own checks find, where a codec library would not complain (or would read
/// bytes that are not the image): pixel data that is missing, truncated, or laid out inconsistently
/// with the tags that describe it. Pages are 0-based here and shown 1-based to people.
public enum StructuralDamage: Equatable, Sendable {
    /// A strip (or tile) of a plane has a byte count of 0: its pixels are missing.
    case emptyStrip(page: Int, plane: Int, index: Int, tiled: Bool)
    /// An uncompressed strip (or tile) holds fewer bytes than its rows need.
    case shortStrip(page: Int, plane: Int, index: Int, tiled: Bool, bytes: Int, expected: Int)
    /// BitsPerSample has a different number of values than SamplesPerPixel.
    case bitsPerSampleCount(page: Int, values: Int, samples: Int)
    /// StripOffsets has a different number of values than RowsPerStrip implies.
    case stripCount(page: Int, offsets: Int, expected: Int, rowsPerStrip: Int)
    /// StripByteCounts and StripOffsets have different numbers of values.
    case stripByteCountCount(page: Int, counts: Int, offsets: Int)
    /// A compressed PNG chunk (zTXt, iTXt, iCCP) expands beyond the limit: a decompression bomb.
    case compressedChunkTooLarge(chunk: String, limit: Int)

    /// One line in English for logs and PREMIS.
    public var logDescription: String {
        switch self {
        case .emptyStrip(let page, let plane, let index, let tiled):
            return "page \(page + 1): \(tiled ? "tile" : "strip") \(index) of plane \(plane) has a byte count of 0"
        case .shortStrip(let page, let plane, let index, let tiled, let bytes, let expected):
            return "page \(page + 1): uncompressed \(tiled ? "tile" : "strip") \(index) of plane \(plane) holds \(bytes) bytes, its rows need \(expected)"
        case .bitsPerSampleCount(let page, let values, let samples):
            return "page \(page + 1): BitsPerSample has \(values) value(s) but SamplesPerPixel is \(samples)"
        case .stripCount(let page, let offsets, let expected, let rowsPerStrip):
            return "page \(page + 1): StripOffsets has \(offsets) values but RowsPerStrip \(rowsPerStrip) implies \(expected) strips"
        case .stripByteCountCount(let page, let counts, let offsets):
            return "page \(page + 1): StripByteCounts has \(counts) values and StripOffsets \(offsets)"
        case .compressedChunkTooLarge(let chunk, let limit):
            return "\(chunk) chunk expands beyond \(limit / 1024) KiB (decompression bomb)"
        }
    }
}

// MARK: - Texts for archivists (Spanish)

extension StructuralDamage {
    /// What is damaged, in Spanish, as a phrase (no final period).
    public var archivistPhrase: String {
        switch self {
        case .emptyStrip(let page, let plane, let index, let tiled):
            return "en la página \(page + 1), \(tiled ? "el mosaico" : "la franja") \(index + 1) del plano \(plane + 1) \(tiled ? "está vacío" : "está vacía") (0 bytes): faltan esos píxeles"
        case .shortStrip(let page, let plane, let index, let tiled, let bytes, let expected):
            return "en la página \(page + 1), \(tiled ? "el mosaico" : "la franja") \(index + 1) del plano \(plane + 1) tiene \(bytes) bytes de los \(expected) que necesitan sus filas: la imagen está truncada"
        case .bitsPerSampleCount(let page, let values, let samples):
            return "en la página \(page + 1), la etiqueta BitsPerSample tiene \(values) valor(es) pero la imagen declara \(samples) muestras por píxel: no se sabe cómo están dispuestos los píxeles"
        case .stripCount(let page, let offsets, let expected, _):
            return "en la página \(page + 1), la imagen declara \(offsets) franjas pero sus dimensiones implican \(expected): no se sabe dónde están los píxeles"
        case .stripByteCountCount(let page, let counts, let offsets):
            return "en la página \(page + 1), hay \(counts) longitudes de franja para \(offsets) franjas"
        case .compressedChunkTooLarge(let chunk, let limit):
            return "el fragmento \(chunk) se descomprime a más de \(limit / 1024) KiB (una posible bomba de descompresión)"
        }
    }
}
