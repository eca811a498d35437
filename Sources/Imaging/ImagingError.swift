/// Everything that can go wrong while identifying, decoding or deriving an image.
///
/// Cases carry the file, the library's own words and the values involved; `archivistMessage`
/// (Spanish, at the bottom of this file) says what happened and what to do about it.
public enum ImagingError: Error, Equatable, Sendable {
    /// The file could not be opened or read at all.
    case unreadable(path: String, reason: String)
    /// The file is empty.
    case empty(path: String)
    /// The codec library refused the data: the file is corrupt or is not what its signature says.
    case corrupt(path: String, library: String, message: String)
    /// The image decoded, but the library reported missing or corrupt data (truncation, bad CRC...).
    case damaged(path: String, library: String, message: String, warnings: Int)
    /// A valid file of a kind Memoria does not decode (e.g. 16-bit CIE L*a*b* TIFF, floating point).
    case unsupported(path: String, what: String)
    /// The header declares more pixels than the configured limit; nothing was allocated.
    case exceedsPixelLimit(path: String, width: Int, height: Int, limit: Int)
    /// The file is larger than the configured limit.
    case exceedsFileSizeLimit(path: String, bytes: Int64, limit: Int64)
    /// Writing a derivative failed.
    case encodingFailed(path: String, message: String)
    /// A derivative file (a tile, a PDF) could not be written where it belongs; `reason` is the system's.
    case derivativeWriteFailed(path: String, reason: String)

    /// The file concerned.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .empty(let path), .corrupt(let path, _, _), .damaged(let path, _, _, _),
             .unsupported(let path, _), .exceedsPixelLimit(let path, _, _, _), .exceedsFileSizeLimit(let path, _, _),
             .encodingFailed(let path, _), .derivativeWriteFailed(let path, _):
            return path
        }
    }

    /// A short stable code for reports and the catalog (`corrupt`, `damaged`, ...).
    public var code: String {
        switch self {
        case .unreadable: return "unreadable"
        case .empty: return "empty"
        case .corrupt: return "corrupt"
        case .damaged: return "damaged"
        case .unsupported: return "unsupported"
        case .exceedsPixelLimit: return "pixel-limit"
        case .exceedsFileSizeLimit: return "file-size-limit"
        case .encodingFailed: return "encoding-failed"
        case .derivativeWriteFailed: return "derivative-write"
        }
    }

    /// One line in English for logs.
    public var logDescription: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
        case .empty(let path): return "\(path): empty file"
        case .corrupt(let path, let library, let message): return "\(path): \(library): \(message)"
        case .damaged(let path, let library, let message, let warnings):
            return "\(path): \(library) reported damaged data (\(warnings) warnings): \(message)"
        case .unsupported(let path, let what): return "\(path): unsupported: \(what)"
        case .exceedsPixelLimit(let path, let width, let height, let limit):
            return "\(path): \(width)x\(height) exceeds the pixel limit \(limit)"
        case .exceedsFileSizeLimit(let path, let bytes, let limit):
            return "\(path): \(bytes) bytes exceeds the file size limit \(limit)"
        case .encodingFailed(let path, let message): return "\(path): cannot write derivative: \(message)"
        case .derivativeWriteFailed(let path, let reason): return "\(path): cannot write derivative file: \(reason)"
        }
    }
}

extension ImagingError: CustomStringConvertible {
    public var description: String { logDescription }
}

// MARK: - Texts for archivists (Spanish)

extension ImagingError {
    /// What happened and what to do, in Spanish, for quarantine reasons and reports.
    public var archivistMessage: String {
        switch self {
        case .unreadable(_, let reason):
            return "No se pudo leer el archivo (\(reason)). Compruebe que la copia terminó y que el archivo no está abierto en otro programa; vuelva a copiarlo."
        case .empty:
            return "El archivo está vacío (0 bytes). Probablemente la copia falló: vuelva a copiarlo desde el equipo de digitalización."
        case .corrupt(_, let library, let message):
            return "El archivo está dañado o no es la imagen que dice ser (\(library): \(message)). Vuelva a exportarlo o a digitalizar la página."
        case .damaged(_, let library, let message, _):
            return "La imagen se abre pero le faltan datos o contiene datos corruptos (\(library): \(message)). Vuelva a exportarla o a digitalizarla; no se archiva una copia incompleta."
        case .unsupported(_, let what):
            return "Es una imagen válida de un tipo que Memoria no procesa: \(what). Conviértala a TIFF, JPEG o PNG de 8 o 16 bits en escala de grises o RGB."
        case .exceedsPixelLimit(_, let width, let height, let limit):
            return "La imagen declara \(width) × \(height) píxeles, más que el límite configurado (\(limit) píxeles). Si es real, pida al responsable que aumente ingest.max_pixels en pipeline.yaml; si no, el archivo está dañado."
        case .exceedsFileSizeLimit(_, let bytes, let limit):
            return "El archivo pesa \(bytes) bytes, más que el límite configurado (\(limit) bytes). Pida al responsable que aumente ingest.max_file_bytes en pipeline.yaml o divida el documento."
        case .encodingFailed(_, let message):
            return "No se pudo generar la copia de consulta (\(message)). Revise el espacio en disco y vuelva a ejecutar el proceso."
        case .derivativeWriteFailed:
            return "No se pudo escribir un archivo derivado (teselas de ampliación o PDF de descarga). Revise el espacio en disco y los permisos de la carpeta de derivados y vuelva a ejecutar `memoria derive`."
        }
    }
}
