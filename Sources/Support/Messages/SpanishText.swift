import Foundation

/// Numbers, sizes, counts and lists written the way a Spanish reader expects: `1.204` páginas,
/// `14,5 MB`, `1 ítem` / `2 ítems`, `el 4.º fondo`, `a, b y c`.
public enum SpanishText {
    /// `1204` → `1.204` (a point between thousands, as the issue tracker and the archivists write them).
    public static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    public static func number(_ value: Int64) -> String { number(Int(value)) }

    /// A decimal number with `digits` decimals and a comma: `3,4`.
    public static func decimal(_ value: Double, digits: Int = 1) -> String {
        guard value.isFinite else { return "—" }
        let text = String(format: "%.\(digits)f", value)
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = Int(parts[0]).map(number) ?? String(parts[0])
        return parts.count == 2 ? "\(whole),\(parts[1])" : whole
    }

    /// `n` with the right form of the noun: `1 ítem`, `2 ítems`, `0 ítems`.
    public static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(number(n)) \(n == 1 ? singular : plural)"
    }

    /// The form alone (for adjectives and verbs that agree with a count).
    public static func form(_ n: Int, _ singular: String, _ plural: String) -> String { n == 1 ? singular : plural }

    /// Decimal units, as disks and file managers show them: `840 bytes`, `14,5 MB`, `1,2 GB`.
    public static func bytes(_ value: Int64) -> String {
        let units = ["kB", "MB", "GB", "TB"]
        if value.magnitude < 1000 { return count(Int(value), "byte", "bytes") }
        var amount = Double(value) / 1000
        var unit = 0
        while amount.magnitude >= 999.95 && unit < units.count - 1 {
            amount /= 1000
            unit += 1
        }
        return "\(decimal(amount, digits: amount.magnitude >= 100 ? 0 : 1)) \(units[unit])"
    }

    public static func bytes(_ value: Int) -> String { bytes(Int64(value)) }

    /// `4.º` (masculine ordinal: el 4.º fondo), `4.ª` (feminine: la 4.ª página).
    public static func ordinal(_ n: Int, feminine: Bool = false) -> String { "\(n).\(feminine ? "ª" : "º")" }

    /// `0,8 s`, `42 s`, `2 min 5 s`, `1 h 3 min`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "—" }
        if seconds < 10 { return "\(decimal(seconds)) s" }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total) s" }
        if total < 3600 { return total % 60 == 0 ? "\(total / 60) min" : "\(total / 60) min \(total % 60) s" }
        return "\(total / 3600) h \((total % 3600) / 60) min"
    }

    /// `a`, `a y b`, `a, b y c` (or `o` with `conjunction: "o"`).
    public static func list(_ items: [String], conjunction: String = "y") -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default:
            // Spanish writes "e" before a word starting with an i sound, "u" before an o sound.
            var word = conjunction
            let next = items[items.count - 1].lowercased()
            if conjunction == "y" && (next.hasPrefix("i") || next.hasPrefix("hi")) && !next.hasPrefix("hie") { word = "e" }
            if conjunction == "o" && (next.hasPrefix("o") || next.hasPrefix("ho")) { word = "u" }
            return items.dropLast().joined(separator: ", ") + " \(word) " + items[items.count - 1]
        }
    }

    /// Joins sentences, each ending with a full stop (or its own ? ! :), skipping empty ones.
    public static func sentences(_ parts: String...) -> String {
        parts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.map { part in
            guard let last = part.last else { return part }
            return ".?!:".contains(last) || part.hasSuffix("…") ? part : part + "."
        }.joined(separator: " ")
    }

    /// A value quoted for a message: «valor».
    public static func quoted(_ value: String) -> String { "«\(value)»" }
}
