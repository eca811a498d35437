/// Orders file names the way people number pages: "2.tif" before "10.tif", "p9" before "p10";
/// otherwise by text, ignoring case and accents, then exactly.
public enum NaturalOrder {
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let x = chunks(a), y = chunks(b)
        for (l, r) in zip(x, y) where l != r {
            if case let (.text(s), .text(t)) = (l, r),
               s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) == t.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) {
                continue
            }
            switch (l, r) {
            case let (.number(n, _), .number(m, _)) where n != m: return n < m
            case let (.number(_, s), .number(_, t)): if s != t { return s.count > t.count }   // "007" before "7"
            case let (.text(s), .text(t)):
                let fs = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                let ft = t.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                if fs != ft { return fs < ft }   // equal but for case or accents: decided last
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
        if x.count != y.count { return x.count < y.count }
        return a < b
    }

    enum Chunk: Equatable {
        case number(Double, String)   // Double keeps very long digit runs comparable
        case text(String)
    }

    static func chunks(_ s: String) -> [Chunk] {
        var result: [Chunk] = []
        var current = ""
        var inDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            result.append(inDigits ? .number(Double(current) ?? 0, current) : .text(current))
            current = ""
        }
        for ch in s {
            let digit = ch.isASCII && ch.isNumber
            if digit != inDigits { flush(); inDigits = digit }
            current.append(ch)
        }
        flush()
        return result
    }
}

import Foundation
