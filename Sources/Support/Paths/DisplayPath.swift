import Foundation

/// Paths as a person should read them: relative, starting with the folder they know (`inbox/…`,
/// `archive/…`, `quarantine/…`), never the machine's absolute path. A path inside one of the named
/// roots is shown relative to that root's parent folder; anything else keeps only its last two parts.
/// Equality compares the folders.
public struct DisplayPath: Sendable, Equatable {
    public static func == (a: DisplayPath, b: DisplayPath) -> Bool { a.anchors.map(\.folder) == b.anchors.map(\.folder) }

    /// Absolute folders and the folder a path inside them is shown relative to, most specific first.
    private let anchors: [(folder: String, relativeTo: String)]

    /// `roots`: shown from the root's own name (`archive/BSH-0001`); `bases`: shown relative to the base
    /// itself (the folder of pipeline.yaml: `pipeline.yaml`).
    public init(roots: [String], bases: [String] = []) {
        func clean(_ path: String) -> String { path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path }
        let fromRoots = roots.map(clean).filter { $0.hasPrefix("/") && $0.count > 1 }.map { ($0, ($0 as NSString).deletingLastPathComponent) }
        let fromBases = bases.map(clean).filter { $0.hasPrefix("/") && $0.count > 1 }.map { ($0, $0) }
        anchors = (fromRoots + fromBases).sorted { $0.0.count > $1.0.count }
    }

    /// A path shown for people.
    public func show(_ path: String) -> String {
        for anchor in anchors where path == anchor.folder || path.hasPrefix(anchor.folder + "/") {
            if path == anchor.relativeTo { return "." }
            let prefix = anchor.relativeTo == "/" ? "/" : anchor.relativeTo + "/"
            return String(path.dropFirst(prefix.count))
        }
        guard path.hasPrefix("/") else { return path }
        let parts = path.split(separator: "/")
        return parts.suffix(2).joined(separator: "/")
    }

    /// Replaces every occurrence of a root folder inside a longer text (a library message naming a path).
    public func scrub(_ text: String) -> String {
        var result = text
        for anchor in anchors where anchor.relativeTo != "/" && result.contains(anchor.folder) {
            result = result.replacingOccurrences(of: anchor.relativeTo + "/", with: "")
        }
        return result
    }
}
