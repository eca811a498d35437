import Foundation
import Metadata

/// An OCR engine as the Transcribe stage sees it: one image in, plain text and ALTO out, or a failure
/// that costs the page its text (never the ingest). Tesseract in production (TesseractRunner); tests
/// inject a fake engine with fixed answers.
protocol OCREngine: Sendable {
    /// The engine as a PREMIS agent (name and version).
    var agent: PremisAgent { get }
    /// How it is run, in Spanish, for the PREMIS event ("OCR con Tesseract 5.3.0 (idiomas spa, psm 3)").
    var runDescription: String { get }
    /// For the summary line of an ingest ("Tesseract 5.3.0 (spa)").
    var summary: String { get }
    func recognize(_ image: URL) throws(OCRFailure) -> OCRResult
}

struct OCRResult: Sendable {
    var text: String
    var alto: [UInt8]
}

/// Why the engine gave no text for a page: Spanish for the report, the engine's own words for records.
struct OCRFailure: Error, Sendable {
    var message: String
    var detail: String
}
