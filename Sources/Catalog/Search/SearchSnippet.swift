import CSearchTokenizer

/// Snippets and highlights for search hits, made in Swift from the stored text with the same word
/// rules and folding as the FTS5 tokenizer (`SearchText`). Asking FTS5 for snippet() means one more
/// full-text query per hit, which re-reads the posting lists of every query word: with common words
/// in a phrase that was a third of the time of a whole search over 100,000 pages.
struct SearchSnippet {
    /// Marks around matched words (replaced by «» or <mark> by the caller).
    static let open = "\u{1}", close = "\u{2}"

    let terms: SearchSnippetTerms
    let stemmer = SpanishStemmer()

    init(_ query: SearchQuery) {
        terms = SearchSnippetTerms(query)
    }

    /// A word of the text: its byte range and its folded bytes.
    struct Word {
        var start: Int
        var end: Int
        var folded: [UInt8]
        /// Lower-cased, not folded (what the stemmer reads).
        var lowered: [UInt8]
    }

    /// Words of UTF-8 text as the tokenizer sees them: letters, digits, marks and private-use
    /// characters; lower-cased here, then folded by the tokenizer's own C function.
    static func words(_ bytes: [UInt8]) -> [Word] {
        var result: [Word] = []
        var lowered: [UInt8] = []
        var start = -1
        var scratch = [CChar](repeating: 0, count: 256)
        func finish(_ end: Int) {
            guard start >= 0 else { return }
            var folded = lowered
            if lowered.contains(where: { $0 >= 0x80 }) && lowered.count * 2 + 8 <= scratch.count {
                let length = lowered.withUnsafeBufferPointer { input in
                    input.withMemoryRebound(to: CChar.self) { memoria_fold_token($0.baseAddress, Int32($0.count), &scratch, Int32(scratch.count)) }
                }
                if length >= 0 { folded = scratch.prefix(Int(length)).map { UInt8(bitPattern: $0) } }
            }
            result.append(Word(start: start, end: end, folded: folded, lowered: lowered))
            start = -1
            lowered.removeAll(keepingCapacity: true)
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                let isDigit = b >= 0x30 && b <= 0x39, isUpper = b >= 0x41 && b <= 0x5A, isLower = b >= 0x61 && b <= 0x7A
                if isDigit || isUpper || isLower {
                    if start < 0 { start = i }
                    lowered.append(isUpper ? b + 0x20 : b)
                } else {
                    finish(i)
                }
                i += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : (b >= 0xC0 ? 2 : 1))
            let end = min(bytes.count, i + length)
            let scalar = String(decoding: bytes[i..<end], as: UTF8.self).unicodeScalars.first ?? " "
            if SearchText.isWordScalar(scalar) {
                if start < 0 { start = i }
                if (0xC0...0xDE).contains(scalar.value) && scalar.value != 0xD7 {
                    lowered += Array(String(Unicode.Scalar(scalar.value + 0x20)!).utf8)
                } else if scalar.properties.isUppercase {
                    lowered += Array(scalar.properties.lowercaseMapping.utf8)
                } else {
                    lowered += bytes[i..<end]
                }
            } else {
                finish(i)
            }
            i = end
        }
        finish(bytes.count)
        return result
    }

    /// A marked text as people read it: the marks become « and ».
    static func guillemets(_ marked: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(marked.utf8.count + 8)
        for byte in marked.utf8 {
            switch byte {
            case 0x01: out += [0xC2, 0xAB]
            case 0x02: out += [0xC2, 0xBB]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The whole text with every matched word marked, or nil when nothing matches.
    func highlight(_ text: String) -> String? {
        Self.withUTF8(text) { bytes in
            let scan = SearchSnippetScan(bytes, terms, stemmer: stemmer)
            guard !scan.hits.isEmpty else { return nil }
            return Self.mark(bytes, scan, from: 0, to: bytes.count)
        }
    }

    /// About `length` words around the densest group of matches, marked; nil when nothing matches.
    func snippet(_ text: String, length: Int = 16) -> String? {
        Self.withUTF8(text) { bytes in
            let scan = SearchSnippetScan(bytes, terms, stemmer: stemmer)
            let hits = scan.hits
            guard let first = hits.first else { return nil }
            // The window of `length` words holding the most matches (the earliest such window); a
            // window is counted from its match onwards, the two words before it not included.
            var bestStart = max(0, first - 2), bestCount = 0
            var past = 0   // the first match at or beyond the current window's end
            for (k, position) in hits.enumerated() {
                let start = max(0, position - 2)
                past = max(past, k)
                while past < hits.count && hits[past] < start + length { past += 1 }
                let count = past - k
                if count > bestCount { bestCount = count; bestStart = start }
            }
            let end = min(scan.wordCount, bestStart + length)
            let from = bestStart == 0 ? 0 : scan.starts[bestStart]
            let to = end == scan.wordCount ? bytes.count : scan.ends[end - 1]
            var out = Self.mark(bytes, scan, from: from, to: to)
            if from > 0 { out = "…" + out }
            if to < bytes.count { out += "…" }
            return out
        }
    }

    /// Runs `body` over the text's UTF-8 in place (a copy only for a text not stored contiguously).
    private static func withUTF8<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    private static func mark(_ bytes: UnsafeBufferPointer<UInt8>, _ scan: SearchSnippetScan, from: Int, to: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(to - from + scan.hits.count * 2)
        // Matched words separated only by spaces form one mark (a phrase is marked whole).
        var spans: [(start: Int, end: Int)] = []
        for i in scan.hits where scan.starts[i] >= from && scan.ends[i] <= to {
            if let last = spans.last, bytes[last.end..<scan.starts[i]].allSatisfy({ $0 == 0x20 }) {
                spans[spans.count - 1].end = scan.ends[i]
            } else {
                spans.append((scan.starts[i], scan.ends[i]))
            }
        }
        var cursor = from
        for span in spans {
            out += bytes[cursor..<span.start]
            out.append(0x01)
            out += bytes[span.start..<span.end]
            out.append(0x02)
            cursor = span.end
        }
        out += bytes[cursor..<to]
        return String(decoding: out, as: UTF8.self)
    }
}
