import Imaging
import Metadata

/// The decoder's technical findings in MIX terms (the only place that knows both rooms).
enum MIXMapping {
    static func record(_ t: TechnicalMetadata) -> MIXRecord {
        MIXRecord(
            width: t.width, height: t.height,
            byteOrder: t.byteOrder.map { $0 == "big-endian" ? "big endian" : "little endian" },
            compression: t.compression, colorSpace: t.photometricInterpretation,
            iccProfileName: t.iccProfile.map { $0.description ?? "perfil ICC incrustado sin descripción" },
            iccProfileVersion: t.iccProfile?.version,
            dateTimeCreated: t.dateTimeCreated, scannerManufacturer: t.scannerMake, scannerModel: t.scannerModel,
            software: t.software, orientation: t.orientation,
            samplingFrequencyUnit: t.resolutionUnit.map { $0 == "cm." ? "cm" : "in." },
            xSamplingFrequency: t.resolutionUnit == nil ? nil : t.xResolution,
            ySamplingFrequency: t.resolutionUnit == nil ? nil : t.yResolution,
            bitsPerSample: t.bitsPerSample, samplesPerPixel: t.samplesPerPixel)
    }

    /// Displayed size: orientations 5–8 swap width and height.
    static func displaySize(width: Int, height: Int, orientation: Int) -> (Int, Int) {
        orientation >= 5 ? (height, width) : (width, height)
    }
}
