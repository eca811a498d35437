import Foundation
@testable import Metadata
import Testing
import TestSupport

/// metadata.csv as archivists really save it, and every way it goes wrong: each problem must name
/// the line (and the column where there is one) and say what to fix.
@Suite struct MetadataSheetTests {
    static func read(_ text: String, required: [String] = ["title"]) throws -> MetadataSheet {
        try MetadataSheet.read(Array(text.utf8), file: "metadata.csv", requiredFields: required)
    }

    @Test func theWindows1252SemicolonBatchOfTheSampleKeepsItsAccents() throws {
        let url = TestPaths.sampleInbox.appendingPathComponent("margarita-michelena/2024-04-cartas/metadata.csv")
        let bytes = try [UInt8](Data(contentsOf: url))
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the fixture must really be Windows-1252")
        let sheet = try MetadataSheet.read(bytes, file: "metadata.csv")
        #expect(sheet.encoding == .windows1252)
        #expect(sheet.delimiter == ";")
        let first = try #require(sheet.rows["MMI-0001"])
        #expect(first.record["title"] == ["Carta sobre la antología de poemas"])
        #expect(first.record["subject"] == ["Correspondencia", "Poesía mexicana"], "a repeated column gives two values")
        #expect(first.record["description"] == ["Carta en dos hojas; menciona la revista, la imprenta y el año de lluvias."],
                "a quoted ; is text, not a delimiter")
        #expect(first.record["rights"].first?.hasPrefix("Secretaría de Cultura") == true)
        let second = try #require(sheet.rows["MMI-0002"])
        #expect(second.record["title"] == ["¿Poema inédito? Borrador con correcciones"])
        #expect(second.record["description"] == ["=HIPERVINCULO(\"http://ejemplo.invalid\";\"ver\")"], "a formula is kept as text")
        #expect(second.problems.isEmpty, "1955? is a valid uncertain date")
    }

    @Test func utf8WithABOMQuotedNewlinesAndCRLFAreRead() throws {
        let text = "\u{FEFF}identifier,dc.title,dc.description,dc.subject\r\n"
            + "A-1,\"Canción de mayo\",\"Primera línea\r\nsegunda línea, con coma\r\ny \"\"comillas\"\"\",Música|Banda\r\n"
            + "A-2,Año nuevo,,\r\n"
        let sheet = try Self.read(text)
        #expect(sheet.encoding == .utf8)
        let a1 = try #require(sheet.rows["A-1"])
        #expect(a1.record["description"] == ["Primera línea\r\nsegunda línea, con coma\r\ny \"comillas\""])
        #expect(a1.record["subject"] == ["Música", "Banda"], "| separates several values")
        let a2 = try #require(sheet.rows["A-2"])
        #expect(a2.line == 5, "a row keeps the line it starts on, after a cell with two line breaks")
        #expect(a2.record["title"] == ["Año nuevo"])
    }

    @Test func decomposedAccentsAreStoredComposed() throws {
        let sheet = try Self.read("identifier,dc.title\nA-1,Cancio\u{0301}n\n")
        #expect(sheet.rows["A-1"]?.record["title"] == ["Canción"])
        #expect(sheet.rows["A-1"]?.record["title"].first?.unicodeScalars.count == 7)
    }

    @Test func utf16FromExcelUnicodeTextIsRead() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "identifier\tdc.title\r\nA-1\tÑandú\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let sheet = try MetadataSheet.read(bytes, file: "metadata.csv")
        #expect(sheet.encoding == .utf16 && sheet.delimiter == "\t")
        #expect(sheet.rows["A-1"]?.record["title"] == ["Ñandú"])
    }

    @Test func aFileMixingUTF8AndWindows1252NamesTheLine() throws {
        var bytes = Array("identifier,dc.title\nA-1,Canción\n".utf8)
        bytes += Array("A-2,Versi".utf8) + [0xF3] + Array("n\n".utf8)   // ó in Windows-1252, line 3
        #expect(throws: SheetError.self) { try MetadataSheet.read(bytes, file: "metadata.csv") }
        do {
            _ = try MetadataSheet.read(bytes, file: "metadata.csv")
        } catch let error as SheetError {
            guard case .encoding(_, let line, let reason) = error else { Issue.record("\(error)"); return }
            #expect(line == 3)
            #expect(reason.contains("CSV UTF-8"), "says how to fix it: \(reason)")
        }
    }

    @Test func aByteThatIsNeitherUTF8NorWindows1252IsRefused() throws {
        let bytes = Array("identifier,dc.title\n".utf8) + Array("A-1,x".utf8) + [0x81] + [0x0A]
        do {
            _ = try MetadataSheet.read(bytes, file: "metadata.csv")
            Issue.record("0x81 is undefined in Windows-1252")
        } catch let error as SheetError {
            #expect(error.description.contains("línea 2") && error.description.contains("0x81"), "\(error)")
        }
    }

    @Test func anUnclosedQuoteNamesTheLineWhereItOpens() throws {
        do {
            _ = try Self.read("identifier,dc.title\nA-1,Bien\nA-2,\"Sin cerrar\nA-3,Otra\n")
            Issue.record("an unclosed quote was accepted")
        } catch let error as SheetError {
            #expect(error == .syntax(file: "metadata.csv", line: 3, reason: "unas comillas (\") se abren en la línea 3 y nunca se cierran"))
            #expect(error.description.contains("Revise las comillas"))
        }
    }

    @Test func aSheetWithoutAnIdentifierColumnListsTheHeadersItFound() throws {
        do {
            _ = try Self.read("nombre,dc.title\nA-1,Algo\n")
            Issue.record("a sheet without identifier was accepted")
        } catch let error as SheetError {
            #expect(error == .noIdentifierColumn(file: "metadata.csv", headers: ["nombre", "dc.title"]))
            #expect(error.description.contains("Añada una columna identifier"))
        }
        #expect(throws: SheetError.empty(file: "metadata.csv")) { try Self.read("") }
    }

    @Test func rowProblemsNameTheLineAndColumnAndHoldBackOnlyTheirItem() throws {
        let text = """
        identifier,dc.title,dc.date,dc.creator
        A-1,Bien,1954-03,Autor
        A-2,,1954,Autor
        A-3,Fecha mala,03/14/1954,Autor
        A-1,Repetido,1955,Autor
        ,Sin identificador,1956,Autor
        A-4,Demasiadas,1957,Autor,extra
        A-5,Década,1950s,Autor
        """
        let sheet = try Self.read(text, required: ["title", "creator"])
        #expect(sheet.rows["A-2"]?.missingRequired["title"]?.description == "metadata.csv, línea 3, columna B (dc.title): falta «title», obligatorio en este fondo: llene la celda")
        #expect(sheet.rows["A-2"]?.problems.isEmpty == true, "a missing field is decided by the intake (archived items may leave columns out)")
        let date = try #require(sheet.rows["A-3"]?.problems.first)
        #expect(date.kind == .invalidDate && date.line == 4 && date.column == "C (dc.date)")
        #expect(date.message.contains("día/mes/año"), "month/day is never guessed: \(date.message)")
        #expect(sheet.rows["A-5"]?.record["date"] == ["195X"], "1950s is a decade")
        #expect(sheet.rows["A-5"]?.notes.contains { $0.contains("«1950s» se normalizó como 195X") } == true)
        #expect(sheet.rows["A-1"]?.problems.map(\.kind) == [.duplicateIdentifier], "both rows of a duplicated id are held back")
        let rowKinds = sheet.rowProblems.map { "\($0.line) \($0.kind.rawValue)" }
        #expect(rowKinds == ["5 duplicate-identifier", "6 missing-identifier", "7 too-many-cells"])
        #expect(sheet.rowProblems[0].message.contains("línea 2"), "points at the first occurrence")
        #expect(sheet.rows["A-4"] == nil)
        #expect(sheet.unreadableRows["A-4"]?.line == 7, "the item of an unreadable row is told which line to fix")
        #expect(sheet.rows["A-3"]?.problems.count == 1, "an unreadable date is one problem, not also a missing one")
        #expect(sheet.rows["A-3"]?.missingRequired.isEmpty == true)
    }

    @Test func anUnreadableRequiredDateIsOneProblemNotTwo() throws {
        let sheet = try Self.read("identifier,dc.title,dc.date\nA-9,Algo,a fines de siglo\nA-10,Otro,\n", required: ["title", "date"])
        #expect(sheet.rows["A-9"]?.problems.map(\.kind) == [.invalidDate])
        #expect(sheet.rows["A-9"]?.missingRequired.isEmpty == true)
        #expect(sheet.rows["A-10"]?.missingRequired["date"]?.kind == .missingRequiredField, "an empty cell is still missing")
    }

    @Test func aRequiredFieldWithoutAColumnSaysSo() throws {
        let sheet = try Self.read("identifier,dc.title\nA-1,Algo\n", required: ["title", "date"])
        #expect(sheet.rows["A-1"]?.missingRequired["date"]?.column == "dc.date (no existe la columna)")
    }

    @Test func refinementsTypesAndUnknownColumns() throws {
        let text = "identifier;dcterms.created;dcterms.extent;dc.type;dc.type;notas internas\nA-1;1954~;2 hojas;partitura;Manuscrito raro;x\n"
        let sheet = try Self.read(text, required: [])
        let row = try #require(sheet.rows["A-1"])
        #expect(row.record["date"] == ["1954~"])
        #expect(row.record["format"] == ["2 hojas"])
        #expect(row.record["type"] == ["Text", "partitura", "Manuscrito raro"])
        #expect(row.notes.count == 1 && row.notes[0].contains("no es un tipo DCMI"))
        #expect(sheet.ignoredColumns == ["F «notas internas»"])
    }

    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
    func columnLetters(index: Int, letters: String) {
        #expect(CSVParser.columnLetter(index) == letters)
    }

    /// Real spreadsheets from other archival systems: each is read or refused with a reason, never a crash.
    @Test func realWorldSheetsAreReadOrRefusedWithAReason() throws {
        guard let shared = try TestPaths.sharedOrSkip() else { return }
        let folder = shared.appendingPathComponent("corpus/metadata/csv")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(!names.isEmpty)
        var read = 0
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            do {
                let sheet = try MetadataSheet.read(bytes, file: name, requiredFields: [])
                read += 1
                for row in sheet.rows.values { #expect(!row.identifier.isEmpty, "\(name)") }
            } catch let error as SheetError {
                #expect(error.description.hasPrefix(name), "\(name): \(error)")
            }
        }
        #expect(read > 0, "at least one real sheet has an identifier column")
    }
}
