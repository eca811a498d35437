import CSearchTokenizer
import Foundation

/// Text normalisation exactly as the catalog's FTS5 tokenizer does it (the C function is the single
/// source of truth): words are runs of letters, digits and combining marks; case is folded; accents
/// are removed except the tilde of ñ. "CANCIÓN" → "cancion"; "Año" → "año".
public enum SearchText {
    /// The folded form of one word.
    public static func fold(_ word: String) -> String {
        let lower = word.precomposedStringWithCanonicalMapping.lowercased()
        var bytes = Array(lower.utf8)
        var out = [CChar](repeating: 0, count: bytes.count * 2 + 8)
        let length = bytes.withUnsafeMutableBufferPointer { input in
            input.withMemoryRebound(to: CChar.self) { memoria_fold_token($0.baseAddress, Int32($0.count), &out, Int32(out.count)) }
        }
        guard length >= 0 else { return lower }
        bytes = out.prefix(Int(length)).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The words of a text, in order, as the tokenizer sees them (not folded).
    public static func words(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let nfc = text.precomposedStringWithCanonicalMapping
        var start: String.Index?
        var index = nfc.startIndex
        while index < nfc.endIndex {
            let ch = nfc[index]
            if isWordCharacter(ch) {
                if start == nil { start = index }
            } else if let s = start {
                result.append(nfc[s..<index])
                start = nil
            }
            index = nfc.index(after: index)
        }
        if let s = start { result.append(nfc[s...]) }
        return result
    }

    /// Folded words of a text (what the index stores).
    public static func tokens(_ text: String) -> [String] { words(text).map { fold(String($0)) } }

    static func isWordCharacter(_ ch: Character) -> Bool {
        ch.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .privateUse:
                return true
            default:
                return false
            }
        }
    }

    /// Very common Spanish words (folded): searched only inside phrases, or when a query has nothing else.
    public static let stopWords: Set<String> = [
        "a", "al", "algo", "ante", "como", "con", "cual", "de", "del", "desde", "donde", "e", "el", "ella", "en", "entre",
        "era", "es", "esa", "ese", "eso", "esta", "este", "esto", "fue", "ha", "hay", "la", "las", "le", "les", "lo", "los",
        "mas", "me", "mi", "muy", "ni", "no", "nos", "o", "para", "pero", "por", "que", "se", "si", "sin", "sobre", "su",
        "sus", "te", "tu", "u", "un", "una", "uno", "y", "ya", "yo",
    ]
}
