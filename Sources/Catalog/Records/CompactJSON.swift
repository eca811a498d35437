import Support
import Metadata

/// The JSON the catalog keeps in text columns (creators, subjects, the Dublin Core record), written
/// directly: Foundation's JSONEncoder costs tens of microseconds per call, a third of the time of
/// storing an item when 100,000 are reindexed. The output is what JSONEncoder with sorted keys and
/// unescaped slashes writes, and JSONDecoder reads it back.
enum CompactJSON {
    static func append(_ string: String, to out: inout String) {
        out.append("\"")
        // Runs of bytes that need no escape are copied whole; only `"`, `\\` and control characters are
        // escaped (appending scalar by scalar was most of the cost of the catalogue dump).
        let utf8 = string.utf8
        var plainStart = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 {
                if plainStart < index { out.append(contentsOf: string[plainStart..<index]) }
                switch byte {
                case 0x22: out.append("\\\"")
                case 0x5C: out.append("\\\\")
                case 0x0A: out.append("\\n")
                case 0x0D: out.append("\\r")
                case 0x09: out.append("\\t")
                default:
                    let hex = String(byte, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                }
                plainStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if plainStart < utf8.endIndex { out.append(contentsOf: string[plainStart...]) }
        out.append("\"")
    }

    static func array(_ values: [String]) -> String {
        var out = "["
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(",") }
            append(value, to: &out)
        }
        out.append("]")
        return out
    }

    /// `{"values":{"creator":[...],...}}`, keys sorted, as DublinCoreRecord's Codable form.
    static func dublinCore(_ record: DublinCoreRecord) -> String {
        var out = "{\"values\":{"
        for (index, key) in record.values.keys.sorted().enumerated() {
            if index > 0 { out.append(",") }
            append(key, to: &out)
            out.append(":")
            out.append(array(record.values[key] ?? []))
        }
        out.append("}}")
        return out
    }

    /// Reads what `dublinCore(_:)` writes; nil for anything else (the caller then uses JSONDecoder).
    static func readDublinCore(_ text: String) -> DublinCoreRecord? {
        var scanner = JSONByteScanner(text.utf8)
        var values: [String: [String]] = [:]
        let read = scanner.object { scanner, key in
            guard key == "values" else { return false }
            return scanner.object { scanner, element in
                guard let list = scanner.array(of: { $0.string() }) else { return false }
                values[element] = list
                return true
            }
        }
        guard read, scanner.isAtEnd() else { return nil }
        return DublinCoreRecord(storedValues: values)
    }
}
