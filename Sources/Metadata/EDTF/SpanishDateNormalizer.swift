import Foundation

/// Dates as Mexican archivists write them, turned into EDTF: `14/03/1954` → `1954-03-14` (day/month/year
/// is the rule; month/day is never guessed), `marzo de 1954` → `1954-03`, `ca. 1950` → `1950~`,
/// `[1950]` → `1950?` (a date the cataloguer supplied), `década de 1950` → `195X`, `1950-1955` →
/// `1950/1955`, `s.f.` → `XXXX` (no date). Values that are already EDTF pass unchanged. Refused, with a
/// hint: the year 0000, a year after `currentYear`, impossible days, and anything unrecognised.
public enum SpanishDateNormalizer {
    public enum Outcome: Equatable, Sendable {
        /// Already EDTF.
        case valid(String)
        /// Rewritten: the EDTF form, and a Spanish note for the report.
        case normalized(String, note: String)
        /// Not usable: what to write instead.
        case refused(hint: String)
    }

    public static let months = ["enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
                                "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
                                "ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8, "sep": 9, "sept": 9,
                                "oct": 10, "nov": 11, "dic": 12]

    public static func normalize(_ raw: String, currentYear: Int) -> Outcome {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let date = EDTFDate(text) { return check(date, written: text, currentYear: currentYear, rewritten: false) }
        guard let edtf = rewrite(text) else {
            return .refused(hint: "use día/mes/año (14/03/1954), «marzo de 1954», «ca. 1950», «[1950]», «década de 1950», «1950-1955», «s.f.» o EDTF (1954, 1954-03-14, 1950~, 195X, 1948/1952)")
        }
        guard let date = EDTFDate(edtf) else {
            return .refused(hint: "«\(text)» parece \(edtf), pero esa fecha no existe; revise el día y el mes (la regla es día/mes/año)")
        }
        return check(date, written: text, currentYear: currentYear, rewritten: true)
    }

    private static func check(_ date: EDTFDate, written: String, currentYear: Int, rewritten: Bool) -> Outcome {
        if date.text.hasPrefix("0000") {
            return .refused(hint: "el año 0000 no existe; si no hay fecha escriba «s.f.» (sin fecha)")
        }
        if let earliest = date.earliestYear, earliest > currentYear {
            return .refused(hint: "\(earliest) es un año futuro; revise el año (¿un dígito de más o cambiado?)")
        }
        if !rewritten {
            if date.text == "XXXX" { return .normalized("XXXX", note: "«XXXX» se muestra como «sin fecha»") }
            if date.text.hasSuffix("%") {
                return .normalized(date.text, note: "«\(written)» se lee como fecha aproximada y dudosa a la vez (EDTF %)")
            }
            return .valid(date.text)
        }
        let shown = date.text == "XXXX" ? "XXXX (sin fecha)" : date.text
        return .normalized(date.text, note: "«\(written)» se normalizó como \(shown)")
    }

    /// The EDTF form of a Spanish way of writing a date, or nil.
    static func rewrite(_ text: String) -> String? {
        let lower = text.lowercased().folding(options: [.diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
        let compact = lower.replacingOccurrences(of: " ", with: "")
        if ["s.f.", "s.f", "sf", "s/f", "sinfecha", "s.d.", "sd", "nodate", "n.d."].contains(compact) { return "XXXX" }
        if lower.hasPrefix("["), lower.hasSuffix("]") {
            guard let inner = rewrite(String(text.dropFirst().dropLast())) ?? EDTFDate(String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces))?.text
            else { return nil }
            if inner.hasSuffix("~") { return String(inner.dropLast()) + "%" }
            if inner.hasSuffix("?") || inner.hasSuffix("%") || inner.contains("/") || inner == "XXXX" { return inner }
            return inner + "?"
        }
        for prefix in ["ca.", "ca ", "c.", "circa", "hacia", "aprox.", "aprox", "aproximadamente", "alrededor de"] where lower.hasPrefix(prefix) {
            let rest = String(lower.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            guard let inner = rewrite(rest) ?? EDTFDate(rest)?.text, !inner.contains("/"), !inner.hasSuffix("~") else { return nil }
            if inner.hasSuffix("?") { return String(inner.dropLast()) + "%" }
            return inner + "~"
        }
        if let decade = decade(lower) { return decade }
        if let range = yearRange(lower) { return range }
        if let numeric = dayMonthYear(lower) { return numeric }
        return wordsDate(lower)
    }

    /// `década de 1950`, `la década de los 50` is not guessed; `1950s`, `años 1950` → `195X`.
    private static func decade(_ text: String) -> String? {
        var rest = text
        var marked = false
        for prefix in ["la decada de los ", "la decada de ", "decada de los ", "decada de ", "los anos ", "anos "] where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count))
            marked = true
            break
        }
        if rest.hasSuffix("s") {
            rest.removeLast()
            marked = true
        }
        guard marked, rest.count == 4, let year = Int(rest), year % 10 == 0 else { return nil }
        return "\(year / 10)X"
    }

    /// `1950-1955`, `1950 - 1955`, `de 1950 a 1955`, `entre 1950 y 1955` → `1950/1955`.
    private static func yearRange(_ text: String) -> String? {
        var t = text
        for prefix in ["de ", "entre "] where t.hasPrefix(prefix) { t = String(t.dropFirst(prefix.count)) }
        for separator in [" - ", "-", " a ", " y ", " al "] {
            let parts = t.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts.allSatisfy({ $0.count == 4 && Int($0) != nil }), Int(parts[0])! <= Int(parts[1])! {
                return "\(parts[0])/\(parts[1])"
            }
        }
        return nil
    }

    /// `14/03/1954`, `14-3-1954`, `14.03.1954` → `1954-03-14`. Day first; a second number above 12 means
    /// month/day order, which is never guessed (nil: refused with the rule).
    private static func dayMonthYear(_ text: String) -> String? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts[2].count == 4, let year = Int(parts[2]), let day = Int(parts[0]), let month = Int(parts[1]),
              parts[0].count <= 2, parts[1].count <= 2, (1...12).contains(month), (1...31).contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `marzo de 1954`, `Marzo 1954`, `14 de marzo de 1954`, `mar. 1954` → `1954-03` / `1954-03-14`.
    private static func wordsDate(_ text: String) -> String? {
        let words = text.replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: ".", with: " ")
            .split(separator: " ").map(String.init).filter { $0 != "de" && $0 != "del" }
        switch words.count {
        case 2:
            guard let month = months[words[0]], words[1].count == 4, let year = Int(words[1]) else { return nil }
            return String(format: "%04d-%02d", year, month)
        case 3:
            guard let day = Int(words[0]), let month = months[words[1]], words[2].count == 4, let year = Int(words[2]) else { return nil }
            return String(format: "%04d-%02d-%02d", year, month, day)
        default:
            return nil
        }
    }
}
