import Foundation
/// Everything that stops a master from being archived: the file cannot be read, its pixel data is
/// missing, truncated or corrupt, it is of a kind Memoria does not decode, or it is beyond the limits.
/// (A quirk in a metadata block or an ancillary chunk is not an error: see `DecodeObservation`.)
///
/// Cases carry the file, the library's own words and the values involved; `archivistMessage`
/// (Spanish, at the bottom of this file) says what happened and what to do about it, and never
/// repeats a library's message, which goes to `logDescription` (logs, PREMIS, JSON).
public enum ImagingError: Error, Equatable, Sendable {
    /// The file could not be opened or read at all.
    case unreadable(path: String, reason: String)
    /// The file is empty.
    case empty(path: String)
    /// The codec library refused the data: the file is corrupt or is not what its signature says.
    case corrupt(path: String, library: String, message: String)
    /// The image decoded, but the library reported missing or corrupt data (truncation, bad CRC...).
    case damaged(path: String, library: String, message: String, warnings: Int)
    /// Memoria's own checks found pixel data missing, truncated or inconsistent with its tags.
    case structurallyDamaged(path: String, damage: StructuralDamage)
    /// A valid file of a kind Memoria does not decode faithfully, with the exact reason.
    case unsupported(path: String, reason: UnsupportedReason)
    /// The header declares more pixels than the configured limit; nothing was allocated.
    case exceedsPixelLimit(path: String, width: Int, height: Int, limit: Int)
    /// The file is larger than the configured limit.
    case exceedsFileSizeLimit(path: String, bytes: Int64, limit: Int64)
    /// Writing a derivative failed.
    case encodingFailed(path: String, message: String)
    /// Writing a derived file other than the access copy (deep-zoom tiles, a download PDF) failed.
    case derivativeWriteFailed(path: String, reason: String)

    /// The file concerned.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .empty(let path), .corrupt(let path, _, _), .damaged(let path, _, _, _),
             .structurallyDamaged(let path, _), .unsupported(let path, _), .exceedsPixelLimit(let path, _, _, _),
             .exceedsFileSizeLimit(let path, _, _), .encodingFailed(let path, _), .derivativeWriteFailed(let path, _):
            return path
        }
    }

    /// A short stable code for reports and the catalog (`corrupt`, `damaged`, ...).
    public var code: String {
        switch self {
        case .unreadable: return "unreadable"
        case .empty: return "empty"
        case .corrupt: return "corrupt"
        case .damaged, .structurallyDamaged: return "damaged"
        case .unsupported: return "unsupported"
        case .exceedsPixelLimit: return "pixel-limit"
        case .exceedsFileSizeLimit: return "file-size-limit"
        case .encodingFailed: return "encoding-failed"
        case .derivativeWriteFailed: return "derivative-write"
        }
    }

    /// One line in English for logs and PREMIS, with the library's own words.
    public var logDescription: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
        case .empty(let path): return "\(path): empty file"
        case .corrupt(let path, let library, let message): return "\(path): \(library): \(message)"
        case .damaged(let path, let library, let message, let warnings):
            return "\(path): \(library) reported damaged data (\(warnings) warnings): \(message)"
        case .structurallyDamaged(let path, let damage): return "\(path): damaged: \(damage.logDescription)"
        case .unsupported(let path, let reason): return "\(path): unsupported: \(reason.logDescription)"
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
        case .unreadable:
            return "No se pudo leer el archivo. Compruebe que la copia terminó y que el archivo no está abierto en otro programa; vuelva a copiarlo."
        case .empty:
            return "El archivo está vacío (0 bytes). Probablemente la copia falló: vuelva a copiarlo desde el equipo de digitalización."
        case .corrupt(_, let library, _):
            return "El archivo está dañado o no es la imagen que dice ser: \(Self.decoderName(library)) no pudo leerlo. Vuelva a exportarlo o a digitalizar la página."
        case .damaged(_, let library, _, _):
            return "La imagen se abre, pero \(Self.decoderName(library)) informa que le faltan datos o que contiene datos corruptos. Vuelva a exportarla o a digitalizarla; no se archiva una copia incompleta."
        case .structurallyDamaged(_, let damage):
            return "La imagen está dañada: \(damage.archivistPhrase). Vuelva a exportarla o a digitalizarla; no se archiva una copia incompleta."
        case .unsupported(_, let reason):
            return "Es una imagen válida de un tipo que Memoria no procesa: \(reason.archivistPhrase). Conviértala a TIFF, JPEG o PNG de 8 o 16 bits en escala de grises o RGB."
        case .exceedsPixelLimit(_, let width, let height, let limit):
            return "La imagen declara \(width) × \(height) píxeles, más que el límite configurado (\(limit) píxeles). Si es real, pida al responsable que aumente ingest.max_pixels en pipeline.yaml; si no, el archivo está dañado."
        case .exceedsFileSizeLimit(_, let bytes, let limit):
            return "El archivo pesa \(bytes) bytes, más que el límite configurado (\(limit) bytes). Pida al responsable que aumente ingest.max_file_bytes en pipeline.yaml o divida el documento."
        case .encodingFailed:
            return "No se pudo generar la copia de consulta. Revise el espacio en disco y vuelva a ejecutar el proceso."
        case .derivativeWriteFailed:
            return "No se pudo escribir un archivo derivado (teselas de ampliación o PDF de descarga). Revise el espacio en disco y los permisos de la carpeta de derivados y vuelva a ejecutar memoria derive."
        }
    }

    /// "el decodificador TIFF" and so on, from the library's name.
    static func decoderName(_ library: String) -> String {
        switch library {
        case "libtiff": return "el decodificador TIFF"
        case "libjpeg": return "el decodificador JPEG"
        case "libpng": return "el decodificador PNG"
        default: return "el decodificador"
        }
    }
}

extension ImagingError {
    /// The errno behind a derivative that could not be written (its reason is the system's text), so
    /// that a full disk stops the batch instead of holding the item back.
    public var systemErrno: Int32? {
        guard case .derivativeWriteFailed(_, let reason) = self else { return nil }
        return [ENOSPC, EDQUOT, EIO, EACCES, EPERM, EROFS].first { String(cString: strerror($0)) == reason }
    }
}
