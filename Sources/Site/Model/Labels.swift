import Foundation
/// Spanish names for what the public reads.
enum Labels {
    static let element: [String: String] = [
        "title": "Título", "creator": "Creador", "subject": "Tema", "description": "Descripción", "publisher": "Editor",
        "contributor": "Colaborador", "date": "Fecha", "type": "Tipo", "format": "Formato", "identifier": "Identificador",
        "source": "Fuente", "language": "Idioma", "relation": "Relación", "coverage": "Lugar", "rights": "Derechos",
    ]

    static let type: [String: String] = [
        "Text": "Texto", "StillImage": "Imagen fija", "Image": "Imagen", "Collection": "Colección", "Dataset": "Conjunto de datos",
        "Event": "Evento", "InteractiveResource": "Recurso interactivo", "MovingImage": "Imagen en movimiento",
        "PhysicalObject": "Objeto físico", "Service": "Servicio", "Software": "Programa", "Sound": "Sonido",
    ]

    static let language: [String: String] = ["spa": "Español", "es": "Español", "eng": "Inglés", "en": "Inglés", "fra": "Francés", "nah": "Náhuatl", "oto": "Otomí"]

    static func typeName(_ value: String) -> String { type[value] ?? value }

    /// "década de 1940" (a decade's start year).
    static func decade(_ start: Int) -> String { "década de \(start)" }

    /// A format as people name it: "image/tiff" → "TIFF"; anything else as written.
    static func formatName(_ value: String) -> String {
        let names = ["image/tiff": "TIFF", "image/jpeg": "JPEG", "image/png": "PNG", "image/jp2": "JPEG 2000", "application/pdf": "PDF",
                     "image/gif": "GIF", "text/plain": "texto", "audio/mpeg": "MP3", "audio/wav": "WAV", "video/mp4": "MP4"]
        return names[value.lowercased().trimmingCharacters(in: .whitespaces)] ?? value
    }
    static func languageName(_ value: String) -> String { language[value] ?? value }

    static let months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]

    /// An EDTF date as a reader says it: "1954-03-14" → "14 de marzo de 1954"; "1950~" → "hacia 1950";
    /// "195X" → "década de 1950"; "1948/1952" → "1948–1952".
    static func readableDate(_ raw: String) -> String {
        if raw.contains("/") {
            let parts = raw.split(separator: "/", omittingEmptySubsequences: false).map { readableDate(String($0)) }
            let start = parts[0].isEmpty || parts[0] == ".." ? "…" : parts[0]
            let end = parts.count > 1 && !(parts[1].isEmpty || parts[1] == "..") ? parts[1] : "…"
            return "\(start)–\(end)"
        }
        var text = raw
        var prefix = "", suffix = ""
        if text.hasSuffix("~") { text.removeLast(); prefix = "hacia " }
        else if text.hasSuffix("?") { text.removeLast(); suffix = " (fecha dudosa)" }
        else if text.hasSuffix("%") { text.removeLast(); prefix = "hacia "; suffix = " (fecha dudosa)" }
        let parts = text.split(separator: "-").map(String.init)
        var result = text
        if parts.count == 1, parts[0].hasSuffix("XX") { result = "siglo de \(parts[0].dropLast(2))00" }
        else if parts.count == 1, parts[0].hasSuffix("X") { result = "década de \(parts[0].dropLast())0" }
        else if parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) { result = "\(months[m - 1]) de \(parts[0])" }
        else if parts.count == 2, let s = Int(parts[1]), (21...24).contains(s) {
            result = "\(["primavera", "verano", "otoño", "invierno"][s - 21]) de \(parts[0])"
        }
        else if parts.count == 3, let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m) { result = "\(d) de \(months[m - 1]) de \(parts[0])" }
        return prefix + result + suffix
    }
}
