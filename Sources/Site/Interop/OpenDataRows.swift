import Foundation
import Catalog

/// The rows of an open-data dump already in the site, by item: an incremental publish copies the
/// rows of the items it did not change instead of writing them again (with one item changed, writing
/// every row of the three dumps was a tenth of the publish). Read only when the file is exactly what
/// `OpenData` wrote for the items the last publish published: one row per item in identifier order,
/// each starting with its identifier. Anything else gives nil, and every row is written anew.
struct OpenDataRows {
    private let bytes: [UInt8]
    private let ranges: [String: Range<Int>]

    func row(_ id: String) -> ArraySlice<UInt8>? { ranges[id].map { bytes[$0] } }

    /// The rows of `OpenData.csv`'s file for `ids` (the items it was written for, sorted by
    /// identifier), keeping those of the items `reused` accepts.
    static func csv(_ data: Data, ids: [String], excel: Bool, reused: (String) -> Bool) -> OpenDataRows? {
        let bytes = [UInt8](data)
        let separator = excel ? ";" : ","
        let header = Array(OpenData.csvHeader(separator: separator).utf8)
        guard bytes.starts(with: header) else { return nil }
        var at = header.count
        var ranges: [String: Range<Int>] = [:]
        for id in ids {
            // A row ends at CR LF outside quotes (a quoted cell doubles its quotes, so each quote toggles).
            let start = at
            var quoted = false
            while at + 1 < bytes.count, quoted || !(bytes[at] == 0x0D && bytes[at + 1] == 0x0A) {
                if bytes[at] == 0x22 { quoted.toggle() }
                at += 1
            }
            guard at + 1 < bytes.count else { return nil }
            let row = start..<at
            at += 2
            guard bytes[row].starts(with: Array((CatalogueDump.cell(id, separator: separator) + separator).utf8)) else { return nil }
            if reused(id) { ranges[id] = row }
        }
        return at == bytes.count ? OpenDataRows(bytes: bytes, ranges: ranges) : nil
    }

    /// The objects of `OpenData.json`'s file for `ids` (as for `csv`), one per line.
    static func json(_ data: Data, ids: [String], reused: (String) -> Bool) -> OpenDataRows? {
        let bytes = [UInt8](data)
        let open = Array("[\n".utf8), close = Array("]\n".utf8)
        guard bytes.starts(with: open), bytes.suffix(close.count).elementsEqual(close), bytes.count >= open.count + close.count else { return nil }
        let end = bytes.count - close.count
        var at = open.count
        var ranges: [String: Range<Int>] = [:]
        let key = Array(",\"identifier\":".utf8)
        for (index, id) in ids.enumerated() {
            let start = at
            while at < end, bytes[at] != 0x0A { at += 1 }
            guard at < end else { return nil }
            let last = index == ids.count - 1
            // `{...},` or, on the last line, `{...}`.
            let row = start..<(last ? at : at - 1)
            guard row.count >= 2, bytes[row.lowerBound] == 0x7B, last || bytes[at - 1] == 0x2C, bytes[row.upperBound - 1] == 0x7D else { return nil }
            at += 1
            // The first `,"identifier":` is the key (inside a string every quote is escaped).
            guard let found = firstIndex(of: key, in: bytes, within: row) else { return nil }
            var literal = ""
            ScriptJSON.appendString(id, to: &literal)
            guard bytes[(found + key.count)..<row.upperBound].starts(with: Array((literal + ",").utf8)) else { return nil }
            if reused(id) { ranges[id] = row }
        }
        return at == end ? OpenDataRows(bytes: bytes, ranges: ranges) : nil
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], within range: Range<Int>) -> Int? {
        guard let first = needle.first, range.count >= needle.count else { return nil }
        var at = range.lowerBound
        while at + needle.count <= range.upperBound {
            if bytes[at] == first, bytes[at..<(at + needle.count)].elementsEqual(needle) { return at }
            at += 1
        }
        return nil
    }
}
