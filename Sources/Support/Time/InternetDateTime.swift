import Foundation

/// Reads RFC 3339 date-times (`2026-12-01T21:27:29Z`, `2026-12-01T15:27:29.25-06:00`): what
/// `Timestamp.record` and `Timestamp.localISO` write and what OCFL inventories and PREMIS hold.
/// Strict: a field out of its range (month 13, 31 April, hour 24, offset beyond ±23:59) is not a date.
enum InternetDateTime {
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for byte in b[from..<from + count] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), b[4] == 0x2D, let month = number(5, 2), b[7] == 0x2D, let day = number(8, 2),
              b[10] == 0x54 || b[10] == 0x74, let hour = number(11, 2), b[13] == 0x3A, let minute = number(14, 2),
              b[16] == 0x3A, let second = number(17, 2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < b.count, b[index] == 0x2E {
            index += 1
            var scale = 0.1
            let start = index
            while index < b.count, b[index] >= 0x30, b[index] <= 0x39 {
                fraction += Double(b[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        switch b[index] {
        case 0x5A, 0x7A:   // Z
            guard index + 1 == b.count else { return nil }
        case 0x2B, 0x2D:   // + or -
            guard index + 6 == b.count, let hours = number(index + 1, 2), b[index + 3] == 0x3A, let minutes = number(index + 4, 2),
                  hours <= 23, minutes <= 59 else { return nil }
            offset = (hours * 60 + minutes) * 60 * (b[index] == 0x2D ? -1 : 1)
        default:
            return nil
        }
        var civil = tm()
        civil.tm_year = Int32(year - 1900)
        civil.tm_mon = Int32(month - 1)
        civil.tm_mday = Int32(day)
        civil.tm_hour = Int32(hour)
        civil.tm_min = Int32(minute)
        civil.tm_sec = Int32(second)
        let utc = timegm(&civil)
        return Date(timeIntervalSince1970: Double(utc - time_t(offset)) + fraction)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
