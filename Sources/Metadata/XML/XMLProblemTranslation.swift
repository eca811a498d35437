import Foundation
import Support

/// libxml2's parser and schema messages ("Element '{…}fileSec': This element is not expected.
/// Expected is ( {…}amdSec ).") said in Spanish with the names kept. The original stays in
/// `XMLProblem.message` for JSON; people read `XMLProblem.spanish`.
enum XMLProblemTranslation {
    static func spanish(_ message: String) -> String {
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        let element = capture(text, after: "Element '", until: "'").map(shortName)
        let attribute = capture(text, after: "attribute '", until: "'").map(shortName)
        let subject = element.map { "el elemento «\($0)»" } ?? "el documento"
        if text.contains("This element is not expected") {
            let expected = capture(text, after: "Expected is ( ", until: " )").map { " (se esperaba «\(shortList($0))»)" } ?? ""
            return "\(subject) no se esperaba en este lugar\(expected)"
        }
        if text.contains("Missing child element") {
            let expected = capture(text, after: "Expected is ( ", until: " )").map { ": «\(shortList($0))»" } ?? ""
            return "a \(subject) le falta un elemento hijo obligatorio\(expected)"
        }
        if text.contains("is required but missing"), let attribute {
            return "a \(subject) le falta el atributo obligatorio «\(attribute)»"
        }
        if text.contains("is not allowed"), let attribute {
            return "\(subject) no admite el atributo «\(attribute)»"
        }
        if text.contains("is not a valid value") || text.contains("is not an element of the set") || text.contains("is not accepted by the pattern") {
            let value = capture(text, after: "The value '", until: "'") ?? capture(text, after: "'", until: "'") ?? ""
            return "\(subject)\(attribute.map { ", atributo «\($0)»," } ?? "") tiene un valor no válido «\(value)»"
        }
        if text.contains("No matching global declaration") {
            return "el elemento raíz no corresponde a ningún esquema conocido"
        }
        if text.contains("Opening and ending tag mismatch") {
            return "una etiqueta de cierre no corresponde a la de apertura"
        }
        if text.contains("Premature end of data") || text.contains("EndTag: '</' not found") {
            return "el documento termina antes de cerrar sus elementos (está truncado)"
        }
        if text.contains("Extra content at the end") {
            return "hay contenido después del final del documento"
        }
        if text.contains("Start tag expected") || text.contains("Document is empty") {
            return "no es un documento XML (no empieza con un elemento)"
        }
        if text.contains("already defined") {
            return "un identificador (ID) está repetido"
        }
        if text.contains("xmlParseEntityRef") || text.contains("EntityRef") {
            return "hay un «&» que no forma parte de una entidad; escríbalo como &amp;"
        }
        if text.contains("not well-formed") || text.contains("parser error") {
            return "el XML no está bien formado"
        }
        return "no cumple el esquema (\(element.map { "elemento «\($0)»" } ?? "detalle en el informe JSON"))"
    }

    /// `{http://www.loc.gov/METS/}fileSec` → `fileSec`.
    static func shortName(_ name: String) -> String {
        guard let close = name.lastIndex(of: "}") else { return name }
        return String(name[name.index(after: close)...])
    }

    static func shortList(_ list: String) -> String {
        list.split(separator: ",").map { shortName($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: ", ")
    }

    static func capture(_ text: String, after start: String, until end: String) -> String? {
        guard let open = text.range(of: start) else { return nil }
        guard let close = text.range(of: end, range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }
}
