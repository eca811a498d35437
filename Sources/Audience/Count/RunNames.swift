/// The names counted in one run (item identifiers, fonds slugs, paths, referring sites), numbered
/// so a day's events are small fixed-size records; turned back into text when a day is closed.
final class RunNames {
    var items = ByteInterner()
    var fonds = ByteInterner(capacity: 64)
    var paths = ByteInterner()
    var referrers = ByteInterner()
}

/// Where a request came from, read from its Referer header.
enum ReferrerOrigin {
    case none
    /// A page of this site: its path (from the site's root, without query).
    case internalPage(Range<Int>)
    /// Another site: its host name without "www." and port, lower case.
    case external(host: [UInt8])

    /// `own` are this site's host names (lower case, without "www."); `prefix` the site's path.
    static func read(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, own: Set<[UInt8]>) -> ReferrerOrigin {
        let n = range.upperBound
        var i = range.lowerBound
        guard range.count > 1 else { return .none }   // "" or "-"
        // scheme://
        var schemeEnd = i
        while schemeEnd + 2 < n && p[schemeEnd] != UInt8(ascii: ":") && p[schemeEnd] != UInt8(ascii: "/") { schemeEnd += 1 }
        guard schemeEnd + 2 < n, p[schemeEnd] == UInt8(ascii: ":"), p[schemeEnd + 1] == UInt8(ascii: "/"), p[schemeEnd + 2] == UInt8(ascii: "/") else {
            return .none
        }
        i = schemeEnd + 3
        var hostEnd = i
        while hostEnd < n && p[hostEnd] != UInt8(ascii: "/") && p[hostEnd] != UInt8(ascii: "?") && p[hostEnd] != UInt8(ascii: "#") { hostEnd += 1 }
        var host = Array(UnsafeBufferPointer(start: p + i, count: hostEnd - i)).map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        if let at = host.lastIndex(of: UInt8(ascii: "@")) { host.removeSubrange(...at) }   // user:password@
        if host.first == UInt8(ascii: "[") {
            return .external(host: Array(Self.addressLabel.utf8))   // an IPv6 literal
        }
        if let colon = host.lastIndex(of: UInt8(ascii: ":")) { host.removeSubrange(colon...) }
        if host.starts(with: Array("www.".utf8)) { host.removeFirst(4) }
        guard !host.isEmpty else { return .none }
        if own.contains(host) {
            var pathEnd = hostEnd
            while pathEnd < n && p[pathEnd] != UInt8(ascii: "?") && p[pathEnd] != UInt8(ascii: "#") { pathEnd += 1 }
            return .internalPage(hostEnd..<pathEnd)
        }
        if host.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") }) {
            return .external(host: Array(Self.addressLabel.utf8))   // an IPv4 literal: not shown
        }
        return .external(host: host)
    }

    /// What the report shows instead of a numeric address in a link.
    static let addressLabel = "(dirección numérica)"
}
