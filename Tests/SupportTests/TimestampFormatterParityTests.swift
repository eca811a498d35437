import Foundation
import Support
import Testing

/// Timestamp writes and reads RFC 3339 itself (no formatter per call): it must agree with
/// Foundation's ISO 8601 formatter on every moment and zone, and refuse what is not a date.
@Suite struct TimestampFormatterParityTests {
    static let zones = ["UTC", "America/Mexico_City", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "Europe/London"]

    @Test func writesAsFoundationWrites() throws {
        var generator = SystemRandomNumberGenerator()
        for zoneName in Self.zones {
            let zone = try #require(TimeZone(identifier: zoneName))
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            formatter.timeZone = zone
            for _ in 0..<400 {
                // 1970 to 2100 (before 1970 some zones had offsets in seconds, local mean time), whole and fractional seconds.
                let moment = Date(timeIntervalSince1970: Double.random(in: 0...4_102_444_800, using: &generator))
                let written = formatter.string(from: moment)
                #expect(Timestamp.localISO(moment, timeZone: zone) == written, "\(zoneName) \(moment.timeIntervalSince1970)")
                #expect(Timestamp.parse(written) == formatter.date(from: written), "\(written)")
            }
        }
        let utc = ISO8601DateFormatter()
        utc.formatOptions = [.withInternetDateTime]
        let leapDay = Date(timeIntervalSince1970: 951_782_400)   // 2000-02-29T00:00:00Z
        #expect(Timestamp.record(leapDay) == utc.string(from: leapDay))
        #expect(Timestamp.record(leapDay) == "2000-02-29T00:00:00Z")
    }

    @Test func readsFractionsAndOffsets() {
        #expect(Timestamp.parse("2026-12-01T21:27:29Z") == Date(timeIntervalSince1970: 1_796_160_449))
        #expect(Timestamp.parse("2026-12-01T15:27:29-06:00") == Date(timeIntervalSince1970: 1_796_160_449))
        #expect(Timestamp.parse("2026-12-02T03:27:29+06:00") == Date(timeIntervalSince1970: 1_796_160_449))
        #expect(Timestamp.parse("2026-12-01T21:27:29.5Z") == Date(timeIntervalSince1970: 1_796_160_449.5))
    }

    @Test func refusesWhatIsNotADate() {
        for text in ["", "2026-12-01", "2026-12-01 21:27:29Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z",
                     "2025-02-29T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T21:60:00Z", "2026-12-01T21:27:29",
                     "2026-12-01T21:27:29+2400", "2026-12-01T21:27:29+24:00", "2026-12-01T21:27:29Zx", "2026-12-01T21:27:29.Z",
                     "２０２６-12-01T21:27:29Z", "no es una fecha"] {
            #expect(Timestamp.parse(text) == nil, "\(text)")
        }
        #expect(Timestamp.parse("2024-02-29T12:00:00Z") != nil)
    }
}
