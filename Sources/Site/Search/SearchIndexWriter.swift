import Catalog
import Foundation
import Metadata

/// The static search index (see Assets/buscar.js for the reader). Postings hold, per (word, item), a
/// BM25F score with the length normalisation already applied, quantised to 1...255, and the best page;
/// the page computes idf from each word's posting count, so scores stay right as items come and go.
/// Files are scripts (`Memoria.shard(...)`), so the search also works from a folder opened locally.
struct SearchIndexWriter {
    static let folder = "buscar/indice/"
    static let k1 = 1.2, b = 0.75
    static let maxShardBytes = 48_000
    static let pagesPerFragment = 5
    static let maxPageText = 6_000
    /// Documents per fragment directory: the directory names the versioned fragment files of that
    /// many consecutive documents (about 2.5 KB), so a page of results loads a few small directories.
    static let docsPerFragmentDirectory = 128

    /// The document length scores are normalised against (BM25's average length). Fixed rather than the
    /// archive's average of the day: with an average that moved, every score depended on when the site
    /// was last published in full, and an incremental index could never equal a full one. About the
    /// weighted length of a described document with a page or two of text.
    static let referenceLength = 400.0

    struct Posting: Equatable { var doc: Int; var score: UInt8; var page: Int }

    /// The group a shard key belongs to (its first two characters): a group is one shard, or several
    /// of more characters when it grew past `maxShardBytes` (see `shards`).
    static func group(_ key: String) -> String { String(key.prefix(2)) }

    static func quantize(weight: Double, length: Double, average: Double) -> UInt8 {
        let normalised = weight * (k1 + 1) / (weight + k1 * (1 - b + b * length / max(average, 1)))
        return UInt8(max(1, min(255, (normalised / (k1 + 1) * 255).rounded())))
    }

    static func hex(_ key: String) -> String { key.utf8.map { String(format: "%02x", $0) }.joined() }

    static func shardFile(_ key: String) -> String { folder + "t/\(hex(key)).js" }

    // MARK: encoding

    static func encode(_ postings: [Posting]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(postings.count * 3)
        var previous = 0
        for p in postings.sorted(by: { $0.doc < $1.doc }) {
            result += [p.doc - previous, Int(p.score), p.page]
            previous = p.doc
        }
        return result
    }

