import Foundation

/// Paths as a person should read them: relative, starting with the folder they know (`inbox/…`,
/// `archive/…`, `quarantine/…`), never the machine's absolute path. A path inside one of the named
/// roots is shown relative to that root's parent folder; anything else keeps only its last two parts.
public struct DisplayPath: Sendable, Equatable {
    /// Absolute folders, most specific first after sorting.
    private let roots: [String]

    public init(roots: [String]) {
        self.roots = roots.map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 }
            .filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// A path shown for people.
    public func show(_ path: String) -> String {
        for root in roots where path == root || path.hasPrefix(root + "/") {
            let parent = root.split(separator: "/").dropLast().joined(separator: "/")
            let prefix = parent.isEmpty ? "/" : "/\(parent)/"
            return String(path.dropFirst(prefix.count))
        }
        guard path.hasPrefix("/") else { return path }
        let parts = path.split(separator: "/")
        return parts.suffix(2).joined(separator: "/")
    }

    /// Replaces every occurrence of a root folder inside a longer text (a library message naming a path).
    public func scrub(_ text: String) -> String {
        var result = text
        for root in roots {
            let parent = root.split(separator: "/").dropLast().joined(separator: "/")
            guard !parent.isEmpty else { continue }
            result = result.replacingOccurrences(of: "/\(parent)/", with: "")
        }
        return result
    }
}
