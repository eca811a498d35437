import Foundation

/// cuadro.csv read the way metadata.csv is (UTF-8 with or without BOM or Windows-1252, `,` or `;`,
/// cells neutralised against formula injection given back): one row per unit. Every problem names its
/// line and its column (letter and header), and all of them are reported at once.
public enum ChartSheet {
    /// Column names accepted for each field (lower case, without accents, `_` or spaces).
    static let columns: [String: [String]] = [
        "codigo": ["codigo", "codigo de referencia", "clave", "code", "reference code"],
        "nivel": ["nivel", "nivel de descripcion", "level"],
        "padre": ["padre", "codigo del padre", "codigo padre", "pertenece a", "parent"],
        "titulo": ["titulo", "title"],
        "fechas": ["fechas", "fecha", "date", "dates"],
        "volumen": ["volumen", "volumen y soporte", "extension", "extent"],
        "productor": ["productor", "nombre del productor", "creator"],
        "historia": ["historia", "historia institucional", "resena biografica", "historia institucional / resena biografica"],
        "alcance": ["alcance", "alcance y contenido", "scope"],
        "acceso": ["acceso", "condiciones de acceso"],
        "reproduccion": ["reproduccion", "condiciones de reproduccion"],
        "lengua": ["lengua", "lengua / escritura", "lenguas", "language"],
        "notas": ["notas", "nota", "notes"],
    ]
    static let required = ["codigo", "nivel", "titulo"]

    public static func read(_ bytes: [UInt8], file: String = "cuadro.csv",
                            currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) throws(ChartError) -> ClassificationChart {
        let text: String
        switch TextDecoder.decode(bytes) {
        case .success(let value): text = value.text.precomposedStringWithCanonicalMapping
        case .failure(let failure): throw .unreadable(file: file, line: failure.line, reason: "no se puede leer el texto: \(failure.reason)")
        }
        let records: [CSVParser.Record]
        switch CSVParser.parse(text, delimiter: CSVParser.detectDelimiter(text)) {
        case .success(let value): records = value
        case .failure(let failure): throw .unreadable(file: file, line: failure.line, reason: "\(failure.reason); revise las comillas de esa celda")
        }
        guard let header = records.first else { throw .unreadable(file: file, line: 1, reason: "está vacío; debe tener una fila de encabezados (codigo, nivel, padre, titulo…) y una fila por unidad") }
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            let folded = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                .folding(options: [.diacriticInsensitive], locale: nil).replacingOccurrences(of: "_", with: " ")
            if let field = columns.first(where: { $0.value.contains(folded) })?.key, index[field] == nil { index[field] = position }
        }
        let missing = required.filter { index[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(file: file, columns: missing, found: header.fields) }

        var units: [ArchivalUnit] = []
        var problems: [ChartProblem] = []
        var firstLine: [String: Int] = [:]
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            func place(_ field: String) -> String {
                guard let column = index[field] else { return field }
                return "\(CSVParser.columnLetter(column)) (\(header.fields[column]))"
            }
            func cell(_ field: String) -> String? {
                guard let column = index[field], column < record.fields.count else { return nil }
                let value = MetadataSheet.unneutralized(record.fields[column]).trimmingCharacters(in: .whitespacesAndNewlines)
                return value.isEmpty ? nil : value
            }
            func problem(_ kind: ChartProblem.Kind, _ field: String?, _ message: String) {
                problems.append(ChartProblem(line: record.line, column: field.map(place), kind: kind, message: message))
            }
            if record.fields.count > header.fields.count,
               record.fields[header.fields.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                problem(.tooManyCells, nil, "la fila tiene \(record.fields.count) celdas y el encabezado \(header.fields.count): revise separadores y comillas")
                continue
            }
            guard let code = cell("codigo") else { problem(.missingCode, "codigo", "la fila no tiene código de referencia: escriba el código de la unidad"); continue }
            if let first = firstLine[code] { problem(.duplicateCode, "codigo", "el código «\(code)» ya aparece en la línea \(first); cada unidad tiene un código propio"); continue }
            firstLine[code] = record.line
            guard let written = cell("nivel"), let level = ArchivalLevel(written: written) else {
                problem(.unknownLevel, "nivel", "«\(cell("nivel") ?? "")» no es un nivel: escriba fondo, seccion, serie, subserie o expediente")
                continue
            }
            guard let title = cell("titulo") else { problem(.missingTitle, "titulo", "la unidad «\(code)» no tiene título: llene la celda"); continue }
            var unit = ArchivalUnit(code: code, level: level, parentCode: cell("padre"), title: title, line: record.line)
            if let date = cell("fechas") {
                switch SpanishDateNormalizer.normalize(date, currentYear: currentYear) {
                case .valid(let edtf), .normalized(let edtf, _): unit.date = edtf; unit.dateWritten = date
                case .refused(let hint): problem(.invalidDate, "fechas", "«\(date)» no es una fecha que Memoria pueda leer: \(hint)")
                }
            }
            unit.extent = cell("volumen"); unit.creator = cell("productor"); unit.history = cell("historia")
            unit.scopeContent = cell("alcance"); unit.accessConditions = cell("acceso"); unit.reproductionConditions = cell("reproduccion")
            unit.language = cell("lengua"); unit.notes = cell("notas")
            units.append(unit)
        }
        problems += ChartRules.check(units, parentColumn: index["padre"].map { "\(CSVParser.columnLetter($0)) (\(header.fields[$0]))" } ?? "padre (no existe la columna)")
        guard problems.isEmpty else { throw .invalid(file: file, problems: problems.sorted { ($0.line, $0.kind.rawValue) < ($1.line, $1.kind.rawValue) }) }
        return ClassificationChart(units: units)
    }
}

