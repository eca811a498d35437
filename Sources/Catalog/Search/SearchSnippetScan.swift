import CSearchTokenizer

/// The words of one text and which of them match a query's terms, found in one pass over the text's
/// UTF-8 with the rules of `SearchSnippet.words` (the same words, lower-cased and folded the same
/// way) but without two arrays per word: each word is lower-cased and folded into two buffers used
/// again for the next word, compared with the terms there, and only its byte range is kept.
struct SearchSnippetScan {
    /// Byte offsets where each word starts and ends, in text order.
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    /// Indexes of the matched words, ascending.
    private(set) var hits: [Int] = []

    var wordCount: Int { starts.count }

    init(_ text: UnsafeBufferPointer<UInt8>, _ terms: SearchSnippetTerms, stemmer: SpanishStemmer) {
        // The state lives in a struct of its own whose methods mutate it: a nested function capturing
        // these variables would box them and check every access at run time.
        var words = WordCollector(terms, expected: text.count / 5)
        let tableBytes = SearchSnippetLatinTable.shared.bytes, tableOffsets = SearchSnippetLatinTable.shared.offsets
        var i = 0
        let count = text.count
        while i < count {
            let b = text[i]
            if b < 0x80 {
                let isDigit = b >= 0x30 && b <= 0x39, isUpper = b >= 0x41 && b <= 0x5A, isLower = b >= 0x61 && b <= 0x7A
                if isDigit || isUpper || isLower {
                    words.begin(at: i)
                    words.push(isUpper ? b + 0x20 : b)
                } else {
                    words.finish(at: i, stemmer)
                }
                i += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : (b >= 0xC0 ? 2 : 1))
            let end = min(count, i + length)
            let value = Self.scalarValue(text, from: i, to: end)
            if value < SearchSnippetLatinTable.limit {
                let from = tableOffsets[Int(value)], to = tableOffsets[Int(value) + 1]
                if from == to {
                    words.finish(at: i, stemmer)
                } else {
                    words.begin(at: i)
                    for k in from..<to { words.push(tableBytes[k]) }
                }
            } else {
                let scalar = Unicode.Scalar(value) ?? " "
                if SearchText.isWordScalar(scalar) {
                    words.begin(at: i)
                    if scalar.properties.isUppercase {
                        for byte in scalar.properties.lowercaseMapping.utf8 { words.push(byte) }
                    } else {
                        for k in i..<end { words.push(text[k]) }
                    }
                } else {
                    words.finish(at: i, stemmer)
                }
            }
            i = end
        }
        words.finish(at: count, stemmer)
        starts = words.starts
        ends = words.ends
        hits = words.matched.indices.filter { words.matched[$0] }
    }

    /// The word being read (lower-cased into a buffer used again for every word) and the words read.
    private struct WordCollector {
        let terms: SearchSnippetTerms
        var starts: [Int] = [], ends: [Int] = [], matched: [Bool] = []
        var phrases: [PhraseProgress]
        var start = -1
        var lowered: [UInt8] = Array(repeating: 0, count: 64)
        var loweredCount = 0
        var loweredHasHigh = false
        var foldBuffer = [UInt8](repeating: 0, count: 256)

        init(_ terms: SearchSnippetTerms, expected: Int) {
            self.terms = terms
            phrases = terms.phrases.map { PhraseProgress(words: $0) }
            starts.reserveCapacity(expected)
            ends.reserveCapacity(expected)
            matched.reserveCapacity(expected)
        }

        @inline(__always)
        mutating func begin(at i: Int) { if start < 0 { start = i } }

        @inline(__always)
        mutating func push(_ byte: UInt8) {
            if loweredCount < lowered.count { lowered[loweredCount] = byte } else { lowered.append(byte) }
            loweredCount += 1
            if byte >= 0x80 { loweredHasHigh = true }
        }

