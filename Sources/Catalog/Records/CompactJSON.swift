import Metadata

/// The JSON the catalog keeps in text columns (creators, subjects, the Dublin Core record), written
/// directly: Foundation's JSONEncoder costs tens of microseconds per call, a third of the time of
/// storing an item when 100,000 are reindexed. The output is what JSONEncoder with sorted keys and
/// unescaped slashes writes, and JSONDecoder reads it back.
enum CompactJSON {
    static func append(_ string: String, to out: inout String) {
        out.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
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
                var list: [String] = []
                guard scanner.array({ scanner in
                    guard let value = scanner.string() else { return false }
                    list.append(value)
                    return true
                }) else { return false }
                values[element] = list
                return true
            }
        }
        guard read, scanner.isAtEnd() else { return nil }
        return DublinCoreRecord(storedValues: values)
    }
}
