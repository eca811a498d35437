import Foundation
import Support

/// Content-addressed file names for the site's scripts, stylesheets and search shards, so a visitor
/// never gets a stale copy after a publish (a cache may keep `estilo.3f2a9c1e.css` forever: new
/// content is a new name).
///
/// The rule is by path, not by caller: whoever writes `assets/…/x.css|js` or a search-index script
/// through `SiteOutput` gets the versioned name (`x.<hash>.css`), and every HTML page written after
/// it has its references rewritten (`…assets/x.css` → `…assets/x.<hash>.css`). Shards are found
/// through the search manifest, which lists their versioned names; the per-document fragments
/// (`f/<doc>-<k>.<hash>.js`) through fragment directories (`f/d/<n>.<hash>.js`, one per
/// `SearchIndexWriter.docsPerFragmentDirectory` documents) that the manifest names; the manifest itself is found
/// through the search page. Assets and the manifest also stay under their plain name (a hard link),
/// for links from outside the site.
enum VersionedNames {
    /// Folders whose files pages refer to by name (their references in HTML are rewritten).
    static let pageFolders = ["assets/", "buscar/indice/"]

    /// Whether `relative` is written under a versioned name, and whether pages refer to it directly
    /// (then it also keeps its plain name).
    static func rule(for relative: String) -> (versioned: Bool, referencedFromPages: Bool) {
        guard relative.hasSuffix(".js") || relative.hasSuffix(".css") else { return (false, false) }
        if relative.hasPrefix("assets/") { return (true, true) }
        if relative == "buscar/indice/manifiesto.js" { return (true, true) }
        if relative == "buscar/indice/meta.js" || relative.hasPrefix("buscar/indice/t/") || relative.hasPrefix("buscar/indice/f/") { return (true, false) }
        return (false, false)
    }

    /// `assets/estilo.css` with content `data` → `assets/estilo.<8 hex digits>.css`.
    static func name(_ relative: String, _ data: Data) -> String {
        let hash = String(StableHash.hex16(StableHash.fnv1a(data)).suffix(8))
        guard let dot = relative.lastIndex(of: "."), relative[dot...].firstIndex(of: "/") == nil else { return relative + "." + hash }
        return "\(relative[..<dot]).\(hash)\(relative[dot...])"
    }

    /// `html` with every reference to a page-referenced logical path replaced by its versioned name.
    /// A reference is the logical path after a quote, `(`, `=` or a `/` (as in `../../assets/x.css`
    /// or `https://host/assets/x.css`), ending at a quote, `)`, `?`, `#`, `>` or a space.
    static func rewrite(_ html: Data, names: [String: String]) -> Data {
        guard !names.isEmpty else { return html }
        let bytes = [UInt8](html)
        let prefixes = pageFolders.map { Array($0.utf8) }
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "a") || byte == UInt8(ascii: "b"), index > 0, isOpening(bytes[index - 1]),
                  let prefix = prefixes.first(where: { matches($0, bytes, at: index) }) else {
                index += 1
                continue
            }
            var end = index + prefix.count
            while end < count, !isClosing(bytes[end]) { end += 1 }
            let logical = String(decoding: bytes[index..<end], as: UTF8.self)
            if let published = names[logical] {
                if out.isEmpty { out.reserveCapacity(count + 256) }
                out.append(contentsOf: bytes[copied..<index])
                out.append(contentsOf: Array(published.utf8))
                copied = end
            }
            index = end
        }
        guard copied > 0 else { return html }
        out.append(contentsOf: bytes[copied..<count])
        return Data(out)
    }

    private static func matches(_ prefix: [UInt8], _ bytes: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where bytes[index + offset] != prefix[offset] { return false }
        return true
    }

    private static func isOpening(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "=")
            || byte == UInt8(ascii: "/")
    }

    private static func isClosing(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "?")
            || byte == UInt8(ascii: "#") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n")
    }
}
