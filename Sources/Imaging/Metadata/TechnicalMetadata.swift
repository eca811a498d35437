/// Technical metadata of one image (one page) in a master file, as MIX records it.
public struct TechnicalMetadata: Equatable, Sendable, Codable {
    public var width: Int
    public var height: Int
    /// Bits per sample, one entry per sample ([8, 8, 8] for 8-bit RGB, [1] for bitonal).
    public var bitsPerSample: [Int]
    public var samplesPerPixel: Int
    /// TIFF/MIX photometric interpretation name: "WhiteIsZero", "BlackIsZero", "RGB", "RGB Palette",
    /// "CMYK", "YCbCr", "CIELab".
    public var photometricInterpretation: String
    /// MIX compression scheme name: "Uncompressed", "LZW", "Deflate", "PackBits", "CCITT T.6", "JPEG", "PNG".
    public var compression: String
    /// Horizontal and vertical resolution, in `resolutionUnit`.
    public var xResolution: Double?
    public var yResolution: Double?
    /// "in." or "cm." (MIX samplingFrequencyUnit words); nil when the file states none.
    public var resolutionUnit: String?
    /// TIFF/EXIF orientation 1...8 (1 = normal).
    public var orientation: Int
    public var iccProfile: ICCProfileSummary?
    /// "little-endian" / "big-endian" for TIFF; nil for byte-oriented formats.
    public var byteOrder: String?
    /// True when the image carries an alpha channel (flattened on white in derivatives).
    public var hasAlpha: Bool
    public var scannerMake: String?
    public var scannerModel: String?
    public var software: String?
    public var dateTimeCreated: String?
    /// Layout facts for the record: "strips", "tiles", "progressive", "interlaced", "baseline".
    public var layout: String?

    public init(width: Int, height: Int, bitsPerSample: [Int], samplesPerPixel: Int,
                photometricInterpretation: String, compression: String, xResolution: Double? = nil,
                yResolution: Double? = nil, resolutionUnit: String? = nil, orientation: Int = 1,
                iccProfile: ICCProfileSummary? = nil, byteOrder: String? = nil, hasAlpha: Bool = false,
                scannerMake: String? = nil, scannerModel: String? = nil, software: String? = nil,
                dateTimeCreated: String? = nil, layout: String? = nil) {
        self.width = width
        self.height = height
        self.bitsPerSample = bitsPerSample
        self.samplesPerPixel = samplesPerPixel
        self.photometricInterpretation = photometricInterpretation
        self.compression = compression
        self.xResolution = xResolution
        self.yResolution = yResolution
        self.resolutionUnit = resolutionUnit
        self.orientation = orientation
        self.iccProfile = iccProfile
        self.byteOrder = byteOrder
        self.hasAlpha = hasAlpha
        self.scannerMake = scannerMake
        self.scannerModel = scannerModel
        self.software = software
        self.dateTimeCreated = dateTimeCreated
        self.layout = layout
    }

    /// Resolution in dots per inch, when the file states one.
    public var dpi: (x: Double, y: Double)? {
        guard let x = xResolution, let y = yResolution, x > 0, y > 0 else { return nil }
        switch resolutionUnit {
        case "in.": return (x, y)
        case "cm.": return (x * 2.54, y * 2.54)
        default: return nil
        }
    }
}

/// Technical metadata, observations and codec warnings of a whole master file.
public struct FileTechnicalMetadata: Equatable, Sendable, Codable {
    public var pages: [TechnicalMetadata]
    /// Every distinct warning the codec libraries emitted, verbatim ("libtiff: ..."), for the
    /// technical record (PREMIS, JSON); never shown to archivists as it is.
    public var warnings: [String]
    /// What is unusual about the file though every pixel decoded: empty for *válido*, non-empty for
    /// *válido con observaciones*. Each names its page when it concerns one.
    public var observations: [DecodeObservation]

    public init(pages: [TechnicalMetadata], warnings: [String], observations: [DecodeObservation] = []) {
        self.pages = pages
        self.warnings = warnings
        self.observations = observations
    }
}
