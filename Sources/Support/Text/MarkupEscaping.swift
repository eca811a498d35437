/// Escaping for XML and HTML text and attribute values: `& < > " '` become entities, so no value from
/// an inbox (file names, titles, reasons) can become markup. One implementation for every room that
/// writes markup without a template engine (reports, sitemaps, snippets, fixtures).
public enum MarkupEscaping {
    /// Escapes text and attribute values alike (`'` as `&#39;`).
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
