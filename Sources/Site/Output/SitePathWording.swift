/// How a person reads a path of the site's working copies (see SiteGenerations): the spare copy
/// `.<site>.generacion`, the fresh copy `<site>.nuevo` and the list `.<site>.diferencias` are named
/// after the site folder they serve, with the page inside it (a hidden folder's own name only when the
/// fault is on that folder itself, beside the site's name).
enum SitePathWording {
    /// `«items/BSH-0001.html» en la copia de trabajo del sitio «site»`, or `«path»` for any other path.
    static func phrase(_ path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        for (index, part) in parts.enumerated() {
            let inside = parts.dropFirst(index + 1).joined(separator: "/")
            if let site = siteName(part, prefix: ".", suffix: ".diferencias") {
                return "la lista de cambios del sitio «\(site)» (se rehace sola)"
            }
            if let site = siteName(part, prefix: ".", suffix: ".generacion") ?? siteName(part, prefix: "", suffix: ".nuevo") {
                return inside.isEmpty ? "«\(part)», la copia de trabajo del sitio «\(site)»"
                                      : "«\(inside)» en la copia de trabajo del sitio «\(site)»"
            }
        }
        return "«\(path)»"
    }

    private static func siteName(_ part: String, prefix: String, suffix: String) -> String? {
        guard part.count > prefix.count + suffix.count, part.hasPrefix(prefix), part.hasSuffix(suffix) else { return nil }
        return String(part.dropFirst(prefix.count).dropLast(suffix.count))
    }
}
