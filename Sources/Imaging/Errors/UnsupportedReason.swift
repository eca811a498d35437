/// Why a valid image is one Memoria does not decode: rather refused with the exact reason than
/// rendered wrongly (negative samples shown as light, floating-point ranges clipped, ...).
public enum UnsupportedReason: Equatable, Sendable {
    /// A format Memoria recognises but does not decode as a page (JPEG 2000, GIF, PDF, ...).
    case format(name: String)
    /// TIFF SampleFormat 2: signed integers.
    case signedIntegerSamples(bits: Int)
    /// TIFF SampleFormat 3: IEEE floating point.
    case floatingPointSamples(bits: Int)
    /// TIFF SampleFormat 5 or 6: complex numbers.
    case complexSamples(bits: Int)
    /// TIFF SampleFormat 4: samples of undefined type.
    case untypedSamples(bits: Int)
    /// A TIFF layout neither Memoria's direct path nor libtiff's RGBA interface handles; `detail` is
    /// libtiff's own reason, verbatim (for the log only).
    case tiffLayout(photometric: String, bits: Int, samples: Int, detail: String)
    /// A JPEG with samples of more than 8 bits (12-bit JPEG).
    case jpegPrecision(bits: Int)
    /// A JPEG coding process libjpeg does not decode (lossless, hierarchical); `detail` verbatim.
    case jpegProcess(detail: String)

    /// Reads the reason out of a library's refusal (the shim reported SHIM_UNSUPPORTED).
    static func fromLibrary(_ library: String, _ message: String) -> UnsupportedReason {
        if library == "libjpeg", message.hasPrefix("Unsupported JPEG data precision"),
           let bits = Int(message.split(separator: " ").last ?? "") {
            return .jpegPrecision(bits: bits)
        }
        return .jpegProcess(detail: "\(library): \(message)")
    }

    /// One line in English for logs and PREMIS.
    public var logDescription: String {
        switch self {
        case .format(let name): return "format not decoded: \(name)"
        case .signedIntegerSamples(let bits): return "\(bits)-bit signed-integer samples (SampleFormat 2)"
        case .floatingPointSamples(let bits): return "\(bits)-bit floating-point samples (SampleFormat 3)"
        case .complexSamples(let bits): return "\(bits)-bit complex samples (SampleFormat 5/6)"
        case .untypedSamples(let bits): return "\(bits)-bit samples of undefined type (SampleFormat 4)"
        case .tiffLayout(let photometric, let bits, let samples, let detail):
            return "TIFF \(photometric), \(bits) bits per sample, \(samples) samples per pixel" + (detail.isEmpty ? "" : " (libtiff: \(detail))")
        case .jpegPrecision(let bits): return "\(bits)-bit JPEG samples"
        case .jpegProcess(let detail): return "JPEG process not decoded: \(detail)"
        }
    }
}

// MARK: - Texts for archivists (Spanish)

extension UnsupportedReason {
    /// The reason, in Spanish, as a phrase that completes "Es una imagen válida de un tipo que Memoria no procesa: ...".
    public var archivistPhrase: String {
        switch self {
        case .format(let name):
            return "\(name), un formato que Memoria reconoce pero no archiva como página"
        case .signedIntegerSamples(let bits):
            return "sus muestras son enteros con signo de \(bits) bits; Memoria no los representa fielmente (los valores negativos se verían claros)"
        case .floatingPointSamples(let bits):
            return "sus muestras son números de coma flotante de \(bits) bits; Memoria no sabe qué intervalo de valores representan"
        case .complexSamples(let bits):
            return "sus muestras son números complejos de \(bits) bits, que no describen una imagen visible"
        case .untypedSamples(let bits):
            return "sus muestras de \(bits) bits no declaran de qué tipo son"
        case .tiffLayout(let photometric, let bits, let samples, _):
            return "TIFF \(photometric) de \(bits) bits por muestra y \(samples) muestras por píxel"
        case .jpegPrecision(let bits):
            return "JPEG de \(bits) bits por muestra (Memoria decodifica JPEG de 8 bits)"
        case .jpegProcess:
            return "JPEG sin pérdida o jerárquico, un proceso de codificación que Memoria no decodifica"
        }
    }
}
