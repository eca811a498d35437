import Foundation
import Support

/// One word's postings in a search shard as an incremental publish handles them: the bytes they were
/// written as (`3,200,1,2,31,1`: SearchIndexWriter.encode's delta-coded triples) while no posting of
/// the word belongs to an item being replaced or removed, decoded otherwise. A publish that changes
/// one item copies the rest of each shard it rewrites instead of decoding, re-encoding and sorting it.
enum ShardWordPostings {
    case asWritten(ArraySlice<UInt8>, count: Int)
    case decoded([SearchIndexWriter.Posting])

    /// How many postings the word has (what SearchIndexWriter's size rule counts).
    var count: Int {
        switch self {
        case .asWritten(_, let count): count
        case .decoded(let postings): postings.count
        }
    }

    var postings: [SearchIndexWriter.Posting] {
        switch self {
        case .asWritten(let bytes, let count): ShardWords.decode(bytes, count: count)
        case .decoded(let postings): postings
        }
    }

    var isAsWritten: Bool { if case .asWritten = self { true } else { false } }
}

/// Reads a shard file written by `ShardScript`: `Memoria.shard("key",{"word":[3,200,1,...],...});`.
enum ShardWords {
    /// A shard as read: its words, and for each word that held a posting of a dropped document, what
    /// it held before (so a word whose postings come back the same is written as it was).
    struct Read {
        var words: [String: ShardWordPostings] = [:]
        var before: [String: (written: ArraySlice<UInt8>, postings: [SearchIndexWriter.Posting])] = [:]
    }

    /// The shard's words. A word with a posting of a document in `dropping` comes back decoded and
    /// without those postings (left out when none remains); every other word as written. Nil when
    /// the file is anything but what `ShardScript` writes (digits and commas only, whole triples,
    /// no leading zeros): the caller then rebuilds the index rather than lose postings.
    static func read(_ data: Data, dropping: Set<Int>) -> [String: ShardWordPostings]? { readWithBefore(data, dropping: dropping)?.words }

    /// `read`, with what each word that held a dropped document's posting held before.
    static func readWithBefore(_ data: Data, dropping: Set<Int>) -> Read? {
        let bytes = [UInt8](data)
        let prefix = Array("Memoria.shard(\"".utf8), suffix = Array(");\n".utf8)
        guard bytes.count > prefix.count + suffix.count + 2, bytes.starts(with: prefix),
              bytes.suffix(suffix.count).elementsEqual(suffix) else { return nil }
        let end = bytes.count - suffix.count   // the object ends just before `);\n`
        // Shard keys are word prefixes, so the key literal cannot contain `",{`.
        var at = prefix.count
        while at + 2 < end, !(bytes[at] == 0x22 && bytes[at + 1] == 0x2C && bytes[at + 2] == 0x7B) { at += 1 }
        guard at + 2 < end else { return nil }
        at += 3
        let low = dropping.min() ?? Int.max, high = dropping.max() ?? Int.min
        var read = Read()
        if at < end, bytes[at] == 0x7D { return at + 1 == end ? read : nil }   // `{}`
        while true {
            guard let (word, afterWord) = literal(bytes, at: at, end: end) else { return nil }
            at = afterWord
            guard at + 1 < end, bytes[at] == 0x3A, bytes[at + 1] == 0x5B else { return nil }   // `:[`
            at += 2
            let start = at
            var values = 0, doc = 0, touched = false
            if bytes[at] != 0x5D {
                while true {
                    var value = 0, digits = 0
                    while at < end, bytes[at] >= 0x30, bytes[at] <= 0x39 {
                        guard digits < 18, !(digits == 1 && value == 0) else { return nil }
                        value = value * 10 + Int(bytes[at] - 0x30)
                        at += 1
                        digits += 1
                    }
                    guard digits > 0, at < end else { return nil }
                    if values % 3 == 0 {
                        doc += value
                        if doc >= low, doc <= high, dropping.contains(doc) { touched = true }
                    }
                    values += 1
                    if bytes[at] == 0x2C { at += 1; continue }
                    guard bytes[at] == 0x5D else { return nil }
                    break
                }
            }
            guard values % 3 == 0 else { return nil }
            let written = bytes[start..<at]
            at += 1   // `]`
            guard read.words[word] == nil, read.before[word] == nil else { return nil }   // a word twice over
            if touched {
                let postings = decode(written, count: values / 3)
                let kept = postings.filter { !dropping.contains($0.doc) }
                if !kept.isEmpty { read.words[word] = .decoded(kept) }
                read.before[word] = (written, postings)
            } else if values > 0 {
                read.words[word] = .asWritten(written, count: values / 3)
            }
            guard at < end else { return nil }
            if bytes[at] == 0x2C { at += 1; continue }
            guard bytes[at] == 0x7D, at + 1 == end else { return nil }
            return read
        }
    }

    /// A string literal at `at` and the offset after it: raw UTF-8 when it holds no escape (the
    /// usual word), through JSONByteScanner when it does.
    private static func literal(_ bytes: [UInt8], at start: Int, end: Int) -> (String, Int)? {
        guard start < end, bytes[start] == 0x22 else { return nil }
        var at = start + 1, escaped = false
        while at < end, bytes[at] != 0x22 {
            if bytes[at] == 0x5C { escaped = true; at += 2 } else { at += 1 }
        }
        guard at < end else { return nil }
        if !escaped {
            for byte in bytes[(start + 1)..<at] where byte < 0x20 { return nil }
            guard let word = String(validating: bytes[(start + 1)..<at], as: UTF8.self) else { return nil }
            return (word, at + 1)
        }
        var scanner = JSONByteScanner(bytes[start...at])
        guard let word = scanner.string(), scanner.isAtEnd() else { return nil }
        return (word, at + 1)
    }

    /// The postings of delta-coded triples that `read` checked (digits and commas, `count` triples).
    static func decode(_ bytes: ArraySlice<UInt8>, count: Int) -> [SearchIndexWriter.Posting] {
        var result: [SearchIndexWriter.Posting] = []
        result.reserveCapacity(count)
        var triple = (0, 0, 0), position = 0, value = 0, doc = 0
        func close() {
            switch position % 3 {
            case 0: triple.0 = value
            case 1: triple.1 = value
            default:
                doc += triple.0
                result.append(.init(doc: doc, score: UInt8(clamping: triple.1), page: value))
            }
            position += 1
            value = 0
        }
        for byte in bytes {
            if byte == 0x2C { close() } else { value = value * 10 + Int(byte - 0x30) }
        }
        if !bytes.isEmpty { close() }
        return result
    }
}
