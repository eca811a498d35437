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
        starts.reserveCapacity(text.count / 5)
        ends.reserveCapacity(text.count / 5)
        var matched: [Bool] = []
        matched.reserveCapacity(text.count / 5)
        var phrases = terms.phrases.map { PhraseProgress(words: $0) }
        var lowered: [UInt8] = []
        lowered.reserveCapacity(64)
        var loweredHasHigh = false
        var foldBuffer = [UInt8](repeating: 0, count: 256)
        let tableBytes = SearchSnippetLatinTable.shared.bytes, tableOffsets = SearchSnippetLatinTable.shared.offsets
        var start = -1

        func finish(_ end: Int) {
            guard start >= 0 else { return }
            let index = starts.count
            starts.append(start)
            ends.append(end)
            matched.append(false)
            // The folded form: the tokenizer's C function over the lower-cased word when it has
            // bytes above ASCII and fits the buffer (as `SearchSnippet.words` folds), else as lowered.
            var foldedLength = -1
            if loweredHasHigh && lowered.count * 2 + 8 <= foldBuffer.count {
                foldedLength = lowered.withUnsafeBufferPointer { input in
                    foldBuffer.withUnsafeMutableBufferPointer { out in
                        input.withMemoryRebound(to: CChar.self) { source in
                            out.withMemoryRebound(to: CChar.self) { target in
                                Int(memoria_fold_token(source.baseAddress, Int32(source.count), target.baseAddress, Int32(target.count)))
                            }
                        }
                    }
                }
            }
            let hit: Bool
            if foldedLength >= 0 {
                hit = foldBuffer.withUnsafeBufferPointer { folded in
                    Self.test(UnsafeBufferPointer(rebasing: folded[0..<foldedLength]), lowered: lowered, index: index,
                              terms: terms, phrases: &phrases, matched: &matched, stemmer: stemmer)
                }
            } else {
                hit = lowered.withUnsafeBufferPointer { folded in
                    Self.test(folded, lowered: lowered, index: index, terms: terms, phrases: &phrases, matched: &matched, stemmer: stemmer)
                }
            }
            if hit { matched[index] = true }
            start = -1
            lowered.removeAll(keepingCapacity: true)
            loweredHasHigh = false
        }

        var i = 0
        let count = text.count
        while i < count {
            let b = text[i]
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
            let end = min(count, i + length)
            let value = Self.scalarValue(text, from: i, to: end)
            if value < SearchSnippetLatinTable.limit {
                let from = tableOffsets[Int(value)], to = tableOffsets[Int(value) + 1]
                if from == to {
                    finish(i)
                } else {
                    if start < 0 { start = i }
                    for k in from..<to { lowered.append(tableBytes[k]); if tableBytes[k] >= 0x80 { loweredHasHigh = true } }
                }
            } else {
                let scalar = Unicode.Scalar(value) ?? " "
                if SearchText.isWordScalar(scalar) {
                    if start < 0 { start = i }
                    if scalar.properties.isUppercase {
                        for byte in scalar.properties.lowercaseMapping.utf8 { lowered.append(byte); if byte >= 0x80 { loweredHasHigh = true } }
                    } else {
                        for k in i..<end { lowered.append(text[k]); if text[k] >= 0x80 { loweredHasHigh = true } }
                    }
                } else {
                    finish(i)
                }
            }
            i = end
        }
        finish(count)
        hits = matched.indices.filter { matched[$0] }
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

    /// Whether the word at `index` matches a word or prefix term; advances the phrases, marking the
    /// earlier words of a phrase that this word completes.
    private static func test(_ folded: UnsafeBufferPointer<UInt8>, lowered: [UInt8], index: Int, terms: SearchSnippetTerms,
                             phrases: inout [PhraseProgress], matched: inout [Bool], stemmer: SpanishStemmer) -> Bool {
        for k in phrases.indices {
            if let first = phrases[k].advance(folded, at: index) {
                for word in first..<index { matched[word] = true }
            }
        }
        var hit = phrases.contains { $0.completedAt == index }
        for prefix in terms.prefixes where !hit && folded.starts(with: prefix) { hit = true }
        for word in terms.words where !hit {
            if folded.elementsEqual(word.folded) || word.forms.contains(where: { folded.elementsEqual($0) }) {
                hit = true
            } else if let stem = word.stem, stem.count >= 2, folded.starts(with: stem.prefix(2)) {
                let wordStem = stemmer.stem(String(decoding: lowered, as: UTF8.self))
                hit = wordStem.utf8.elementsEqual(stem) || folded.elementsEqual(stem)
            }
        }
        return hit
    }

    /// How far a phrase has been read at each word where it may start.
    struct PhraseProgress {
        let words: [[UInt8]]
        /// Words matched so far by each partial match still open.
        private var open: [Int] = []
        /// The last word index that completed the phrase.
        private(set) var completedAt = -1

        init(words: [[UInt8]]) { self.words = words }

        /// Reads the word at `index`; when it completes the phrase, the index of the phrase's first word.
        mutating func advance(_ folded: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
            guard !words.isEmpty else { return nil }
            var kept = 0
            var firstCompleted: Int?
            for k in open.indices where folded.elementsEqual(words[open[k]]) {
                let read = open[k] + 1
                if read == words.count {
                    firstCompleted = min(firstCompleted ?? index, index + 1 - read)
                } else {
                    open[kept] = read
                    kept += 1
                }
            }
            open.removeLast(open.count - kept)
            if folded.elementsEqual(words[0]) {
                if words.count == 1 { firstCompleted = index } else { open.append(1) }
            }
            if firstCompleted != nil { completedAt = index }
            return firstCompleted
        }
    }
}
