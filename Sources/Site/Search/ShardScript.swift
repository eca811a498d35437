import Foundation

/// Writes a search shard, `Memoria.shard("key",{"word":[...],...});` with its words sorted, as bytes
/// (going through `[String: Any]`, or a String, boxed or copied every posting of every word). Words
/// read back as written (ShardWordPostings.asWritten) are copied as they are.
enum ShardScript {
    static func make(_ key: String, _ words: [String: ShardWordPostings]) -> Data {
        var head = "Memoria.shard("
        ScriptJSON.appendString(key, to: &head)
        head += ",{"
        var out = Array(head.utf8)
        out.reserveCapacity(words.reduce(64) { $0 + $1.key.utf8.count + 4 + $1.value.count * 9 })
        for (index, word) in words.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var quoted = ""
            ScriptJSON.appendString(word, to: &quoted)
            out.append(contentsOf: quoted.utf8)
            out.append(UInt8(ascii: ":"))
            out.append(UInt8(ascii: "["))
            switch words[word]! {
            case .asWritten(let bytes, _): out.append(contentsOf: bytes)
            case .decoded(let postings):
                for (position, value) in SearchIndexWriter.encode(postings).enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    SearchIndexWriter.appendDecimal(value, to: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "});\n".utf8)
        return Data(out)
    }
}
