// libFuzzer target for the search query parser, compiled with the search files of Sources/Catalog
// and the C tokenizer's folding (scripts/fuzz/build.sh): fuzz-query. Whatever a visitor types must
// become a safe FTS5 expression, never a crash.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let text = String(decoding: bytes, as: UTF8.self)
    let query = SearchQuery(text)
    _ = (query.matchExpression, query.notes, query.onlyCommonWords)
    for word in SearchText.words(text).prefix(64) { _ = SearchText.fold(word) }
    _ = SearchText.tokens(text)
    return 0
}
