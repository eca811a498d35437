/// Technical metadata of one image for NISO MIX 2.0 (filled by the pipeline from the decoder's
/// findings; this room knows nothing about images).
public struct MIXRecord: Codable, Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// "little endian" / "big endian", when the format has a byte order.
    public var byteOrder: String?
    public var compression: String
    /// TIFF photometric name ("RGB", "BlackIsZero", "WhiteIsZero", "YCbCr", "CMYK", "RGB Palette"...).
    public var colorSpace: String
    public var iccProfileName: String?
    public var iccProfileVersion: String?
    public var dateTimeCreated: String?
    public var scannerManufacturer: String?
    public var scannerModel: String?
    public var software: String?
    /// TIFF/EXIF orientation 1...8.
    public var orientation: Int
    /// "in." or "cm" (MIX spelling), nil when the file states no resolution.
    public var samplingFrequencyUnit: String?
    public var xSamplingFrequency: Double?
    public var ySamplingFrequency: Double?
    public var bitsPerSample: [Int]
    public var samplesPerPixel: Int

    public init(width: Int, height: Int, byteOrder: String?, compression: String, colorSpace: String,
                iccProfileName: String?, iccProfileVersion: String?, dateTimeCreated: String?,
                scannerManufacturer: String?, scannerModel: String?, software: String?, orientation: Int,
                samplingFrequencyUnit: String?, xSamplingFrequency: Double?, ySamplingFrequency: Double?,
                bitsPerSample: [Int], samplesPerPixel: Int) {
        self.width = width
        self.height = height
        self.byteOrder = byteOrder
        self.compression = compression
        self.colorSpace = colorSpace
        self.iccProfileName = iccProfileName
        self.iccProfileVersion = iccProfileVersion
        self.dateTimeCreated = dateTimeCreated
        self.scannerManufacturer = scannerManufacturer
        self.scannerModel = scannerModel
        self.software = software
        self.orientation = orientation
        self.samplingFrequencyUnit = samplingFrequencyUnit
        self.xSamplingFrequency = xSamplingFrequency
        self.ySamplingFrequency = ySamplingFrequency
        self.bitsPerSample = bitsPerSample
        self.samplesPerPixel = samplesPerPixel
    }

    static let orientationNames = [
        1: "normal*", 2: "normal, image flipped", 3: "normal, rotated 180°", 4: "normal, image flipped, rotated 180°",
        5: "normal, image flipped, rotated cw 90°", 6: "normal, rotated ccw 90°", 7: "normal, image flipped, rotated ccw 90°",
        8: "normal, rotated cw 90°",
    ]
}
