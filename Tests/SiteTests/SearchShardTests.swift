import Foundation
import Catalog
@testable import Site
import Testing

/// Search shards are written by SearchIndexWriter and read back by an incremental publish: what is
/// read must be exactly what was written, and anything else must be refused (so the index is rebuilt).
struct SearchShardTests {
    static func script(_ key: String, _ postings: [String: [SearchIndexWriter.Posting]]) -> Data {
        ShardScript.make(key, postings.mapValues { .decoded($0) })
    }

    static func readable(_ words: [String: ShardWordPostings]) -> [String: [String]] {
        words.mapValues { $0.postings.map { "\($0.doc)/\($0.score)/\($0.page)" } }
    }

    static let sample: [String: [SearchIndexWriter.Posting]] = [
        "canción": [.init(doc: 3, score: 200, page: 1), .init(doc: 1, score: 1, page: 12)],
        "año": [.init(doc: 0, score: 255, page: 1)],
        "comillas\"y\\barras": [.init(doc: 7, score: 9, page: 2)],
        "<script>&": [.init(doc: 2, score: 30, page: 1), .init(doc: 1_000_007, score: 17, page: 140)],
        "linea\u{2028}rara\u{1F3BA}": [.init(doc: 9, score: 40, page: 3)],
    ]

    @Test func aShardReadsBackExactlyAsWritten() throws {
        let script = Self.script("ca", Self.sample)
        #expect(!String(decoding: script, as: UTF8.self).contains("<"), "script-safe")
        let read = try #require(ShardWords.read(script, dropping: []))
        #expect(read.values.allSatisfy { $0.isAsWritten }, "nothing dropped: every word copied as written")
        let expected: [String: ShardWordPostings] = Self.sample.mapValues { list in .decoded(list.sorted { $0.doc < $1.doc }) }
        #expect(Self.readable(read) == Self.readable(expected))
        // Copied as written, the shard is the same bytes again.
        #expect(ShardScript.make("ca", read) == script)
    }

    /// An incremental publish drops the postings of the items it replaces or removes: only the words
    /// holding one of them are decoded, a word left with none goes, and the shard written from what
    /// was read equals the one written from the postings themselves.
    @Test func droppingDocumentsDecodesOnlyTheWordsThatHoldThem() throws {
        let read = try #require(ShardWords.read(Self.script("ca", Self.sample), dropping: [1, 9]))
        #expect(read["año"]?.isAsWritten == true)
        #expect(read["canción"]?.isAsWritten == false)
        #expect(read["linea\u{2028}rara\u{1F3BA}"] == nil, "its only posting was dropped")
        var expected = Self.sample
        expected["canción"] = [.init(doc: 3, score: 200, page: 1)]
        expected["linea\u{2028}rara\u{1F3BA}"] = nil
        let decoded: [String: ShardWordPostings] = expected.mapValues { .decoded($0) }
        #expect(Self.readable(read) == Self.readable(decoded))
        #expect(ShardScript.make("ca", read) == Self.script("ca", expected))
    }

    @Test(arguments: [
        "", "Memoria.shard(\"ca\",{});", "Memoria.fragment(\"1-0\",{\"t\":[1,2,3]});\n", "Memoria.shard(\"ca\",{\"a\":[1,2,]});\n",
        "Memoria.shard(\"ca\",{\"a\":\"texto\"});\n", "Memoria.shard(\"ca\",{\"a\":[1,2,3]}x);\n", "Memoria.shard(\"ca\",{\"\\ud800\":[1,2,3]});\n",
        "Memoria.shard(\"ca\",{\"a\":[1,2,3]);\n", "Memoria.shard(\"ca\",{\"\\q\":[1,2,3]});\n",
        // What ShardScript never writes: a part of a triple, a leading zero, a sign, a space, a word twice over.
        "Memoria.shard(\"ca\",{\"a\":[1,2]});\n", "Memoria.shard(\"ca\",{\"a\":[01,2,3]});\n", "Memoria.shard(\"ca\",{\"a\":[-1,2,3]});\n",
        "Memoria.shard(\"ca\",{\"a\":[1, 2,3]});\n", "Memoria.shard(\"ca\",{\"a\":[1,2,3],});\n", "Memoria.shard(\"ca\",{\"a\":[1,2,3]}\n",
    ])
    func anythingElseIsRefused(_ text: String) {
        #expect(ShardWords.read(Data(text.utf8), dropping: []) == nil)
    }

    /// A group of words too large for one shard is split by one more character at a time, and each
    /// word is then in the shard the search script reads for it: the one whose key is the longest
    /// start of the word (buscar.js, shardKeys). Words of one stem stay together in the deepest shard.
    @Test func aLargeGroupIsSplitDeeperAndEachWordIsInTheShardTheScriptReads() {
        var postings: [String: [SearchIndexWriter.Posting]] = [:]
        let many = (0..<3_000).map { SearchIndexWriter.Posting(doc: $0, score: 9, page: 1) }
        // «poe…»: far more than one shard holds, most of it under «poem»; «po» and «poe» themselves too.
        for word in ["po", "poe", "poema", "poemas", "poemario", "poeta", "poetas", "poesía", "poemita", "poemazo"] { postings[word] = many }
        postings[SpanishStemmer.mark + "poem"] = many
        postings["pozo"] = Array(many.prefix(10))
        let shards = SearchIndexWriter.shards(postings)
        #expect(shards.keys.contains { $0.count >= 4 }, "split only by three characters: \(shards.keys.sorted())")
        // A group whose words all share their next characters is split down to where they differ.
        let alike = SearchIndexWriter.shards(["poemas": many, "poemario": many, SpanishStemmer.mark + "poem": many])
        #expect(Set(alike.keys) == ["poem", "poemas", "poemar"], "\(alike.keys.sorted())")
        for (word, _) in postings {
            let text = DocumentTerms.keyText(word)
            let read = shards.keys.filter { text.hasPrefix($0) }.max { $0.count < $1.count }
            #expect(read.map { shards[$0]?[word] != nil } == true, "«\(word)» is not in the shard the script reads (\(read ?? "none"))")
        }
        #expect(shards.values.reduce(0) { $0 + $1.count } == postings.count, "a word in two shards")
        for (key, terms) in shards where terms.count > 1 && key.count < SearchIndexWriter.maxKeyLength {
            let size = terms.reduce(0) { $0 + $1.key.utf8.count + $1.value.count * 9 }
            let splittable = Set(terms.keys.map { DocumentTerms.keyText($0).prefix(key.count + 1) }).count > 1
            #expect(size <= SearchIndexWriter.maxShardBytes || !splittable, "shard «\(key)» holds \(size) bytes and could be split")
        }
    }

    @Test func anEmptyShardObjectReadsAsEmpty() throws {
        #expect(try #require(ShardWords.read(Data("Memoria.shard(\"ca\",{});\n".utf8), dropping: [])).isEmpty)
    }
}