    /// Appends a non-negative integer's decimal digits (posting values are deltas, scores and pages).
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value > 0 else {
            if value == 0 { out.append(UInt8(ascii: "0")) } else { out.append(contentsOf: Array(String(value).utf8)) }
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    // MARK: fragments and metadata

    static func fragments(doc: Int, summary: CatalogItemSummary, fondsTitle: String, pages: [CatalogItem.Page],
                          thumbnail: SitePageImage? = nil) -> [(String, String)] {
        let dc = summary.dublinCore
        var meta: [String: Any] = [
            "t": summary.title, "u": SiteContext.itemFolder(summary.id), "d": dc["date"].first.map(Labels.readableDate) ?? "",
            "f": fondsTitle, "n": max(1, summary.pageCount),
            "x": (dc["creator"] + dc["subject"] + dc["description"]).joined(separator: " · "),
        ]
        // The first page's thumbnail, for the result list: file, width, height (relative to the item's folder).
        if let thumbnail { meta["i"] = [thumbnail.thumbnailSitePath, thumbnail.thumbnailWidth, thumbnail.thumbnailHeight] as [Any] }
        let chunks = max(1, (pages.count + pagesPerFragment - 1) / pagesPerFragment)
        return (0..<chunks).map { chunk in
            var data = meta
            var texts: [String: String] = [:]
            for page in pages.dropFirst(chunk * pagesPerFragment).prefix(pagesPerFragment) {
                texts[String(page.sequence)] = String(page.text.prefix(maxPageText))
            }
            data["p"] = texts
            return (folder + "f/\(doc)-\(chunk).js", "Memoria.fragment(\"\(doc)-\(chunk)\",\(PageRenderer.scriptSafeJSON(data)));\n")
        }
    }

    static func fragmentDirectoryFile(_ number: Int) -> String { folder + "f/d/\(number).js" }

    /// The fragment directories for the site's fragment files: `versions` maps logical paths
    /// (`buscar/indice/f/12-0.js`) to versioned ones (`buscar/indice/f/12-0.3f2a9c1e.js`); each
    /// directory `n` is `Memoria.fragmentNames(n,{"12-0":"3f2a9c1e",...});` for documents
    /// n×docsPerFragmentDirectory up to the next directory, keyed by directory number.
    static func fragmentDirectories(versions: [String: String]) -> [Int: String] {
        let prefix = folder + "f/"
        var entries: [Int: [(String, String)]] = [:]
        for (logical, published) in versions where logical.hasPrefix(prefix) && logical.hasSuffix(".js") {
            let id = logical.dropFirst(prefix.count).dropLast(3)
            guard let dash = id.firstIndex(of: "-"), let doc = Int(id[..<dash]),
                  published.hasPrefix(logical.dropLast(3) + "."), published.hasSuffix(".js") else { continue }
            let hash = String(published.dropFirst(logical.count - 2).dropLast(3))
            entries[doc / docsPerFragmentDirectory, default: []].append((String(id), hash))
        }
        return entries.mapValues { list in
            var object: [String: Any] = [:]
            for (id, hash) in list { object[id] = hash }
            return object
        }.reduce(into: [:]) { result, entry in
            result[entry.key] = "Memoria.fragmentNames(\(entry.key),\(PageRenderer.scriptSafeJSON(entry.value)));\n"
        }
    }

    /// - Parameter files: versioned names (relative to the index folder) by logical path under it:
    ///   the page loads shard `key` from `files["t/<hex>.js"]`, the metadata from `files["meta.js"]`
    ///   and fragment directory `n` from `files["f/d/<n>.js"]`.
    static func manifest(documents: Int, average: Double, shardKeys: [String], fonds: [String], files: [String: String] = [:]) -> String {
        var shardFiles: [String: String] = [:]
        for key in shardKeys { if let name = files[folder + "t/\(hex(key)).js"] { shardFiles[key] = name } }
        var directories: [String: String] = [:]
        let directoryPrefix = folder + "f/d/"
        for (logical, name) in files where logical.hasPrefix(directoryPrefix) && logical.hasSuffix(".js") {
            directories[String(logical.dropFirst(directoryPrefix.count).dropLast(3))] = name
        }
        var manifest: [String: Any] = ["docs": max(1, documents), "avgdl": average, "shards": shardKeys.sorted(), "fonds": fonds,
                                       "pagesPerFragment": pagesPerFragment, "files": shardFiles, "fragmentNames": directories,
                                       "docsPerFragmentDirectory": docsPerFragmentDirectory]
        if let meta = files[folder + "meta.js"] { manifest["meta"] = meta }
        return "Memoria.manifest(\(PageRenderer.scriptSafeJSON(manifest)));\n"
    }

    /// Groups terms into shards by their first two characters; a shard that grew past `maxShardBytes`
    /// is split by one more character of its terms, and so on down to `maxKeyLength` (the search
    /// script reads the shard whose key is the longest start of the word, so any depth is read alike).
    static func shards(_ postings: [String: [Posting]]) -> [String: [String: [Posting]]] {
        layout(postings.mapValues(\.count)).mapValues { words in
            Dictionary(uniqueKeysWithValues: words.map { ($0, postings[$0]!) })
        }
    }

    /// `shards`' rule on the number of postings of each term: the terms of each shard key. An
    /// incremental publish lays out a group it changed with it, knowing only how many postings each
    /// word it copies has.
    static func layout(_ counts: [String: Int]) -> [String: [String]] {
        var groups: [String: [String: Int]] = [:]
        for (term, count) in counts { groups[DocumentTerms.shardKey(term), default: [:]][term] = count }
        var result: [String: [String]] = [:]
        for (key, terms) in groups { split(key, terms, into: &result) }
        return result
    }

    /// Longest shard key: past it, a shard holds the forms of a few words and is left as it is.
    static let maxKeyLength = 6

    /// `terms` (posting counts) as the shard `key`, or split by the next character when too large;
    /// the terms no longer than the key stay in a shard of that key.
    private static func split(_ key: String, _ terms: [String: Int], into result: inout [String: [String]]) {
        let size = terms.reduce(0) { $0 + $1.key.utf8.count + $1.value * 9 }
        guard size > maxShardBytes, key.count >= 2, key.count < maxKeyLength else { result[key] = Array(terms.keys); return }
        var parts: [String: [String: Int]] = [:]
        for (term, count) in terms {
            let text = DocumentTerms.keyText(term)
            parts[text.count > key.count ? String(text.prefix(key.count + 1)) : key, default: [:]][term] = count
        }
        // Every term no longer than the key: nothing to split (a longer key alone is split further).
        guard parts.count > 1 || parts[key] == nil else { result[key] = Array(terms.keys); return }
        for (part, partTerms) in parts {
            if part == key { result[key] = Array(partTerms.keys) } else { split(part, partTerms, into: &result) }
        }
    }
}
