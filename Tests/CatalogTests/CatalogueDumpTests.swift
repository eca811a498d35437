import Catalog
import Testing

/// The catalogue dump opens correctly in a spreadsheet: formulas neutralised, cells quoted when they
/// hold the separator, and an Excel flavour (byte order mark, `;`) for Spanish-locale Excel.
struct CatalogueDumpTests {
    static let rows: [[String: String]] = [
        ["identifier": "BSH-0001", "title": "Marcha «Pachuca»; partitura, particellas", "creator": "=HIPERVINCULO(\"x\")", "date": "1954"],
    ]

    @Test func formulaLikeCellsAreNeutralisedAndSeparatorsQuoted() {
        let csv = CatalogueDump.csv(Self.rows)
        #expect(csv.hasPrefix("identifier,title,"))
        #expect(csv.contains("\"Marcha «Pachuca»; partitura, particellas\""))
        #expect(csv.contains("\"'=HIPERVINCULO(\"\"x\"\")\""))
        #expect(!csv.hasPrefix("\u{FEFF}"))
    }

    @Test func theExcelFlavourHasAByteOrderMarkAndSemicolons() {
        let csv = CatalogueDump.csv(Self.rows, forExcel: true)
        #expect(csv.hasPrefix("\u{FEFF}identifier;title;"))
        #expect(csv.contains(";\"Marcha «Pachuca»; partitura, particellas\";"), "a cell holding ; is quoted")
        #expect(csv.split(separator: "\r\n").allSatisfy { $0.split(separator: ";", omittingEmptySubsequences: false).count >= CatalogueDump.columns.count })
    }
}
