import Foundation

/// Numbers, dates and plurals as the report's readers write them: "4 561", "12,5 %", "noviembre de
/// 2026", "1 visita" / "2 visitas".
enum SpanishText {
    static let months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                         "noviembre", "diciembre"]

    /// Groups of three digits separated by a narrow no-break space (as the RAE recommends for five
    /// digits and more; four-digit numbers stay together).
    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        guard digits.count > 4 else { return (value < 0 ? "−" : "") + digits }
        var out = ""
        for (index, c) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append("\u{202F}") }
            out.append(c)
        }
        return (value < 0 ? "−" : "") + out
    }

    /// "12,5 %" (one decimal, decimal comma); "—" when there is nothing to divide.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        let tenths = Int((Double(part) * 1000 / Double(whole)).rounded())
        return "\(tenths / 10),\(tenths % 10)\u{00A0}%"
    }

    static func plural(_ count: Int, _ one: String, _ many: String) -> String {
        "\(number(count)) \(count == 1 ? one : many)"
    }

    /// "noviembre de 2026" for "2026-11".
    static func month(_ key: String) -> String {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return key }
        return "\(months[m - 1]) de \(parts[0])"
    }

    /// "nov 2026" for chart axes.
    static func shortMonth(_ key: String) -> String {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return key }
        return "\(months[m - 1].prefix(3)) \(parts[0])"
    }

    /// "5 de noviembre de 2026" for "2026-11-05".
    static func day(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m) else { return iso }
        return "\(d) de \(months[m - 1]) de \(parts[0])"
    }

    /// "25 de noviembre de 2026, 14:05" in `zone`.
    static func dateTime(_ date: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let minute = c.minute ?? 0
        return "\(c.day ?? 1) de \(months[(c.month ?? 1) - 1]) de \(c.year ?? 1970), \(c.hour ?? 0):\(minute < 10 ? "0" : "")\(minute)"
    }
}

/// Text made safe for HTML element content and attribute values.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
