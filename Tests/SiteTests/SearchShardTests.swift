import Foundation
@testable import Site
import Testing

/// Search shards are written by SearchIndexWriter and read back by an incremental publish: what is
/// read must be exactly what was written, and anything else must be refused (so the index is rebuilt).
struct SearchShardTests {
    @Test func aShardReadsBackExactlyAsWritten() throws {
        let postings: [String: [SearchIndexWriter.Posting]] = [
            "canción": [.init(doc: 3, score: 200, page: 1), .init(doc: 1, score: 1, page: 12)],
            "año": [.init(doc: 0, score: 255, page: 1)],
            "comillas\"y\\barras": [.init(doc: 7, score: 9, page: 2)],
            "<script>&": [.init(doc: 2, score: 30, page: 1)],
            "linea\u{2028}rara\u{1F3BA}": [.init(doc: 9, score: 40, page: 3)],
        ]
        let script = SearchIndexWriter.shardScript("ca", postings)
        #expect(!script.contains("<"), "script-safe")
        let read = try #require(SearchIndexWriter.readShard(Data(script.utf8)))
        #expect(Set(read.keys) == Set(postings.keys))
        for (word, list) in postings {
            let expected = list.sorted { $0.doc < $1.doc }.map { "\($0.doc)/\($0.score)/\($0.page)" }
            #expect(read[word]?.map { "\($0.doc)/\($0.score)/\($0.page)" } == expected, "\(word)")
        }
    }

    @Test(arguments: [
        "", "Memoria.shard(\"ca\",{});", "Memoria.fragment(\"1-0\",{\"t\":[1]});\n", "Memoria.shard(\"ca\",{\"a\":[1,2,]});\n",
        "Memoria.shard(\"ca\",{\"a\":\"texto\"});\n", "Memoria.shard(\"ca\",{\"a\":[1]}x);\n", "Memoria.shard(\"ca\",{\"\\ud800\":[1]});\n",
        "Memoria.shard(\"ca\",{\"a\":[1]);\n", "Memoria.shard(\"ca\",{\"\\q\":[1]});\n",
    ])
    func anythingElseIsRefused(_ text: String) {
        #expect(SearchIndexWriter.readShard(Data(text.utf8)) == nil)
    }

    @Test func anEmptyShardObjectReadsAsEmpty() throws {
        #expect(try #require(SearchIndexWriter.readShard(Data("Memoria.shard(\"ca\",{});\n".utf8))).isEmpty)
    }
}
