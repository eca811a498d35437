import Foundation

/// The two ways Memoria writes a moment.
/// - For records (PREMIS, OCFL inventories, the catalog): ISO 8601 in UTC, `2026-12-01T21:27:29Z`,
///   the same wherever the archive is read.
/// - For people (reports, status, messages, reason files): the machine's local time zone with its
///   offset, `2026-12-01 15:27:29 (UTC−06:00)`, or in words, `1 de diciembre de 2026, 15:27`.
public enum Timestamp {
    /// `2026-12-01T21:27:29Z`.
    public static func record(_ date: Date) -> String { internetDateTime(date, offsetSeconds: 0) }

    /// Reads a timestamp written by `record`, or any ISO 8601 date-time with an offset
    /// (`2026-12-01T15:27:29-06:00`, fractions of a second allowed): nil for anything else.
    public static func parse(_ text: String) -> Date? { InternetDateTime.parse(text) }

    /// `2026-12-01T15:27:29-06:00`: ISO 8601 in the local time zone (for JSON reports people also read).
    public static func localISO(_ date: Date, timeZone: TimeZone = .current) -> String {
        internetDateTime(date, offsetSeconds: timeZone.secondsFromGMT(for: date))
    }

    /// RFC 3339 with whole seconds and the offset (`Z` when it is zero), as Foundation's ISO 8601
    /// formatter writes it, without building a formatter (and its ICU calendar) on every call: a
    /// publish asks for today's date once per item.
    private static func internetDateTime(_ date: Date, offsetSeconds: Int) -> String {
        let p = parts(date, offsetSeconds: offsetSeconds)
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", p.year, p.month, p.day, p.hour, p.minute, p.second)
        if offsetSeconds == 0 { return text + "Z" }
        let minutes = abs(offsetSeconds) / 60
        text += String(format: "%@%02d:%02d", offsetSeconds < 0 ? "-" : "+", minutes / 60, minutes % 60)
        return text
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
        parts(date, offsetSeconds: timeZone.secondsFromGMT(for: date))
    }

    /// The civil date and time `offsetSeconds` east of UTC: to the millisecond, then whole seconds
    /// rounded down (as Foundation's formatter, whose calendar counts milliseconds).
    private static func parts(_ date: Date, offsetSeconds: Int) -> Parts {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        var seconds = time_t((milliseconds / 1000).rounded(.down)) + time_t(offsetSeconds)
        var civil = tm()
        guard gmtime_r(&seconds, &civil) != nil else { return Parts(year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0) }
        return Parts(year: Int(civil.tm_year) + 1900, month: Int(civil.tm_mon) + 1, day: Int(civil.tm_mday),
                     hour: Int(civil.tm_hour), minute: Int(civil.tm_min), second: Int(civil.tm_sec))
    }
}
