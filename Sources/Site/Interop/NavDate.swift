import Metadata

/// IIIF `navDate` from an item's EDTF date: the first moment it covers, as an ISO 8601 date-time in
/// UTC (`1954-03-14T00:00:00Z`). Unspecified digits take their lowest value (`195X` → 1950,
/// `1954-XX` → January), a season its first month; an interval starts at its start. Nil for a date
/// with no start (`../1952`, `XXXX`) or that is not EDTF.
enum NavDate {
    static func iso(edtf text: String) -> String? {
        guard let date = EDTFDate(text), !date.isUndated else { return nil }
        let start = date.text.split(separator: "/", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !start.isEmpty, start != ".." else { return nil }
        let parts = start.filter { !"~?%".contains($0) }.split(separator: "-").map(String.init)
        guard let yearText = parts.first, yearText.count == 4, let year = Int(String(yearText.map { $0 == "X" ? "0" : $0 })) else { return nil }
        var month = 1, day = 1
        if parts.count > 1 {
            let value = Int(parts[1]) ?? 1   // "XX": January
            switch value {
            case 1...12: month = value
            case 21...24: month = [3, 6, 9, 12][value - 21]   // spring, summer, autumn, winter (northern)
            default: month = 1
            }
        }
        if parts.count > 2, let value = Int(parts[2]), (1...31).contains(value) { day = value }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(String(repeating: "0", count: max(0, 4 - String(year).count)))\(year)-\(two(month))-\(two(day))T00:00:00Z"
    }
}
