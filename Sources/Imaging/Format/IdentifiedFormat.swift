/// What a file is, decided from its content (magic bytes), never from its name.
public struct IdentifiedFormat: Equatable, Sendable, Codable {
    /// The families Memoria tells apart.
    public enum Kind: String, Sendable, Codable {
        case tiff, bigTIFF, jpeg, png, jpeg2000, jpeg2000Codestream, pdf, gif, bmp, webp, heif, djvu,
             photoshop, zip, xml, text, empty, unknown
    }

    public var kind: Kind
    /// Human-readable name, e.g. "TIFF (little-endian)" or "JPEG (JFIF 1.01)".
    public var name: String
    /// The format version where the signature tells it ("1.01", "1.4", "89a").
    public var version: String?
    /// The PRONOM unique identifier, where the format has one we can assign without guessing.
    public var pronomID: String?
    /// IANA media type.
    public var mimeType: String
    /// "little-endian" / "big-endian" for TIFF.
    public var byteOrder: String?

    public init(kind: Kind, name: String, version: String? = nil, pronomID: String? = nil, mimeType: String,
                byteOrder: String? = nil) {
        self.kind = kind
        self.name = name
        self.version = version
        self.pronomID = pronomID
        self.mimeType = mimeType
        self.byteOrder = byteOrder
    }

    /// Formats Memoria decodes and archives as page images.
    public var isDecodableImage: Bool {
        switch kind {
        case .tiff, .bigTIFF, .jpeg, .png: return true
        default: return false
        }
    }

    /// Image formats that are recognised but not decoded (JPEG 2000, GIF, ...).
    public var isRecognisedImage: Bool {
        switch kind {
        case .jpeg2000, .jpeg2000Codestream, .gif, .bmp, .webp, .heif, .djvu, .photoshop: return true
        default: return false
        }
    }
}
