import Foundation

/// One line of the "combined" log format, as nginx and Apache write it:
///
///     203.0.113.7 - - [10/Oct/2026:13:55:36 -0600] "GET /items/BSH-0001/ HTTP/1.1" 200 5120 "https://www.google.com/" "Mozilla/5.0 ..."
///
/// Fields are byte ranges into the line (no String is made per line). Quoted fields may hold
/// backslash escapes (Apache writes `\"`; nginx writes `\x22`).
struct LogLine {
    var address: Range<Int>
    var time: LogTime
    var method: Range<Int>
    /// The request target without its query string or fragment.
    var path: Range<Int>
    var status: Int
    var referrer: Range<Int>
    var userAgent: Range<Int>
}

/// Why a line is not in the combined format (the message shown names the line number; this is the detail).
public enum MalformedReason: String, Codable, Sendable, Error {
    case address, time, request, status, bytes, referrer, userAgent
}

enum CombinedLogParser {
    /// Parses `line` (without its line break).
    static func parse(_ p: UnsafePointer<UInt8>, count n: Int) -> Result<LogLine, MalformedReason> {
        let space = UInt8(ascii: " "), quote = UInt8(ascii: "\"")
        // %h: the address, up to the first space.
        var i = 0
        while i < n && p[i] != space { i += 1 }
        guard i > 0 && i < n else { return .failure(.address) }
        let address = 0..<i
        // %l %u: skipped up to "[" (a user name may hold spaces).
        while i < n && p[i] != UInt8(ascii: "[") { i += 1 }
        guard i + 28 <= n, p[i + 27] == UInt8(ascii: "]"), let time = LogTime.parse(p + i + 1, count: 26) else { return .failure(.time) }
        i += 28
        // "%r"
        guard i + 2 <= n, p[i] == space, p[i + 1] == quote else { return .failure(.request) }
        i += 2
        let requestStart = i
        guard let requestEnd = closingQuote(p, from: i, count: n) else { return .failure(.request) }
        var method = requestStart..<requestStart
        var path = requestStart..<requestStart
        var j = requestStart
        while j < requestEnd && p[j] != space { j += 1 }
        if j < requestEnd {
            method = requestStart..<j
            j += 1
            let targetStart = j
            var targetEnd = targetStart
            var cut = -1
            while targetEnd < requestEnd && p[targetEnd] != space {
                if cut < 0 && (p[targetEnd] == UInt8(ascii: "?") || p[targetEnd] == UInt8(ascii: "#")) { cut = targetEnd }
                targetEnd += 1
            }
            path = targetStart..<(cut >= 0 ? cut : targetEnd)
        }
        i = requestEnd + 1
        // %>s
        guard i + 4 <= n, p[i] == space else { return .failure(.status) }
        var status = 0
        for k in 1...3 {
            let d = Int(p[i + k]) &- 48
            guard d >= 0 && d <= 9 else { return .failure(.status) }
            status = status * 10 + d
        }
        i += 4
        // %b: digits or "-".
        guard i < n, p[i] == space else { return .failure(.bytes) }
        i += 1
        let bytesStart = i
        while i < n && p[i] != space { i += 1 }
        guard i > bytesStart else { return .failure(.bytes) }
        // "%{Referer}i"
        guard i + 2 <= n, p[i + 1] == quote else { return .failure(.referrer) }
        i += 2
        guard let referrerEnd = closingQuote(p, from: i, count: n) else { return .failure(.referrer) }
        let referrer = i..<referrerEnd
        i = referrerEnd + 1
        // "%{User-agent}i"; anything after it (some servers append fields) is ignored.
        guard i + 2 <= n, p[i] == space, p[i + 1] == quote else { return .failure(.userAgent) }
        i += 2
        guard let agentEnd = closingQuote(p, from: i, count: n) else { return .failure(.userAgent) }
        return .success(LogLine(address: address, time: time, method: method, path: path, status: status,
                                referrer: referrer, userAgent: i..<agentEnd))
    }

    /// The index of the quote that closes a field starting at `start`, skipping quotes escaped with a
    /// backslash (an odd number of backslashes before it).
    @inline(__always) private static func closingQuote(_ p: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int? {
        var i = start
        while i < n {
            guard let found = memchr(p + i, Int32(UInt8(ascii: "\"")), n - i) else { return nil }
            let q = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p
            var backslashes = 0
            while q - backslashes - 1 >= start && p[q - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return q }
            i = q + 1
        }
        return nil
    }
}
