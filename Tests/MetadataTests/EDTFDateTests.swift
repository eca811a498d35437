@testable import Metadata
import Testing

/// ISO 8601 / EDTF level 0–1 dates as archivists write them, with the year range each covers.
@Suite struct EDTFDateTests {
    @Test(arguments: [
        ("1954", 1954, 1954), ("1954-03", 1954, 1954), ("1954-03-14", 1954, 1954), ("2000-02-29", 2000, 2000),
        ("1950~", 1950, 1950), ("1955?", 1955, 1955), ("1954%", 1954, 1954), ("195X", 1950, 1959), ("19XX", 1900, 1999),
        ("1954-XX", 1954, 1954), ("1954-XX-XX", 1954, 1954), ("1954-03-XX", 1954, 1954), ("1954-21", 1954, 1954),
        ("1948/1952", 1948, 1952), ("1948-05/1948-06", 1948, 1948), ("195X/1962", 1950, 1962), (" 1954 ", 1954, 1954),
    ])
    func validDatesCoverTheirYears(text: String, earliest: Int, latest: Int) throws {
        let date = try #require(EDTFDate(text), "\(text) should be valid")
        #expect(date.earliestYear == earliest && date.latestYear == latest, "\(text): \(date)")
    }

    @Test func openIntervalsHaveOneEnd() throws {
        let after = try #require(EDTFDate("1948/.."))
        #expect(after.earliestYear == 1948 && after.latestYear == nil)
        let before = try #require(EDTFDate("../1952"))
        #expect(before.earliestYear == nil && before.latestYear == 1952)
        let unknownEnd = try #require(EDTFDate("1948/"))
        #expect(unknownEnd.earliestYear == 1948 && unknownEnd.latestYear == nil)
    }

    @Test func qualifiersAreKept() throws {
        #expect(EDTFDate("1950~")?.approximate == true && EDTFDate("1950~")?.uncertain == false)
        #expect(EDTFDate("1955?")?.uncertain == true && EDTFDate("1955?")?.approximate == false)
        #expect(EDTFDate("1954%")?.uncertain == true && EDTFDate("1954%")?.approximate == true)
        #expect(EDTFDate("1948~/1952")?.approximate == true)
    }

    @Test(arguments: ["", "54", "1954-13", "1954-00", "1954-02-30", "1900-02-29", "1954-3", "1954-03-1", "14/03/1954",
                      "03/1954", "1954s", "ca. 1950", "s/f", "1X54", "X954", "195X-03", "1952/1948", "/", "../..",
                      "1954-25", "1954-21-01", "1954-03-XX-01", "1954-XX-14", "１９５４", "1954~?", "abcd"])
    func invalidDatesAreRefused(text: String) {
        #expect(EDTFDate(text) == nil, "\(text) should be refused")
    }

    @Test(arguments: [
        ("14/03/1954", "escriba 1954-03-14 (año-mes-día)"), ("1-3-1954", "escriba 1954-03-01 (año-mes-día)"),
        ("ca. 1950", "para una fecha aproximada escriba 1950~"), ("circa 1950", "para una fecha aproximada escriba 1950~"),
        ("1950s", "para una década escriba 195X"), ("s/f", "si no hay fecha, escriba s.f."),
    ])
    func commonMistakesGetASuggestion(text: String, suggestion: String) {
        #expect(EDTFDate.suggestion(for: text) == suggestion)
    }
}
