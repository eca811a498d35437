import Foundation
import Support

/// The codec libraries' own messages ("LZWDecode: Not enough data at scanline 1203", "CRC error",
/// "Premature end of JPEG file") said in an archivist's words, without file paths or function names.
/// The original text stays in `ImagingError.logDescription`, which goes to PREMIS and the JSON report.
public enum DecoderMessageTranslation {
    /// A Spanish phrase (no final full stop) for what a library reported.
    public static func spanish(library: String, message: String) -> String {
        let lower = message.lowercased()
        let row = firstNumber(after: ["scanline", "row", "line"], in: lower).map { $0 + 1 }
        let strip = firstNumber(after: ["strip", "tile"], in: lower)
        if lower.contains("premature end") || lower.contains("not enough data") || lower.contains("read error")
            || lower.contains("unexpected end") || lower.contains("truncat") || lower.contains("not enough image data")
            || lower.contains("early end") {
            if let row { return "la imagen está truncada: faltan datos a partir de la fila \(SpanishText.number(row))" }
            if let strip { return "la imagen está truncada: faltan datos en la franja \(SpanishText.number(strip + 1))" }
            return "la imagen está truncada: el archivo termina antes de que acaben los datos de la imagen"
        }
        if lower.contains("crc") {
            return "un bloque de datos de la imagen no coincide con su suma de verificación (CRC): el archivo está dañado"
        }
        if lower.contains("bad magic") || lower.contains("not a jpeg") || lower.contains("not a png") || lower.contains("signature")
            || lower.contains("not a tiff") {
            return "el contenido no es una imagen \(formatName(library)) válida aunque empiece como tal"
        }
        if lower.contains("directory") || lower.contains("ifd") {
            return "la estructura interna del TIFF (su directorio de imágenes) está dañada o el archivo está incompleto"
        }
        if lower.contains("huffman") || lower.contains("corrupt jpeg") || lower.contains("marker") || lower.contains("extraneous") {
            return "los datos comprimidos del JPEG están corruptos"
        }
        if lower.contains("chunk") {
            return "la estructura del PNG está dañada (un bloque de datos no es válido)"
        }
        if lower.contains("zlib") || lower.contains("inflate") || lower.contains("incorrect header check") || lower.contains("invalid distance")
            || lower.contains("invalid code") || lower.contains("invalid block") {
            return "los datos comprimidos de la imagen están corruptos"
        }
        if lower.contains("after the end") || lower.contains("trailing") || lower.contains("extra data") || lower.contains("left over") {
            return "hay datos de imagen sobrantes después del final de la imagen"
        }
        if lower.contains("compression") || lower.contains("scheme") || lower.contains("not supported") || lower.contains("unsupported") {
            return "usa una compresión o una variante que la biblioteca \(formatName(library)) no sabe leer"
        }
        if lower.contains("memory") || lower.contains("alloc") {
            return "declara más datos de los que se pueden leer con seguridad"
        }
        return "el decodificador \(formatName(library)) encontró datos dañados"
    }

    private static func formatName(_ library: String) -> String {
        let lower = library.lowercased()
        if lower.contains("tiff") { return "TIFF" }
        if lower.contains("png") { return "PNG" }
        if lower.contains("jpeg") || lower.contains("jpg") { return "JPEG" }
        return library
    }

    /// The first integer that follows one of `words` ("scanline 1203" → 1203).
    static func firstNumber(after words: [String], in text: String) -> Int? {
        for word in words {
            guard let range = text.range(of: word) else { continue }
            let rest = text[range.upperBound...].drop { !$0.isNumber && ($0 == " " || $0 == "=" || $0 == ":" || $0 == "#") }
            let digits = rest.prefix { $0.isNumber }
            if let value = Int(digits) { return value }
        }
        return nil
    }
}

extension ImagingError {
    /// What happened and what to do, in Spanish, without the library's own words or any path: for
    /// quarantine reason files, reports and the terminal.
    public var messageForArchivist: String {
        switch self {
        case .unreadable:
            return "No se pudo leer el archivo. Compruebe que la copia terminó y que el archivo no está abierto en otro programa; vuelva a copiarlo"
        case .empty:
            return "El archivo está vacío (0 bytes). Probablemente la copia falló: vuelva a copiarlo desde el equipo de digitalización"
        case .corrupt(_, let library, let message):
            return "La imagen no se puede leer: \(DecoderMessageTranslation.spanish(library: library, message: message)). Vuelva a exportarla o a digitalizar la página"
        case .damaged(_, let library, let message, _):
            return "La imagen se abre pero está incompleta o dañada: \(DecoderMessageTranslation.spanish(library: library, message: message)). Vuelva a exportarla o a digitalizarla; no se archiva una copia incompleta"
        case .structurallyDamaged(_, let damage):
            return "La imagen está dañada: \(damage.archivistPhrase). Vuelva a exportarla o a digitalizarla; no se archiva una copia incompleta"
        case .unsupported(_, let reason):
            return "Es una imagen válida de un tipo que Memoria no procesa: \(reason.archivistPhrase). Conviértala a TIFF, JPEG o PNG de 8 o 16 bits en escala de grises o RGB"
        case .exceedsPixelLimit(_, let width, let height, let limit):
            return "La imagen declara \(SpanishText.number(width)) × \(SpanishText.number(height)) píxeles, más que el límite configurado (\(SpanishText.number(limit)) píxeles). Si es real, pida al responsable que aumente ingest.max_pixels en pipeline.yaml; si no, el archivo está dañado"
        case .exceedsFileSizeLimit(_, let bytes, let limit):
            return "El archivo pesa \(SpanishText.bytes(bytes)), más que el límite configurado (\(SpanishText.bytes(limit))). Pida al responsable que aumente ingest.max_file_bytes en pipeline.yaml o divida el documento"
        case .encodingFailed:
            return "No se pudo generar la copia de consulta. Revise el espacio en disco y vuelva a ejecutar el proceso"
        case .derivativeWriteFailed:
            return "No se pudieron escribir las copias de consulta o las teselas. Revise el espacio y los permisos del disco de derivados y vuelva a ejecutar memoria derive"
        }
    }
}
