/// Pixel layouts the decoders hand on: 8-bit gray or 8-bit RGB. Wider samples are reduced with
/// rounding (v × 255 / 65535), palettes expanded, CMYK converted, alpha flattened on white.
public enum PixelLayout: Int, Sendable {
    case gray = 1
    case rgb = 3

    public var channels: Int { rawValue }
}

/// Rows of one decoded page, top to bottom, in the page's stored orientation.
///
/// A source decodes every strip, tile or scan of its page as rows are read; `finish()` then checks
/// what follows the pixel data (JPEG EOI, PNG trailing chunks). A page counts as validated only when
/// all rows were read and `finish()` returned. In strict mode a warning that means damage throws;
/// other warnings come back from `finish()`, to be recorded.
protocol PageRowSource: AnyObject {
    /// The file being decoded.
    var path: String { get }
    /// Size of the rows produced (for JPEG, possibly DCT-scaled below the stored size).
    var outputWidth: Int { get }
    var outputHeight: Int { get }
    var layout: PixelLayout { get }
    /// Metadata of the page as stored (full size).
    var technical: TechnicalMetadata { get }
    /// Reads up to `maxRows` rows into `buffer`, rows `stride` bytes apart; returns how many were read.
    func readRows(into buffer: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws -> Int
    /// Quirks the source noticed in the page's header (e.g. a TIFF strip layout without RowsPerStrip).
    var headerObservations: [DecodeObservation] { get }
    /// Completes validation after the last row; returns the distinct warnings the codec emitted.
    func finish() throws -> [LibraryNote]
}

/// Limits checked before any pixel memory is allocated.
public struct DecodeLimits: Sendable, Equatable {
    /// Maximum width × height of one page.
    public var maxPixels: Int
    /// Treat codec warnings about missing or corrupt data as failures (the validator's mode).
    public var strict: Bool

    public init(maxPixels: Int = 300_000_000, strict: Bool = true) {
        self.maxPixels = maxPixels
        self.strict = strict
    }
}

/// Conversions shared by the decoders.
enum SampleMath {
    /// 16-bit sample to 8-bit, rounded: 65535 → 255, 32896 → 128.
    @inline(__always)
    static func to8(_ v: UInt16) -> UInt8 { UInt8((UInt32(v) * 255 + 32767) / 65535) }

    /// Composites a sample over white with an 8-bit alpha.
    @inline(__always)
    static func overWhite(_ v: UInt8, alpha: UInt8, associated: Bool) -> UInt8 {
        let a = UInt32(alpha)
        if associated { return UInt8(min(255, UInt32(v) + (255 - a))) }
        return UInt8((UInt32(v) * a + 255 * (255 - a) + 127) / 255)
    }
}
