import Foundation
/// JSON that is safe inside a <script> element and in the JSONP files of the search index: `<`, `>`
/// and `&` are written as \u escapes (no `</script>` can end the element early), as are U+2028 and
/// U+2029 (line breaks to old JavaScript parsers). Keys are sorted, so the same data gives the same
/// bytes and an incremental publish sees what did not change.
///
/// Written by hand: Foundation's JSONSerialization plus five string replacements took a quarter of
/// the time of a full publish.
enum ScriptJSON {
    static func encode(_ value: Any?) -> String {
        var out = ""
        out.reserveCapacity(256)
        append(value, to: &out)
        return out
    }

    static func append(_ value: Any?, to out: inout String) {
        switch value {
        case nil, is NSNull:
            out.append("null")
        case let string as String:
            appendString(string, to: &out)
        case let int as Int:
            out.append(String(int))
        case let bool as Bool:
            out.append(bool ? "true" : "false")
        case let double as Double:
            if double.isNaN || double.isInfinite {
                out.append("null")
            } else if double == double.rounded(), abs(double) < 1e15 {
                out.append(String(Int(double)))
            } else {
                out.append(String(double))
            }
        case let integers as [Int]:
            appendArray(integers, to: &out) { $1.append(String($0)) }
        case let strings as [String]:
            appendArray(strings, to: &out) { appendString($0, to: &$1) }
        case let object as [String: Any]:
            out.append("{")
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out.append(",") }
                appendString(key, to: &out)
                out.append(":")
                append(object[key]!, to: &out)
            }
            out.append("}")
        case let array as [Any]:
            appendArray(array, to: &out) { append($0, to: &$1) }
        default:
            // Anything else (an unexpected type) is written as its description, as a string: never a crash.
            appendString(String(describing: value!), to: &out)
        }
    }

    /// `[a,b,...]`, each element written by `element` (typed arrays skip boxing every value as Any).
    static func appendArray<Element>(_ elements: [Element], to out: inout String, _ element: (Element, inout String) -> Void) {
        out.append("[")
        for (index, value) in elements.enumerated() {
            if index > 0 { out.append(",") }
            element(value, &out)
        }
        out.append("]")
    }

    static func appendString(_ string: String, to out: inout String) {
        out.append("\"")
        var plainStart = string.utf8.startIndex
        let utf8 = string.utf8
        var index = utf8.startIndex
        func flush(_ upTo: String.UTF8View.Index) {
            if plainStart < upTo { out.append(contentsOf: string[plainStart..<upTo]) }
        }
        while index < utf8.endIndex {
            let byte = utf8[index]
            var escape: String?
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x3C: escape = "\\u003c"
            case 0x3E: escape = "\\u003e"
            case 0x26: escape = "\\u0026"
            case 0xE2:
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
                let second = utf8.index(after: index)
                if second < utf8.endIndex, utf8[second] == 0x80 {
                    let third = utf8.index(after: second)
                    if third < utf8.endIndex, utf8[third] == 0xA8 || utf8[third] == 0xA9 {
                        flush(index)
                        out.append(utf8[third] == 0xA8 ? "\\u2028" : "\\u2029")
                        index = utf8.index(after: third)
                        plainStart = index
                        continue
                    }
                }
            default:
                if byte < 0x20 {
                    let hex = String(byte, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
            if let escape {
                flush(index)
                out.append(escape)
                index = utf8.index(after: index)
                plainStart = index
            } else {
                index = utf8.index(after: index)
            }
        }
        flush(utf8.endIndex)
        out.append("\"")
    }
}