        mutating func finish(at end: Int, _ stemmer: SpanishStemmer) {
            guard start >= 0 else { return }
            let index = starts.count
            starts.append(start)
            ends.append(end)
            matched.append(false)
            let count = loweredCount
            // The folded form: the tokenizer's C function over the lower-cased word when it has bytes
            // above ASCII and fits the buffer (as `SearchSnippet.words` folds), else the word as lowered.
            var foldedLength = -1
            if loweredHasHigh && count * 2 + 8 <= foldBuffer.count {
                foldedLength = lowered.withUnsafeBufferPointer { input in
                    foldBuffer.withUnsafeMutableBufferPointer { out in
                        input.withMemoryRebound(to: CChar.self) { source in
                            out.withMemoryRebound(to: CChar.self) { target in
                                Int(memoria_fold_token(source.baseAddress, Int32(count), target.baseAddress, Int32(target.count)))
                            }
                        }
                    }
                }
            }
            let hit: Bool
            if foldedLength >= 0 {
                hit = foldBuffer.withUnsafeBufferPointer { folded in
                    test(UnsafeBufferPointer(rebasing: folded[0..<foldedLength]), index: index, stemmer)
                }
            } else {
                hit = lowered.withUnsafeBufferPointer { folded in
                    test(UnsafeBufferPointer(rebasing: folded[0..<count]), index: index, stemmer)
                }
            }
            if hit { matched[index] = true }
            start = -1
            loweredCount = 0
            loweredHasHigh = false
        }

        /// Whether the word at `index` matches a word or prefix term; advances the phrases, marking
        /// the earlier words of a phrase that this word completes.
        private mutating func test(_ folded: UnsafeBufferPointer<UInt8>, index: Int, _ stemmer: SpanishStemmer) -> Bool {
            var hit = false
            for k in phrases.indices {
                if let first = phrases[k].advance(folded, at: index) {
                    for word in first..<index { matched[word] = true }
                    hit = true
                }
            }
            for prefix in terms.prefixes where !hit && SearchSnippetScan.starts(folded, with: prefix[...]) { hit = true }
            for word in terms.words where !hit {
                if SearchSnippetScan.equal(folded, word.folded) || word.forms.contains(where: { SearchSnippetScan.equal(folded, $0) }) {
                    hit = true
                } else if let stem = word.stem, stem.count >= 2, SearchSnippetScan.starts(folded, with: stem[0..<2]) {
                    let lowered = String(decoding: self.lowered[0..<loweredCount], as: UTF8.self)
                    hit = stemmer.stem(lowered).utf8.elementsEqual(stem) || SearchSnippetScan.equal(folded, stem)
                }
            }
            return hit
        }
    }

    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where a[k] != b[k] { return false }
        return true
    }

    @inline(__always)
    static func starts(_ a: UnsafeBufferPointer<UInt8>, with prefix: ArraySlice<UInt8>) -> Bool {
        guard a.count >= prefix.count else { return false }
        var k = 0
        for byte in prefix { if a[k] != byte { return false }; k += 1 }
        return true
    }

    /// The scalar encoded by `text[from..<to]` (well-formed UTF-8, as a String's is); U+FFFD when not.
    @inline(__always)
    private static func scalarValue(_ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> UInt32 {
        let b = UInt32(text[from])
        switch to - from {
        case 2: return (b & 0x1F) << 6 | UInt32(text[from + 1] & 0x3F)
        case 3: return (b & 0x0F) << 12 | UInt32(text[from + 1] & 0x3F) << 6 | UInt32(text[from + 2] & 0x3F)
        case 4: return (b & 0x07) << 18 | UInt32(text[from + 1] & 0x3F) << 12 | UInt32(text[from + 2] & 0x3F) << 6 | UInt32(text[from + 3] & 0x3F)
        default: return 0xFFFD
        }
    }

    /// How far a phrase has been read at each word where it may start.
    struct PhraseProgress {
        let words: [[UInt8]]
        /// Words matched so far by each partial match still open.
        private var open: [Int] = []

        init(words: [[UInt8]]) { self.words = words }

        /// Reads the word at `index`; when it completes the phrase, the index of the phrase's first word.
        mutating func advance(_ folded: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
            guard !words.isEmpty else { return nil }
            var kept = 0
            var firstCompleted: Int?
            for k in open.indices where SearchSnippetScan.equal(folded, words[open[k]]) {
                let read = open[k] + 1
                if read == words.count {
                    firstCompleted = min(firstCompleted ?? index, index + 1 - read)
                } else {
                    open[kept] = read
                    kept += 1
                }
            }
            open.removeLast(open.count - kept)
            if SearchSnippetScan.equal(folded, words[0]) {
                if words.count == 1 { firstCompleted = index } else { open.append(1) }
            }
            return firstCompleted
        }
    }
}
