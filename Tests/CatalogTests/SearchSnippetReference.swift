@testable import Catalog

/// The snippet algorithm as it was before the one-pass scan (`SearchSnippetScan`), kept as the
/// reference the new one must equal byte for byte: every word of the text tokenized into two arrays,
/// then each query term compared with every word.
struct SearchSnippetReference {
    enum Pattern {
        case word([UInt8], stem: [UInt8]?, forms: Set<[UInt8]>)
        case prefix([UInt8])
        case phrase([[UInt8]])
    }

    struct Word {
        var start: Int
        var end: Int
        var folded: [UInt8]
        var lowered: [UInt8]
    }

    let patterns: [Pattern]
    let stemmer = SpanishStemmer()

    init(_ query: SearchQuery) {
        patterns = query.clauses.filter { !$0.negated }.map { clause in
            switch clause.term {
            case .word(let w):
                if let forms = query.forms[w] { return .word(Array(w.utf8), stem: nil, forms: Set(forms.map { Array($0.utf8) })) }
                return .word(Array(w.utf8), stem: query.stems[w].map { Array($0.utf8) }, forms: [])
            case .prefix(let p): return .prefix(Array(p.utf8))
            case .phrase(let words): return .phrase(words.map { Array($0.utf8) })
            }
        }
    }

    /// The words of the text as the old algorithm tokenized them: `SearchSnippet.words`, still what
    /// `SearchText` uses (only the snippet's matching and window were rewritten).
    static func words(_ bytes: [UInt8]) -> [Word] {
        SearchSnippet.words(bytes).map { Word(start: $0.start, end: $0.end, folded: $0.folded, lowered: $0.lowered) }
    }

    private func matches(_ words: [Word]) -> Set<Int> {
        var hit: Set<Int> = []
        for pattern in patterns {
            switch pattern {
            case .word(let w, let stem, let forms):
                for (i, word) in words.enumerated() where word.folded == w || forms.contains(word.folded) { hit.insert(i) }
                guard let stem, stem.count >= 2 else { continue }
                for (i, word) in words.enumerated() where !hit.contains(i) && word.folded.starts(with: stem.prefix(2)) {
                    let wordStem = Array(stemmer.stem(String(decoding: word.lowered, as: UTF8.self)).utf8)
                    if wordStem == stem || word.folded == stem { hit.insert(i) }
                }
            case .prefix(let p):
                for (i, word) in words.enumerated() where word.folded.starts(with: p) { hit.insert(i) }
            case .phrase(let phrase):
                guard !phrase.isEmpty, words.count >= phrase.count else { continue }
                for i in 0...(words.count - phrase.count) where words[i].folded == phrase[0] {
                    if (1..<phrase.count).allSatisfy({ words[i + $0].folded == phrase[$0] }) {
                        for k in 0..<phrase.count { hit.insert(i + k) }
                    }
                }
            }
        }
        return hit
    }

    func highlight(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        let words = Self.words(bytes)
        let hit = matches(words)
        guard !hit.isEmpty else { return nil }
        return Self.mark(bytes, words: words, hit: hit, from: 0, to: bytes.count)
    }

    func snippet(_ text: String, length: Int = 16) -> String? {
        let bytes = Array(text.utf8)
        let words = Self.words(bytes)
        let hit = matches(words)
        guard let first = hit.min() else { return nil }
        var bestStart = max(0, first - 2), bestCount = 0
        let sorted = hit.sorted()
        for (k, position) in sorted.enumerated() {
            let start = max(0, position - 2)
            let count = sorted[k...].prefix { $0 < start + length }.count
            if count > bestCount { bestCount = count; bestStart = start }
        }
        let end = min(words.count, bestStart + length)
        let from = bestStart == 0 ? 0 : words[bestStart].start
        let to = end == words.count ? bytes.count : words[end - 1].end
        var out = Self.mark(bytes, words: words, hit: hit, from: from, to: to)
        if from > 0 { out = "…" + out }
        if to < bytes.count { out += "…" }
        return out
    }

    private static func mark(_ bytes: [UInt8], words: [Word], hit: Set<Int>, from: Int, to: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(to - from + hit.count * 2)
        var spans: [(start: Int, end: Int)] = []
        for i in hit.sorted() where words[i].start >= from && words[i].end <= to {
            if let last = spans.last, bytes[last.end..<words[i].start].allSatisfy({ $0 == 0x20 }) {
                spans[spans.count - 1].end = words[i].end
            } else {
                spans.append((words[i].start, words[i].end))
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
