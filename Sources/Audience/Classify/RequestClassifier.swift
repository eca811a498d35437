/// Sorts a request path into a `RequestKind`, and picks out the item identifier or fonds slug it
/// names. The path has no query string (the parser cuts it: search words typed in the site's quick
/// search form travel there and are never read). `prefix` is where the site is served ("/" or
/// "/memoria/").
struct RequestClassifier {
    struct Result {
        var kind: RequestKind
        /// The item identifier or fonds slug, as a byte range of the path.
        var name: Range<Int> = 0..<0
        var download: DownloadKind? = nil
    }

    private let prefix: [UInt8]

    init(sitePrefix: String) {
        var text = sitePrefix.hasPrefix("/") ? sitePrefix : "/" + sitePrefix
        if !text.hasSuffix("/") { text += "/" }
        prefix = Array(text.utf8)
    }

    func classify(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> Result {
        let n = range.upperBound
        guard range.count >= prefix.count else { return Result(kind: range.count == prefix.count - 1 && matchesPrefix(p, range, dropLast: true) ? .page : .other) }
        guard matchesPrefix(p, range, dropLast: false) else { return Result(kind: .other) }
        let s = range.lowerBound + prefix.count   // first byte after "<prefix>"
        if starts(p, s, n, "items/") {
            let idStart = s + 6
            var idEnd = idStart
            while idEnd < n && p[idEnd] != UInt8(ascii: "/") { idEnd += 1 }
            guard idEnd > idStart else { return Result(kind: .page) }
            let name = idStart..<idEnd
            if idEnd == n { return Result(kind: .itemPage, name: name) }   // `items/<id>`, redirected by the server
            let rest = idEnd + 1
            if rest == n || equals(p, rest, n, "index.html") { return Result(kind: .itemPage, name: name) }
            if equals(p, rest, n, "mets.xml") { return Result(kind: .download, name: name, download: .mets) }
            if equals(p, rest, n, "dc.xml") { return Result(kind: .download, name: name, download: .dublinCore) }
            if equals(p, rest, n, "manifest.json") { return Result(kind: .download, name: name, download: .iiif) }
            if ends(p, rest, n, ".thumb.jpg") || isIIIFThumbnail(p, rest, n) { return Result(kind: .asset, name: name) }
            if ends(p, rest, n, ".jpg") { return Result(kind: .pageImage, name: name) }
            if ends(p, rest, n, ".txt") { return Result(kind: .download, name: name, download: .text) }
            if ends(p, rest, n, ".pdf") { return Result(kind: .download, name: name, download: .pdf) }
            return Result(kind: .asset, name: name)
        }
        if starts(p, s, n, "fondos/") {
            let slugStart = s + 7
            var slugEnd = slugStart
            while slugEnd < n && p[slugEnd] != UInt8(ascii: "/") { slugEnd += 1 }
            guard slugEnd > slugStart else { return Result(kind: .page) }
            return Result(kind: isPage(p, s, n) ? .fondsPage : .asset, name: slugStart..<slugEnd)
        }
        if starts(p, s, n, "buscar/indice/") {
            return Result(kind: starts(p, s + 14, n, "t/") ? .searchShard : .asset)
        }
        if starts(p, s, n, "assets/") { return Result(kind: .asset) }
        if equals(p, s, n, "robots.txt") { return Result(kind: .robots) }
        if starts(p, s, n, "datos/") && !isPage(p, s, n) { return Result(kind: .download, download: .openData) }
        if ends(p, s, n, ".pdf") { return Result(kind: .download, download: .pdf) }
        if isPage(p, s, n) { return Result(kind: .page) }
        if hasAssetExtension(p, s, n) { return Result(kind: .asset) }
        return Result(kind: .other)
    }

    /// The longest side, in pixels, of the thumbnails the site shows in lists (derive's default
    /// `thumbnail_long_edge`).
    static let thumbnailLongEdge = 400

    /// A page's thumbnail as the site serves it since it no longer copies it beside the page: a whole
    /// image of its IIIF service, `iiif/<key>/full/<w>,<h>/0/default.jpg`, no larger than a thumbnail
    /// (a larger size or `full/max` is the page image itself).
    private func isIIIFThumbnail(_ p: UnsafePointer<UInt8>, _ s: Int, _ n: Int) -> Bool {
        guard starts(p, s, n, "iiif/"), ends(p, s, n, "/0/default.jpg") else { return false }
        let sizeEnd = n - "/0/default.jpg".utf8.count
        var sizeStart = sizeEnd
        while sizeStart > s && p[sizeStart - 1] != UInt8(ascii: "/") { sizeStart -= 1 }
        guard sizeStart - s >= 6, p[sizeStart - 6] == UInt8(ascii: "/"), starts(p, sizeStart - 5, n, "full/") else { return false }
        var sides: [Int] = [0], digits = 0
        for i in sizeStart..<sizeEnd {
            let byte = p[i]
            if byte == UInt8(ascii: ","), digits > 0, sides.count == 1 { sides.append(0); digits = 0; continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 6 else { return false }
            sides[sides.count - 1] = sides[sides.count - 1] * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return sides.count == 2 && digits > 0 && max(sides[0], sides[1]) <= Self.thumbnailLongEdge
    }

    /// An HTML page: ends in "/", ".html" or ".htm", or its last segment has no extension.
    private func isPage(_ p: UnsafePointer<UInt8>, _ s: Int, _ n: Int) -> Bool {
        if n == s || p[n - 1] == UInt8(ascii: "/") { return true }
        if ends(p, s, n, ".html") || ends(p, s, n, ".htm") { return true }
        var i = n - 1
        while i >= s && p[i] != UInt8(ascii: "/") {
            if p[i] == UInt8(ascii: ".") { return false }
            i -= 1
        }
        return true
    }

    private static let assetExtensions: [[UInt8]] = ["css", "js", "mjs", "map", "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif",
                                                      "woff", "woff2", "ttf", "otf", "xml", "json", "webmanifest"].map { Array($0.utf8) }

    private func hasAssetExtension(_ p: UnsafePointer<UInt8>, _ s: Int, _ n: Int) -> Bool {
        var dot = n - 1
        while dot >= s && p[dot] != UInt8(ascii: ".") && p[dot] != UInt8(ascii: "/") { dot -= 1 }
        guard dot >= s, p[dot] == UInt8(ascii: ".") else { return false }
        let length = n - dot - 1
        return Self.assetExtensions.contains { ext in
            ext.count == length && (0..<length).allSatisfy { p[dot + 1 + $0] | 0x20 == ext[$0] | 0x20 }
        }
    }

    private func matchesPrefix(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, dropLast: Bool) -> Bool {
        let count = dropLast ? prefix.count - 1 : prefix.count
        guard range.count >= count else { return false }
        for i in 0..<count where p[range.lowerBound + i] != prefix[i] { return false }
        return true
    }

    @inline(__always) private func starts(_ p: UnsafePointer<UInt8>, _ s: Int, _ n: Int, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard n - s >= count else { return false }
        let t = text.utf8Start
        for i in 0..<count where p[s + i] != t[i] { return false }
        return true
    }

    @inline(__always) private func equals(_ p: UnsafePointer<UInt8>, _ s: Int, _ n: Int, _ text: StaticString) -> Bool {
        n - s == text.utf8CodeUnitCount && starts(p, s, n, text)
    }

    @inline(__always) private func ends(_ p: UnsafePointer<UInt8>, _ s: Int, _ n: Int, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard n - s >= count else { return false }
        let t = text.utf8Start
        for i in 0..<count where p[n - count + i] | 0x20 != t[i] | 0x20 { return false }
        return true
    }
}
