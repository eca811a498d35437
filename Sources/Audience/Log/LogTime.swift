/// The time of a log line as the server wrote it, `10/Oct/2026:13:55:36 -0600`: the calendar day is
/// the server's local day (as GoAccess counts it), and `epoch` is absolute time, for visit gaps and
/// for knowing when a day is over.
struct LogTime: Equatable, Sendable {
    /// yyyymmdd of the server's local day.
    var day: Int32
    /// Seconds since 1970-01-01 UTC.
    var epoch: Int64
    /// Offset from UTC, in seconds (−21600 for -0600).
    var offset: Int32

    /// Parses the 26 bytes between `[` and `]`; nil when they are not a valid time.
    static func parse(_ p: UnsafePointer<UInt8>, count: Int) -> LogTime? {
        guard count == 26, p[2] == UInt8(ascii: "/"), p[6] == UInt8(ascii: "/"), p[11] == UInt8(ascii: ":"),
              p[14] == UInt8(ascii: ":"), p[17] == UInt8(ascii: ":"), p[20] == UInt8(ascii: " ") else { return nil }
        guard let dd = digits(p, 0, 2), let yyyy = digits(p, 7, 4), let hh = digits(p, 12, 2), let mi = digits(p, 15, 2),
              let ss = digits(p, 18, 2), let month = month(p + 3), let zone = digits(p, 22, 4) else { return nil }
        let sign: Int
        switch p[21] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        guard (1...31).contains(dd), dd <= daysIn(month: month, year: yyyy), hh < 24, mi < 60, ss < 61, zone % 100 < 60 else { return nil }
        let offset = sign * ((zone / 100) * 3600 + (zone % 100) * 60)
        let local = Int64(daysFromCivil(yyyy, month, dd)) * 86_400 + Int64(hh * 3600 + mi * 60 + ss)
        return LogTime(day: Int32(yyyy * 10_000 + month * 100 + dd), epoch: local - Int64(offset), offset: Int32(offset))
    }

    /// The absolute time at which this line's local day ends (the next local midnight).
    var endOfDay: Int64 {
        let localDayStart = (epoch + Int64(offset)).floorDivided(by: 86_400) * 86_400
        return localDayStart + 86_400 - Int64(offset)
    }

    @inline(__always) private static func digits(_ p: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<start + count {
            let d = Int(p[index]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            value = value * 10 + d
        }
        return value
    }

    private static func month(_ p: UnsafePointer<UInt8>) -> Int? {
        // Case-insensitive three-letter English month names, as Apache and nginx write them.
        let key = (UInt32(p[0] | 0x20) << 16) | (UInt32(p[1] | 0x20) << 8) | UInt32(p[2] | 0x20)
        switch key {
        case 0x6A616E: return 1   // jan
        case 0x666562: return 2   // feb
        case 0x6D6172: return 3   // mar
        case 0x617072: return 4   // apr
        case 0x6D6179: return 5   // may
        case 0x6A756E: return 6   // jun
        case 0x6A756C: return 7   // jul
        case 0x617567: return 8   // aug
        case 0x736570: return 9   // sep
        case 0x6F6374: return 10  // oct
        case 0x6E6F76: return 11  // nov
        case 0x646563: return 12  // dec
        default: return nil
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

/// A calendar day as yyyymmdd, and its ISO text.
enum DayKey {
    static func iso(_ day: Int32) -> String {
        let y = Int(day) / 10_000, m = Int(day) / 100 % 100, d = Int(day) % 100
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    static func parse(_ iso: String) -> Int32? {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return Int32(y * 10_000 + m * 100 + d)
    }
}
