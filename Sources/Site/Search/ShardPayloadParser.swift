import Support
import Metadata

/// Reads the object of a search shard, `{"word":[1,230,2,...],...}`, as `ScriptJSON` writes it. An
/// incremental publish reads back every shard that holds a word of a changed item. Any other shape
/// gives nil.
enum ShardPayloadParser {
    static func parse<S: Sequence>(_ input: S) -> [String: [Int]]? where S.Element == UInt8 {
        var scanner = JSONByteScanner(input)
        var result: [String: [Int]] = [:]
        let read = scanner.object { scanner, word in
            guard let values = scanner.array(of: { $0.integer() }) else { return false }
            result[word] = values
            return true
        }
        return read && scanner.isAtEnd() ? result : nil
    }
}
