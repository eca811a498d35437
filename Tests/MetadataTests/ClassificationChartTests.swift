import Foundation
@testable import Metadata
import Testing
import TestSupport

/// cuadro.csv: reading (as archivists save it), the rules of the tree with the line and column of each
/// problem, the diff between versions, and the EAD3 finding aid (golden + official schema).
@Suite struct ClassificationChartTests {
    static let header = "codigo;nivel;padre;titulo;fechas;volumen;productor;historia;alcance;acceso;reproduccion;lengua;notas"

    /// A chart of 30 units on five levels: 1 fondo, 3 secciones, 6 series, 8 subseries, 12 expedientes.
    static func thirtyUnits() -> String {
        var rows = [header, "MX-MMI;fondo;;Margarita Michelena;1920-1990;12 cajas;Margarita Michelena;Poeta y periodista hidalguense (1917-1998).;Correspondencia, manuscritos y recortes.;Libre;Con permiso del archivo;español;"]
        var subseries = 0, files = 0
        for s in 1...3 {
            rows.append("MX-MMI-0\(s);sección;MX-MMI;Sección \(s);;;;;;;;;")
            for r in 1...2 {
                let series = "MX-MMI-0\(s)-0\(r)"
                rows.append("\(series);serie;MX-MMI-0\(s);Serie \(s).\(r);década de 1950;;;;;;;;")
                let subs = subseries < 8 ? (s == 3 && r == 2 ? 1 : (subseries < 7 ? 2 : 1)) : 0
                for b in 0..<min(subs, 8 - subseries) {
                    subseries += 1
                    let code = "\(series)-\(b + 1)"
                    rows.append("\(code);subserie;\(series);Subserie \(subseries);;;;;;;;;")
                    for e in 0..<(files < 12 ? (subseries <= 4 ? 2 : 1) : 0) where files < 12 {
                        files += 1
                        rows.append("\(code)-E\(e + 1);expediente;\(code);Expediente \(files);marzo de 1954;1 expediente;;;;;;;")
                    }
                }
            }
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    @Test func readsThirtyUnitsOnFiveLevels() throws {
        let chart = try ChartSheet.read(Array(Self.thirtyUnits().utf8), currentYear: 2026)
        #expect(chart.units.count == 30)
        #expect(Set(chart.units.map(\.level)) == Set(ArchivalLevel.allCases))
        #expect(chart.root?.code == "MX-MMI")
        let file = try #require(chart.units.first { $0.level == .expediente })
        #expect(chart.path(to: file.code).map(\.level) == [.fondo, .seccion, .serie, .subserie, .expediente])
        #expect(file.date == "1954-03")
        #expect(chart.unit("MX-MMI-01-01")?.date == "195X")
        #expect(chart.subtree(of: "MX-MMI").count == 30)
    }

    @Test func readsExcelHabits() throws {
        // Windows-1252, «,» as delimiter, accents in headers and levels, a cell neutralised against formulas.
        let text = "Código,Nivel,Padre,Título\r\nMX-A,Fondo,,'=Fondo A\r\nMX-A-1,Sección,MX-A,Correspondencia\r\n"
        let bytes = Array(text.data(using: .windowsCP1252)!)
        let chart = try ChartSheet.read(bytes, currentYear: 2026)
        #expect(chart.units.map(\.code) == ["MX-A", "MX-A-1"])
        #expect(chart.units[0].title == "=Fondo A")
        #expect(chart.units[1].level == .seccion)
        let bom = [0xEF, 0xBB, 0xBF] + Array("codigo;nivel;titulo\nMX-B;fondo;B\n".utf8)
        #expect(try ChartSheet.read(bom).units.first?.title == "B")
    }

    struct BadCase: Sendable, CustomStringConvertible {
        var name: String
        var rows: [String]
        var kind: ChartProblem.Kind
        var line: Int
        var words: String
        var description: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "unknown parent", rows: ["A;fondo;;A", "A-1;serie;A-9;S"], kind: .unknownParent, line: 3, words: "«A-9»"),
        BadCase(name: "duplicate code", rows: ["A;fondo;;A", "A-1;serie;A;S", "A-1;serie;A;T"], kind: .duplicateCode, line: 4, words: "línea 3"),
        BadCase(name: "level below a lower level", rows: ["A;fondo;;A", "A-1;expediente;A;E", "A-2;serie;A-1;S"], kind: .levelOrder, line: 4, words: "expediente"),
        BadCase(name: "same level as the parent", rows: ["A;fondo;;A", "A-1;serie;A;S", "A-2;serie;A-1;S2"], kind: .levelOrder, line: 4, words: "serie"),
        BadCase(name: "cycle", rows: ["A;fondo;;A", "B;serie;C;S", "C;subserie;B;T"], kind: .cycle, line: 3, words: "ciclo"),
        BadCase(name: "no parent", rows: ["A;fondo;;A", "A-1;serie;;S"], kind: .missingParent, line: 3, words: "padre"),
        BadCase(name: "second fonds", rows: ["A;fondo;;A", "B;fondo;;B"], kind: .secondFonds, line: 3, words: "un solo fondo"),
        BadCase(name: "unknown level", rows: ["A;fondo;;A", "A-1;carpeta;A;S"], kind: .unknownLevel, line: 3, words: "«carpeta»"),
        BadCase(name: "unreadable date", rows: ["A;fondo;;A;32/13/1950"], kind: .invalidDate, line: 2, words: "«32/13/1950»"),
        BadCase(name: "no title", rows: ["A;fondo;;A", "A-1;serie;A;"], kind: .missingTitle, line: 3, words: "título"),
        BadCase(name: "no code", rows: ["A;fondo;;A", ";serie;A;S"], kind: .missingCode, line: 3, words: "código"),
    ]

    @Test(arguments: badCases) func problemNamesItsLineAndColumn(_ bad: BadCase) throws {
        let text = (["codigo;nivel;padre;titulo;fechas"] + bad.rows).joined(separator: "\n")
        let error = try #require(throws: ChartError.self) { try ChartSheet.read(Array(text.utf8), currentYear: 2026) }
        let problem = try #require(error.problems.first { $0.kind == bad.kind }, "\(error)")
        #expect(problem.line == bad.line)
        #expect(problem.description.hasPrefix("cuadro.csv, línea \(bad.line)"))
        #expect(problem.description.contains(bad.words), "\(problem)")
        if bad.kind == .unknownParent || bad.kind == .levelOrder || bad.kind == .missingParent || bad.kind == .cycle {
            #expect(problem.column == "C (padre)")
        }
    }

    @Test func missingColumnsAreNamed() throws {
        let error = try #require(throws: ChartError.self) { try ChartSheet.read(Array("codigo;titulo\nA;B\n".utf8)) }
        #expect("\(error)".contains("«nivel»"))
    }

    @Test func diffSaysWhatChanged() throws {
        let old = try ChartSheet.read(Array(Self.thirtyUnits().utf8), currentYear: 2026)
        var new = old
        new.units[2].title = "Correspondencia 1950–1960"
        new.units.removeLast()
        new.units.append(ArchivalUnit(code: "MX-MMI-01-03", level: .serie, parentCode: "MX-MMI-01", title: "Recortes", line: 40))
        let lines = ChartDiff.lines(from: old, to: new)
        #expect(lines.contains("«\(old.units[2].code)» titulo: «\(old.units[2].title)» → «Correspondencia 1950–1960»"))
        #expect(lines.contains { $0.hasPrefix("se añade serie «MX-MMI-01-03»") })
        #expect(lines.contains { $0.hasPrefix("se retira \(old.units.last!.level.rawValue) «\(old.units.last!.code)»") })
        #expect(ChartDiff.lines(from: old, to: old).isEmpty)
        #expect(try ClassificationChart.decode(old.json()).json() == old.json())
    }

    static func findingAid() throws -> FindingAid {
        let chart = try ChartSheet.read(Array(thirtyUnits().utf8), currentYear: 2026)
        let file = chart.units.first { $0.level == .expediente }!.code
        return FindingAid(chart: chart, items: [
            .init(id: "MMI-0001", title: "Carta a Efrén Hernández", date: "1954-03-14", unitCode: file, pageURL: "https://memoria.example/items/MMI-0001/"),
            .init(id: "MMI-0002", title: "Poema «Laurel del ángel»", date: nil, unitCode: "MX-MMI-02-01", pageURL: "https://memoria.example/items/MMI-0002/"),
            .init(id: "MMI-0003", title: "Recorte sin clasificar", date: "195X", unitCode: nil, pageURL: nil),
        ], institution: "Secretaría de Cultura del Estado de Hidalgo", created: "2026-01-01T00:00:00Z", software: "Memoria 1.0")
    }

    @Test func ead3MatchesGolden() throws {
        let xml = EAD3Writer.document(try Self.findingAid())
        if let mismatch = Golden.mismatch(xml, golden: Golden.directory().appendingPathComponent("ead3-thirty-units.xml")) { Issue.record("\(mismatch)") }
        #expect(xml.contains("<archdesc level=\"fonds\">"))
        #expect(xml.contains("<c05 level=\"item\">") || xml.contains("<c05 level=\"item\""))
    }

    @Test func ead3IsValidAgainstTheOfficialSchema() throws {
        guard let shared = try TestPaths.sharedOrSkip() else { return }
        let validator = try XMLSchemaValidator(schemaAt: shared.appendingPathComponent("standards/xsd/ead3/ead3.xsd"))
        let xml = EAD3Writer.document(try Self.findingAid())
        #expect(validator.validate(xml, name: "ead.xml") == [])
        // The golden too (it is what the export writes).
        let golden = try String(contentsOf: Golden.directory().appendingPathComponent("ead3-thirty-units.xml"), encoding: .utf8)
        #expect(validator.validate(golden, name: "golden") == [])
    }

    @Test func metsCarriesTheUnitAndStaysValid() throws {
        var item = METSItem(objectID: "MMI-0001", dublinCore: DublinCoreRecord(), type: "Text", created: "2026-01-01T00:00:00Z",
                            lastModified: "2026-01-01T00:00:00Z", version: "v1", fondsCode: "MMI", fondsTitle: "Margarita Michelena",
                            institution: "SC", softwareName: "Memoria", operatorName: "x", files: [], pages: [], premisObjects: [], events: [], agents: [])
        item.dublinCore["title"] = ["Carta"]
        item.unitCode = "MX-MMI-01-01-1-E1"
        let xml = METSWriter.document(item)
        #expect(xml.contains("TYPE=\"LOGICAL\""))
        #expect(try METSReader.read(bytes: Array(xml.utf8), name: "mets.xml").unitCode == "MX-MMI-01-01-1-E1")
        #expect(METSProfileChecker.check(xml).isEmpty)
        item.unitCode = nil
        #expect(!METSWriter.document(item).contains("LOGICAL"))
    }
}
