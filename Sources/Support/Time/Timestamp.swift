import Foundation

/// The two ways Memoria writes a moment.
/// - For records (PREMIS, OCFL inventories, the catalog): ISO 8601 in UTC, `2026-12-01T21:27:29Z`,
///   the same wherever the archive is read.
/// - For people (reports, status, messages, reason files): the machine's local time zone with its
///   offset, `2026-12-01 15:27:29 (UTC−06:00)`, or in words, `1 de diciembre de 2026, 15:27`.
public enum Timestamp {
    /// `2026-12-01T21:27:29Z`.
    public static func record(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Reads a timestamp written by `record`, or any ISO 8601 date-time with an offset.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// `2026-12-01T15:27:29-06:00`: ISO 8601 in the local time zone (for JSON reports people also read).
    public static func localISO(_ date: Date, timeZone: TimeZone = .current) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = timeZone
        return formatter.string(from: date)
    }

    /// `2026-12-01 15:27:29 (UTC−06:00)`.
    public static func forPeople(_ date: Date, timeZone: TimeZone = .current) -> String {
        let parts = components(date, timeZone)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second)
            + " (\(offset(of: date, in: timeZone)))"
    }

    /// `1 de diciembre de 2026, 15:27`.
    public static func inWords(_ date: Date, timeZone: TimeZone = .current) -> String {
        let parts = components(date, timeZone)
        return "\(parts.day) de \(monthNames[parts.month - 1]) de \(parts.year), " + String(format: "%02d:%02d", parts.hour, parts.minute)
    }

    /// `1 de diciembre de 2026`.
    public static func dayInWords(_ date: Date, timeZone: TimeZone = .current) -> String {
        let parts = components(date, timeZone)
        return "\(parts.day) de \(monthNames[parts.month - 1]) de \(parts.year)"
    }

    /// A record timestamp (`…Z`) shown for people; the text itself when it cannot be read.
    public static func forPeople(record text: String, timeZone: TimeZone = .current) -> String {
        parse(text).map { forPeople($0, timeZone: timeZone) } ?? text
    }

    /// `UTC−06:00` (with a true minus sign), `UTC` for zero.
    public static func offset(of date: Date, in timeZone: TimeZone) -> String {
        let seconds = timeZone.secondsFromGMT(for: date)
        guard seconds != 0 else { return "UTC" }
        let sign = seconds < 0 ? "−" : "+"
        let minutes = abs(seconds) / 60
        return String(format: "UTC%@%02d:%02d", sign, minutes / 60, minutes % 60)
    }

    /// `20261201-152729`: a compact local stamp for file names (reports), sortable.
    public static func fileStamp(_ date: Date, timeZone: TimeZone = .current) -> String {
        let parts = components(date, timeZone)
        return String(format: "%04d%02d%02d-%02d%02d%02d", parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second)
    }

    public static let monthNames = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                    "octubre", "noviembre", "diciembre"]

    private struct Parts { var year, month, day, hour, minute, second: Int }

    private static func components(_ date: Date, _ timeZone: TimeZone) -> Parts {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return Parts(year: c.year ?? 0, month: c.month ?? 1, day: c.day ?? 1, hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0)
    }
}
