/// Dates as archivists write them, checked against ISO 8601 / EDTF levels 0 and 1:
/// `1954`, `1954-03`, `1954-03-14`, approximate `1950~`, uncertain `1955?`, both `1954%`,
/// unspecified digits `195X` / `19XX` / `1954-XX`, seasons `1954-21` (spring) … `1954-24`,
/// and intervals `1948/1952`, `1948/..`, `../1952`, `1948/` (unknown end).
/// Each valid date yields the range of years it covers, for facets, sorting and date filters.
public struct EDTFDate: Equatable, Sendable, Codable {
    public var text: String
    public var earliestYear: Int?
    public var latestYear: Int?
    public var approximate: Bool
    public var uncertain: Bool

    /// `XXXX`: the item has no date ("sin fecha").
    public var isUndated: Bool { text == "XXXX" }

    /// Parses `text`; returns nil when it is not EDTF level 0–1.
    public init?(_ text: String) {
        let value = text.trimmingCharacters(in: .whitespaces)
        self.text = value
        approximate = false
        uncertain = false
        if let slash = value.firstIndex(of: "/") {
            let start = String(value[..<slash]), end = String(value[value.index(after: slash)...])
            if (start.isEmpty || start == "..") && (end.isEmpty || end == "..") { return nil }
            var low: Int?, high: Int?
            if !(start.isEmpty || start == "..") {
                guard let point = Self.point(start) else { return nil }
                low = point.low
                approximate = approximate || point.approximate
                uncertain = uncertain || point.uncertain
            }
            if !(end.isEmpty || end == "..") {
                guard let point = Self.point(end) else { return nil }
                high = point.high
                approximate = approximate || point.approximate
                uncertain = uncertain || point.uncertain
            }
            if let l = low, let h = high, l > h { return nil }
            earliestYear = low
            latestYear = high
            return
        }
        // EDTF level 1: a date entirely unspecified ("sin fecha").
        if value == "XXXX" { return }
        guard let point = Self.point(value) else { return nil }
        earliestYear = point.low
        latestYear = point.high
        approximate = point.approximate
        uncertain = point.uncertain
    }

    private struct Point { var low: Int; var high: Int; var approximate: Bool; var uncertain: Bool }

    /// One date with an optional qualifier: YYYY[-MM[-DD]] with X for unspecified digits.
    private static func point(_ raw: String) -> Point? {
        var s = raw
        var approximate = false, uncertain = false
        if let last = s.last, "~?%".contains(last) {
            approximate = last == "~" || last == "%"
            uncertain = last == "?" || last == "%"
            s.removeLast()
        }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts[0].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) else { return nil }
        let year = parts[0]
        // Unspecified digits are allowed only at the end of the year (195X, 19XX).
        let digits = year.prefix { $0 != "X" }
        guard year.dropFirst(digits.count).allSatisfy({ $0 == "X" }), !digits.isEmpty || parts.count == 1 else { return nil }
        let unspecified = 4 - digits.count
        guard unspecified <= 3 else { return nil }
        let base = Int(digits)! * Int(pow10(unspecified))
        let low = base, high = base + Int(pow10(unspecified)) - 1
        if parts.count >= 2 {
            guard unspecified == 0 else { return nil }
            let month = parts[1]
            guard month.count == 2 else { return nil }
            if month == "XX" {
                if parts.count == 3 && parts[2] != "XX" { return nil }
            } else {
                guard let m = Int(month) else { return nil }
                if (21...24).contains(m) { guard parts.count == 2 else { return nil } }   // season
                else {
                    guard (1...12).contains(m) else { return nil }
                    if parts.count == 3 {
                        let day = parts[2]
                        guard day.count == 2 else { return nil }
                        if day != "XX" {
                            guard let d = Int(day), d >= 1, d <= daysIn(month: m, year: low) else { return nil }
                        }
                    }
                }
            }
        }
        return Point(low: low, high: high, approximate: approximate, uncertain: uncertain)
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { r, _ in r * 10 } }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A suggestion for a common non-EDTF form (Spanish), or nil.
    public static func suggestion(for text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        if parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), (1...31).contains(d), (1...12).contains(m) {
            return "escriba \(parts[2])-\(String(format: "%02d", m))-\(String(format: "%02d", d)) (año-mes-día)"
        }
        let lower = t.lowercased()
        if lower.contains("ca.") || lower.contains("aprox") || lower.contains("circa") || lower.hasPrefix("c.") {
            let year = t.filter(\.isNumber)
            if year.count == 4 { return "para una fecha aproximada escriba \(year)~" }
        }
        if lower.hasSuffix("s"), let decade = Int(t.dropLast().filter(\.isNumber)), t.filter(\.isNumber).count == 4 {
            return "para una década escriba \(decade / 10)X"
        }
        if lower.contains("s/f") || lower.contains("sin fecha") || lower == "s.f." {
            return "si no hay fecha, escriba s.f."
        }
        return nil
    }
}

import Foundation
