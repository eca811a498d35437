import Foundation

/// Memoria's own scripts as the site serves them: without the lines that are only a comment and
/// without indentation (a quarter of the viewer's bytes, which an item page loads before anything
/// else of it). The sources keep their comments; nothing inside a line is touched, so a string or a
/// regular expression holding `//` stays as written (no line of these scripts starts inside one).
enum ScriptCompaction {
    static func compact(_ script: Data) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(script.count)
        for line in script.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            guard let start = line.firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { continue }
            let text = line[start...]
            if text.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) { continue }
            out.append(contentsOf: text)
            out.append(UInt8(ascii: "\n"))
        }
        return Data(out)
    }
}
