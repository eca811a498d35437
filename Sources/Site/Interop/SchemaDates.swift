import Foundation
import Metadata

/// An EDTF date as schema.org expects it: `dateCreated` only for an exact ISO 8601 date (1954,
/// 1954-03, 1954-03-14); `temporalCoverage` as an ISO year or interval of years (195X → 1950/1959,
/// 1948/1952 as written, 1948/.. open). An uncertain or approximate single year (1955?, 1950~) gives
/// neither: schema.org has no way to say "perhaps", and a plain year would claim more than the sheet.
struct SchemaDates {
    var dateCreated: String?
    var temporalCoverage: String?

    init(edtf raw: String) {
        guard let date = EDTFDate(raw), !date.isUndated else { return }
        let text = date.text
        let exact = !date.uncertain && !date.approximate && !text.contains("X") && !text.contains("/")
        let parts = text.split(separator: "-")
        if exact, parts.count <= 3, parts.count < 2 || Int(parts[1]).map({ (1...12).contains($0) }) == true {
            dateCreated = text
            temporalCoverage = text
            return
        }
        guard let low = date.earliestYear, let high = date.latestYear else {
            if let low = date.earliestYear { temporalCoverage = "\(Self.year(low))/.." }
            else if let high = date.latestYear { temporalCoverage = "../\(Self.year(high))" }
            return
        }
        if low == high {
            // A single year, approximate or uncertain: the year is what schema.org can hold.
            if date.uncertain || date.approximate { return }
            temporalCoverage = Self.year(low)
        } else {
            temporalCoverage = "\(Self.year(low))/\(Self.year(high))"
        }
    }

    static func year(_ value: Int) -> String { value >= 0 && value < 10_000 ? String(format: "%04d", value) : String(value) }
}
