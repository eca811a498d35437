import CFreeType
import Foundation

/// Renders text with FreeType from a TrueType font installed on the system (DejaVu Serif from
/// Debian's fonts-dejavu-core), into 8-bit coverage masks.
public final class FontRasterizer {
    public enum FontError: Error, CustomStringConvertible {
        case fontNotFound(searched: [String])
        case freetype(String)

        public var description: String {
            switch self {
            case .fontNotFound(let searched):
                return "no TrueType font found (looked for \(searched.joined(separator: ", "))); install fonts-dejavu-core"
            case .freetype(let message): return "FreeType: \(message)"
            }
        }
    }

    public static let candidateFonts = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/TTF/DejaVuSerif.ttf",
        "/usr/share/fonts/dejavu/DejaVuSerif.ttf",
    ]

    private var library: FT_Library?
    private var face: FT_Face?
    public private(set) var pixelSize: Int = 0

    public init(fontPath: String? = nil) throws {
        let candidates = fontPath.map { [$0] } ?? Self.candidateFonts
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw FontError.fontNotFound(searched: candidates)
        }
        guard FT_Init_FreeType(&library) == 0 else { throw FontError.freetype("cannot initialise") }
        guard FT_New_Face(library, path, 0, &face) == 0 else { throw FontError.freetype("cannot load \(path)") }
    }

    deinit {
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
    }

    public func setPixelSize(_ size: Int) {
        pixelSize = size
        FT_Set_Pixel_Sizes(face, 0, FT_UInt(size))
    }

    /// Line height in pixels for the current size.
    public var lineHeight: Int {
        guard let face else { return pixelSize }
        return Int(face.pointee.size.pointee.metrics.height >> 6)
    }

    public var ascender: Int {
        guard let face else { return pixelSize }
        return Int(face.pointee.size.pointee.metrics.ascender >> 6)
    }

    /// Advance width of a string in pixels.
    public func width(of text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            guard FT_Load_Char(face, FT_ULong(scalar.value), FT_Int32(FT_LOAD_DEFAULT)) == 0 else { continue }
            total += Int(face!.pointee.glyph.pointee.advance.x >> 6)
        }
        return total
    }

    /// Calls `plot(x, y, coverage)` for every covered pixel of `text` drawn with its baseline at
    /// (x, baseline); returns the pen position after the text.
    @discardableResult
    public func draw(_ text: String, x: Int, baseline: Int, plot: (Int, Int, UInt8) -> Void) -> Int {
        var pen = x
        for scalar in text.unicodeScalars {
            guard FT_Load_Char(face, FT_ULong(scalar.value), FT_Int32(FT_LOAD_RENDER)) == 0, let glyph = face?.pointee.glyph else { continue }
            let bitmap = glyph.pointee.bitmap
            let left = pen + Int(glyph.pointee.bitmap_left)
            let top = baseline - Int(glyph.pointee.bitmap_top)
            if let buffer = bitmap.buffer {
                for row in 0..<Int(bitmap.rows) {
                    for column in 0..<Int(bitmap.width) {
                        let coverage = buffer[row * Int(bitmap.pitch) + column]
                        if coverage > 0 { plot(left + column, top + row, coverage) }
                    }
                }
            }
            pen += Int(glyph.pointee.advance.x >> 6)
        }
        return pen
    }
}
