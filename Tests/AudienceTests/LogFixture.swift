import Foundation
@testable import Audience

/// Writes combined-format lines with known content, for tests with known answers.
struct LogFixture {
    static let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
    static let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
    static let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"
    static let googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"

    /// A line at `day` (1...31 of November 2026) and `time` ("10:00:00"), zone -0600.
    static func line(_ address: String, day: Int, _ time: String, _ path: String, status: Int = 200,
                     referrer: String = "-", agent: String = firefox, method: String = "GET") -> String {
        let dd = day < 10 ? "0\(day)" : "\(day)"
        return "\(address) - - [\(dd)/Nov/2026:\(time) -0600] \"\(method) \(path) HTTP/1.1\" \(status) 1234 \"\(referrer)\" \"\(agent)\""
    }

    static func write(_ lines: [String], to url: URL) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    static func append(_ lines: [String], to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
        try handle.close()
    }

    static let site = SiteShape(prefix: "/", hosts: ["memoria.example.mx"])

    /// The clock far after every fixture day: all of them are closed.
    static let later = Date(timeIntervalSince1970: 1_800_000_000)

    /// Counts `folder/<name>`'s series into `state` with the clock at `now`.
    @discardableResult
    static func count(_ log: URL, state: inout ReadState, now: Date = later, site: SiteShape = site) throws -> LogCounter.Outcome {
        let series = try LogSeries.discover([log.path])
        return LogCounter(settings: .init(site: site), now: now).run(series, state: &state)
    }

    /// The time of "2026-11-<day> <hh:mm>" in the fixtures' zone (-0600).
    static func date(day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        let local = LogTime.daysFromCivil(2026, 11, day) * 86_400 + hour * 3600 + minute * 60
        return Date(timeIntervalSince1970: TimeInterval(local + 6 * 3600))
    }
}