/// The rules of the tree: one fonds at the top, every parent exists, no cycle, each level below its parent's.
enum ChartRules {
    static func check(_ units: [ArchivalUnit], parentColumn: String) -> [ChartProblem] {
        var problems: [ChartProblem] = []
        let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let fonds = units.filter { $0.level == .fondo }
        if fonds.isEmpty, let first = units.first {
            problems.append(ChartProblem(line: first.line, column: nil, kind: .noFonds, message: "el cuadro no tiene una fila de nivel fondo: añada la del fondo, sin padre"))
        }
        for extra in fonds.dropFirst() {
            problems.append(ChartProblem(line: extra.line, column: nil, kind: .secondFonds,
                                         message: "el cuadro ya tiene el fondo «\(fonds[0].code)» (línea \(fonds[0].line)); un cuadro describe un solo fondo: use seccion para las divisiones"))
        }
        for unit in units {
            guard let parentCode = unit.parentCode else {
                if unit.level != .fondo {
                    problems.append(ChartProblem(line: unit.line, column: parentColumn, kind: .missingParent,
                                                 message: "la unidad «\(unit.code)» (\(unit.level.rawValue)) no dice a qué unidad pertenece: escriba el código de su padre"))
                }
                continue
            }
            if unit.level == .fondo {
                problems.append(ChartProblem(line: unit.line, column: parentColumn, kind: .levelOrder,
                                             message: "el fondo «\(unit.code)» no puede estar dentro de «\(parentCode)»: deje vacía la celda del padre"))
                continue
            }
            guard let parent = byCode[parentCode] else {
                problems.append(ChartProblem(line: unit.line, column: parentColumn, kind: .unknownParent,
                                             message: "el padre «\(parentCode)» de «\(unit.code)» no es ninguna unidad del cuadro: corrija el código o añada esa unidad"))
                continue
            }
            if parent.level >= unit.level {
                problems.append(ChartProblem(line: unit.line, column: parentColumn, kind: .levelOrder,
                                             message: "«\(unit.code)» es \(unit.level.rawValue) y está dentro de «\(parent.code)», que es \(parent.level.rawValue) (línea \(parent.line)): una unidad va debajo de un nivel mayor (fondo → seccion → serie → subserie → expediente)"))
            }
        }
        // Cycles: follow the parents; coming back to a unit already on the path is a cycle.
        var reported: Set<String> = []
        for unit in units where !reported.contains(unit.code) {
            var path: [String] = [unit.code]
            var next = unit.parentCode
            while let code = next, let parent = byCode[code] {
                if let start = path.firstIndex(of: code) {
                    let cycle = Array(path[start...])
                    if cycle.allSatisfy({ !reported.contains($0) }) {
                        let lines = cycle.compactMap { byCode[$0]?.line }
                        problems.append(ChartProblem(line: lines.min() ?? unit.line, column: parentColumn, kind: .cycle,
                                                     message: "las unidades \(cycle.map { "«\($0)»" }.joined(separator: " → ")) → «\(code)» forman un ciclo (líneas \(lines.sorted().map(String.init).joined(separator: ", "))): una unidad no puede estar dentro de sí misma"))
                    }
                    reported.formUnion(cycle)
                    break
                }
                path.append(code)
                next = parent.parentCode
            }
        }
        return problems
    }
}

/// A problem in one row of cuadro.csv.
public struct ChartProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case missingCode = "missing-code", duplicateCode = "duplicate-code", unknownLevel = "unknown-level"
        case missingTitle = "missing-title", unknownParent = "unknown-parent", missingParent = "missing-parent"
        case cycle, levelOrder = "level-order", invalidDate = "invalid-date", noFonds = "no-fonds"
        case secondFonds = "second-fonds", tooManyCells = "too-many-cells"
    }
    public var line: Int
    public var column: String?
    public var kind: Kind
    /// Spanish: what is wrong and what to do.
    public var message: String

    public var description: String { "cuadro.csv, línea \(line)" + (column.map { ", columna \($0)" } ?? "") + ": " + message }
}

/// cuadro.csv cannot be used: nothing of it is archived until it is corrected.
public enum ChartError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String, line: Int, reason: String)
    case missingColumns(file: String, columns: [String], found: [String])
    case invalid(file: String, problems: [ChartProblem])

    public var problems: [ChartProblem] {
        if case .invalid(_, let problems) = self { return problems }
        return []
    }

    public var description: String {
        switch self {
        case .unreadable(let file, let line, let reason): return "\(file), línea \(line): \(reason)."
        case .missingColumns(let file, let columns, let found):
            return "\(file): faltan las columnas \(columns.map { "«\($0)»" }.joined(separator: ", ")) en el encabezado (encontradas: \(found.joined(separator: ", "))). Las columnas son codigo, nivel, padre, titulo, fechas, volumen, productor, historia, alcance, acceso, reproduccion, lengua y notas."
        case .invalid(let file, let problems):
            return "\(file) tiene \(problems.count == 1 ? "un problema" : "\(problems.count) problemas"): " + problems.map(\.description).joined(separator: " · ")
        }
    }
}
