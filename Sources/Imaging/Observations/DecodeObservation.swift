/// Something unusual about a master whose pixels all decoded: a metadata block, an ancillary chunk or
/// a structural oddity that the scanner or camera wrote. The master is archived as it is and the
/// observation is recorded (PREMIS validation outcome detail, MIX where it applies, the batch
/// report). Damage is not an observation: missing, truncated or corrupt pixel data throws
/// `ImagingError`.
public struct DecodeObservation: Equatable, Hashable, Sendable, Codable {
    /// Stable codes for reports, the catalog and tests. Never renamed: archived records use them.
    public enum Code: String, Equatable, Hashable, Sendable, Codable, CaseIterable {
        /// The EXIF block declares no valid byte order or TIFF signature; it was ignored.
        case exifUnreadable = "exif-unreadable"
        /// An EXIF directory or value points outside the block; only the complete fields were read.
        case exifTruncated = "exif-truncated"
        /// An EXIF resolution is a fraction with a zero denominator; that resolution was ignored.
        case exifZeroResolution = "exif-zero-resolution"
        /// More than one EXIF block; the first was used.
        case exifRepeated = "exif-repeated"
        /// The embedded ICC profile is empty or malformed and was ignored.
        case iccProfileUnusable = "icc-profile-unusable"
        /// A JPEG's ICC profile segment comes after the frame header (SOF), an unusual order.
        case iccAfterFrameHeader = "icc-after-frame-header"
        /// A JFIF header states its density in dots per centimetre.
        case jfifDensityCentimetres = "jfif-density-centimetres"
        /// A JPEG's multi-picture index (MPF, APP2) is malformed; only the primary image is used.
        case mpfUnreadable = "mpf-unreadable"
        /// A PNG tRNS chunk does not fit the image and was ignored.
        case pngTransparencyIgnored = "png-transparency-ignored"
        /// A PNG's image data holds bytes after the end of its compressed stream, in the same chunk.
        case pngImageDataPadded = "png-image-data-padded"
        /// A PNG has image-data (IDAT) chunks after its compressed stream ended.
        case pngImageDataAfterEnd = "png-image-data-after-end"
        /// A PNG has bytes after its IEND chunk.
        case pngDataAfterEnd = "png-data-after-end"
        /// A stripped TIFF page without RowsPerStrip (TIFF 6.0 default: the whole image is one strip).
        case tiffRowsPerStripMissing = "tiff-rows-per-strip-missing"
        /// A TIFF's chain of directories (pages) points back to an earlier one; it ends there.
        case tiffDirectoryLoop = "tiff-directory-loop"
        /// The decoder reported missing or corrupt pixel data and strict decoding is off.
        case damageTolerated = "damage-tolerated"
    }

    public var code: Code
    /// The 0-based page (TIFF directory) concerned; nil when the observation concerns the whole file.
    public var page: Int?
    /// The technical finding verbatim, in English: the library's own warning or Memoria's check.
    /// For PREMIS event details and JSON, never shown to archivists as it is.
    public var detail: String

    public init(_ code: Code, page: Int? = nil, detail: String) {
        self.code = code
        self.page = page
        self.detail = detail
    }
}

extension Array where Element == DecodeObservation {
    /// The observations with one entry per code and page (libraries and Memoria's own checks may
    /// both notice the same quirk); the first one's detail is kept.
    func uniquedByCodeAndPage() -> [DecodeObservation] {
        var seen: Set<String> = []
        return filter { seen.insert("\($0.code.rawValue)#\($0.page ?? -1)").inserted }
    }
}

// MARK: - Texts for archivists (Spanish)

extension DecodeObservation {
    /// What is unusual and what Memoria did about it, in Spanish, saying that the master was
    /// archived anyway. For reports and the PREMIS outcome detail.
    public var archivistMessage: String {
        let place = page.map { "En la página \($0 + 1): " } ?? ""
        let sentence = Self.whatIsUnusual(code)
        let what = place.isEmpty ? sentence : place + sentence.prefix(1).lowercased() + sentence.dropFirst()
        if code == .damageTolerated { return what }
        return what + " Todos los píxeles se decodificaron y el máster se archivó tal cual."
    }

    static func whatIsUnusual(_ code: Code) -> String {
        switch code {
        case .exifUnreadable:
            return "El bloque EXIF (datos de la cámara o del escáner) no declara un orden de bytes ni una firma válidos; se ignoró."
        case .exifTruncated:
            return "El bloque EXIF está truncado (un directorio o un valor apunta fuera del bloque); se leyeron solo los campos completos."
        case .exifZeroResolution:
            return "El bloque EXIF declara una resolución con denominador cero (una división entre cero); esa resolución se ignoró."
        case .exifRepeated:
            return "El archivo tiene más de un bloque EXIF; se usó el primero."
        case .iccProfileUnusable:
            return "El perfil de color ICC incrustado está vacío o mal formado y se ignoró; las copias de consulta se tratan como sRGB."
        case .iccAfterFrameHeader:
            return "El perfil de color ICC está después del encabezado de la imagen (SOF), un orden poco habitual."
        case .jfifDensityCentimetres:
            return "La resolución está declarada en puntos por centímetro (JFIF), no en puntos por pulgada; se registró en esa unidad."
        case .mpfUnreadable:
            return "El índice de imágenes múltiples (MPF) está mal formado; se usó solo la imagen principal."
        case .pngTransparencyIgnored:
            return "El fragmento de transparencia (tRNS) no corresponde a la imagen y se ignoró; la imagen se muestra opaca."
        case .pngImageDataPadded:
            return "Los datos de imagen tienen bytes de relleno después del final del flujo comprimido; se ignoraron."
        case .pngImageDataAfterEnd:
            return "Hay fragmentos de datos de imagen (IDAT) después del final de la imagen; se ignoraron."
        case .pngDataAfterEnd:
            return "Hay datos después del final del archivo PNG (IEND); se ignoraron."
        case .tiffRowsPerStripMissing:
            return "El TIFF no declara RowsPerStrip; se leyó con el valor por omisión de TIFF 6.0 (toda la imagen en una franja)."
        case .tiffDirectoryLoop:
            return "La cadena de páginas del TIFF vuelve a una página anterior (un ciclo); se leyeron una vez las páginas hasta ese punto."
        case .damageTolerated:
            return "El decodificador informó datos de imagen faltantes o corruptos; se archivó así porque ingest.strict_decoding está desactivado. Revise la imagen y, si está incompleta, vuelva a digitalizarla."
        }
    }
}
