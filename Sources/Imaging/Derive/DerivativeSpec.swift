/// What to derive from each page: an access copy, and from it a smaller "medium" copy (for phones:
/// the site offers both in `srcset`) and a thumbnail.
public struct DerivativeSpec: Sendable, Equatable, Codable {
    public var accessLongEdge: Int
    public var accessQuality: Int
    /// Long edge of the medium copy (same quality and progressiveness as the access copy); 0, or an
    /// access copy no larger than this, makes none.
    public var mediumLongEdge: Int
    public var thumbnailLongEdge: Int
    public var thumbnailQuality: Int
    public var progressive: Bool

    public init(accessLongEdge: Int = 2000, accessQuality: Int = 85, mediumLongEdge: Int = 1000, thumbnailLongEdge: Int = 400,
                thumbnailQuality: Int = 80, progressive: Bool = true) {
        self.accessLongEdge = accessLongEdge
        self.accessQuality = accessQuality
        self.mediumLongEdge = mediumLongEdge
        self.thumbnailLongEdge = thumbnailLongEdge
        self.thumbnailQuality = thumbnailQuality
        self.progressive = progressive
    }

    /// A short fingerprint of the settings, stored beside derivatives to tell when they are stale.
    public var fingerprint: String {
        "a\(accessLongEdge)q\(accessQuality)-m\(mediumLongEdge)-t\(thumbnailLongEdge)q\(thumbnailQuality)-\(progressive ? "p" : "b")-v1"
    }
}

/// A JPEG derivative in memory.
public struct EncodedImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var jpeg: [UInt8]
}

/// One page of a master, validated by a complete decode, with its derivatives.
public struct DecodedPage: Sendable {
    /// 0-based index of the page within its file (TIFF directory number).
    public var indexInFile: Int
    public var technical: TechnicalMetadata
    public var access: EncodedImage?
    /// The medium copy, when the access copy is larger than the spec's medium long edge.
    public var medium: EncodedImage? = nil
    public var thumbnail: EncodedImage?
    /// The deep-zoom tiles written for this page (when a TileRequest asked for them and its policy applied).
    public var tiles: TilePyramid? = nil
    /// What is unusual about this page (for one-image formats, about the file) though every pixel
    /// decoded. Observations found only after the last page (a TIFF directory loop) are in the
    /// file's `FileTechnicalMetadata.observations`, which holds them all.
    public var observations: [DecodeObservation] = []
}
