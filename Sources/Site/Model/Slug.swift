import Catalog
import Foundation

/// URL-safe names for creators, subjects and the like: folded text, ASCII letters, digits and dashes
/// ("Michelena, Margarita" → "michelena-margarita", "Año nuevo" → "ano-nuevo"). Collisions get -2, -3...
struct SlugMaker {
    private var used: [String: Int] = [:]
    private var assigned: [String: String] = [:]

    static func base(_ text: String) -> String {
        var out = ""
        for word in SearchText.tokens(text) {
            let ascii = word.replacingOccurrences(of: "ñ", with: "n").unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            let part = String(String.UnicodeScalarView(ascii))
            guard !part.isEmpty else { continue }
            out += (out.isEmpty ? "" : "-") + part
            if out.count > 60 { break }
        }
        return out.isEmpty ? "sin-nombre" : out
    }

    /// The slug of `text`; the same text always gets the same slug.
    mutating func slug(_ text: String) -> String {
        if let known = assigned[text] { return known }
        let base = Self.base(text)
        let count = used[base, default: 0] + 1
        used[base] = count
        let slug = count == 1 ? base : "\(base)-\(count)"
        assigned[text] = slug
        return slug
    }
}
