import Foundation

/// metadata.csv read the way archivists write it: one row per item, keyed by `identifier`; `dc.*`
/// columns (also `dc:*`), `dcterms.*` refinements mapped onto their Dublin Core element, repeated
/// columns or `|` for several values. Problems name the line and the column (by letter, as the
/// spreadsheet shows it, and by header).
public struct MetadataSheet: Sendable {
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var identifier: String
        public var record: DublinCoreRecord
        /// Problems that hold this item back (invalid date, missing required field...).
        public var problems: [SheetProblem]
        /// Notes that do not (an unknown DCMI type mapped to the default, a date normalised…).
        public var notes: [String]
        /// Required fields this row leaves empty or lacks, each with its problem. Whether that holds the
        /// item back depends on whether it is archived already (a correction sheet may leave out
        /// columns it does not change), so the intake decides.
        public var missingRequired: [String: SheetProblem] = [:]
        /// The `memoria.*` columns of this row (instructions: `accion`, `retirar`, `orden`, `acceso`…),
        /// by name without the prefix, with their cells as written (trimmed).
        public var instructions: [String: String] = [:]
        /// Dates rewritten into EDTF: (column, as written, normalised).
        public var normalizedDates: [(column: String, written: String, normalized: String)] = []

        public static func == (a: Row, b: Row) -> Bool {
            a.line == b.line && a.identifier == b.identifier && a.record == b.record && a.problems == b.problems && a.notes == b.notes
                && a.missingRequired == b.missingRequired && a.instructions == b.instructions
        }
    }

    public var encoding: TextDecoder.Encoding
    public var delimiter: Character
    public var rows: [String: Row]
    /// Rows that name an item but could not be read (more cells than the header has): the item's
    /// reason then points at that line instead of saying the row is missing.
    public var unreadableRows: [String: SheetProblem] = [:]
    /// Rows that cannot be attached to any item (no identifier, duplicated identifier).
    public var rowProblems: [SheetProblem]
    /// Columns that were not understood and were ignored.
    public var ignoredColumns: [String]
    /// Dublin Core elements that have a column in this sheet: a correction changes only these.
    public var presentElements: Set<String> = []

    /// Columns of Memoria's own (`memoria.accion`…); informational ones written by `memoria export`
    /// (`memoria.fondo`, `memoria.paginas`, `memoria.version`) are read and not used.
    public static let instructionColumns: Set<String> = ["accion", "retirar", "orden", "acceso", "acceso_motivo", "embargo_hasta", "unidad",
                                                          "fondo", "paginas", "version"]

    /// Dublin Core element for each accepted DCMI term refinement.
    static let refinements: [String: String] = [
        "alternative": "title", "abstract": "description", "tableofcontents": "description",
        "created": "date", "issued": "date", "modified": "date", "available": "date", "datecopyrighted": "date",
        "spatial": "coverage", "temporal": "coverage", "extent": "format", "medium": "format",
        "ispartof": "relation", "haspart": "relation", "isversionof": "relation", "references": "relation",
        "isreferencedby": "relation", "license": "rights", "accessrights": "rights", "rightsholder": "rights",
        "bibliographiccitation": "identifier", "provenance": "description", "audience": "description",
    ]

    static let dateColumns: Set<String> = ["dc.date", "dcterms.created", "dcterms.issued", "dcterms.modified",
                                           "dcterms.available", "dcterms.datecopyrighted", "dcterms.temporal"]

    /// Spanish and English words archivists use for DCMI types.
    static let typeSynonyms: [String: String] = [
        "texto": "Text", "text": "Text", "documento": "Text", "carta": "Text", "manuscrito": "Text", "partitura": "Text",
        "imagen fija": "StillImage", "stillimage": "StillImage", "still image": "StillImage", "fotografía": "StillImage",
        "fotografia": "StillImage", "dibujo": "StillImage", "cartel": "StillImage", "grabado": "StillImage",
        "imagen": "Image", "image": "Image", "colección": "Collection", "coleccion": "Collection", "collection": "Collection",
        "objeto físico": "PhysicalObject", "physicalobject": "PhysicalObject", "sonido": "Sound", "sound": "Sound",
        "imagen en movimiento": "MovingImage", "movingimage": "MovingImage", "evento": "Event", "event": "Event",
        "conjunto de datos": "Dataset", "dataset": "Dataset",
    ]

    /// Reads a metadata.csv. A file-level problem (encoding, unclosed quote, no identifier column)
    /// throws `SheetError`; row-level problems are kept with the rows.
    public static func read(_ bytes: [UInt8], file: String, requiredFields: [String] = ["title"],
                            currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) throws -> MetadataSheet {
        let decoded: (text: String, encoding: TextDecoder.Encoding)
        switch TextDecoder.decode(bytes) {
        case .success(let value): decoded = value
        case .failure(let failure): throw SheetError.encoding(file: file, line: failure.line, reason: failure.reason)
        }
        let text = decoded.text.precomposedStringWithCanonicalMapping
        let delimiter = CSVParser.detectDelimiter(text)
        let records: [CSVParser.Record]
        switch CSVParser.parse(text, delimiter: delimiter) {
        case .success(let value): records = value
        case .failure(let failure): throw SheetError.syntax(file: file, line: failure.line, reason: failure.reason)
        }
        guard let header = records.first else { throw SheetError.empty(file: file) }
        let columns = header.fields.map { normalizeColumn($0) }
        guard let idColumn = columns.firstIndex(where: { $0 == "identifier" }) else {
            throw SheetError.noIdentifierColumn(file: file, headers: header.fields)
        }
        var ignored: [String] = []
        for (index, column) in columns.enumerated() where column != "identifier" && element(for: column) == nil && instruction(for: column) == nil {
            ignored.append("\(CSVParser.columnLetter(index)) «\(header.fields[index])»")
        }

        var sheet = MetadataSheet(encoding: decoded.encoding, delimiter: delimiter, rows: [:], rowProblems: [], ignoredColumns: ignored)
        sheet.presentElements = Set(columns.compactMap { element(for: $0) }).subtracting(["identifier"])
        var firstLine: [String: Int] = [:]
        var duplicates: Set<String> = []
        for record in records.dropFirst() {
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if record.fields.count > columns.count,
               record.fields[columns.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                let problem = SheetProblem(line: record.line, column: nil, kind: .tooManyCells,
                    message: "la fila tiene \(record.fields.count) celdas y el encabezado \(columns.count): revise separadores (\(delimiter == ";" ? "punto y coma" : "coma")) y comillas en esa fila")
                sheet.rowProblems.append(problem)
                let named = idColumn < record.fields.count ? record.fields[idColumn].trimmingCharacters(in: .whitespaces) : ""
                if !named.isEmpty { sheet.unreadableRows[named] = problem }
                continue
            }
            let identifier = idColumn < record.fields.count ? record.fields[idColumn].trimmingCharacters(in: .whitespaces) : ""
            guard !identifier.isEmpty else {
                sheet.rowProblems.append(SheetProblem(line: record.line, column: "\(CSVParser.columnLetter(idColumn)) (identifier)", kind: .missingIdentifier,
                                                      message: "la fila no tiene identificador: escriba el nombre de la carpeta o del archivo del ítem"))
                continue
            }
            if let first = firstLine[identifier] {
                duplicates.insert(identifier)
                sheet.rowProblems.append(SheetProblem(line: record.line, column: "\(CSVParser.columnLetter(idColumn)) (identifier)", kind: .duplicateIdentifier,
                                                      message: "el identificador «\(identifier)» ya aparece en la línea \(first); cada ítem debe tener una sola fila"))
                continue
            }
            firstLine[identifier] = record.line
            sheet.rows[identifier] = makeRow(record, identifier: identifier, header: header.fields, columns: columns, requiredFields: requiredFields,
                                             currentYear: currentYear)
        }
        for identifier in duplicates {
            if var row = sheet.rows[identifier] {
                row.problems.append(SheetProblem(line: row.line, column: nil, kind: .duplicateIdentifier,
                                                 message: "el identificador «\(identifier)» aparece en más de una fila; deje una sola"))
                sheet.rows[identifier] = row
            }
        }
        return sheet
    }

    static func normalizeColumn(_ raw: String) -> String {
        var name = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        name = name.replacingOccurrences(of: ":", with: ".")
        if ["identifier", "dc.identifier", "identificador", "id"].contains(name) { return "identifier" }
        return name
    }

    /// The name of a `memoria.*` column, or nil.
    static func instruction(for column: String) -> String? {
        guard column.hasPrefix("memoria.") else { return nil }
        let name = String(column.dropFirst(8))
        return instructionColumns.contains(name) ? name : nil
    }

    /// A cell as `memoria export --csv` neutralised it against formula injection (`'=…`), given back.
    static func unneutralized(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.dropFirst().first, "=+-@\t\r".contains(second) else { return cell }
        return String(cell.dropFirst())
    }

    /// The Dublin Core element a column feeds, or nil when the column is not understood.
    static func element(for column: String) -> String? {
        if column.hasPrefix("dc."), DublinCoreRecord.elements.contains(String(column.dropFirst(3))) { return String(column.dropFirst(3)) }
        if column.hasPrefix("dcterms.") {
            let term = String(column.dropFirst(8))
            if DublinCoreRecord.elements.contains(term) { return term }
            return refinements[term]
        }
        return nil
    }

    private static func makeRow(_ record: CSVParser.Record, identifier: String, header: [String], columns: [String],
                                requiredFields: [String], currentYear: Int) -> Row {
        var row = Row(line: record.line, identifier: identifier, record: DublinCoreRecord(), problems: [], notes: [])
        row.record["identifier"] = [identifier]
        var refused: Set<String> = []
        for (index, column) in columns.enumerated() where index < record.fields.count {
            let cell = unneutralized(record.fields[index])
            if let name = instruction(for: column) {
                row.instructions[name] = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                continue
            }
            guard let element = element(for: column), element != "identifier" else { continue }
            let place = "\(CSVParser.columnLetter(index)) (\(header[index]))"
            for value in cell.split(separator: "|").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !value.isEmpty {
                if dateColumns.contains(column) {
                    switch SpanishDateNormalizer.normalize(value, currentYear: currentYear) {
                    case .valid(let edtf):
                        row.record.append(edtf, to: element)
                    case .normalized(let edtf, let note):
                        row.record.append(edtf, to: element)
                        row.notes.append("línea \(record.line), columna \(place): \(note)")
                        if edtf != value { row.normalizedDates.append((header[index], value, edtf)) }
                    case .refused(let hint):
                        refused.insert(element)
                        row.problems.append(SheetProblem(line: record.line, column: place, kind: .invalidDate,
                                                         message: "«\(value)» no es una fecha que Memoria pueda leer: \(hint)"))
                    }
                    continue
                }
                if element == "type" && !DublinCoreRecord.dcmiTypes.contains(value) {
                    if let mapped = typeSynonyms[value.lowercased()] {
                        row.record.appendIfMissing(mapped, to: "type")
                        if mapped.lowercased() != value.lowercased() { row.record.appendIfMissing(value, to: "type") }
                    } else {
                        row.record.appendIfMissing(value, to: "type")
                        row.notes.append("línea \(record.line), columna \(place): «\(value)» no es un tipo DCMI (Text, StillImage, Image, ...); se añade el tipo del fondo")
                    }
                    continue
                }
                row.record.append(value, to: element)
            }
        }
        // A field whose only value was refused (an unreadable date) already has its problem.
        for field in requiredFields where field != "identifier" && row.record[field].isEmpty && !refused.contains(field) {
            let column = columns.firstIndex(of: "dc.\(field)").map { "\(CSVParser.columnLetter($0)) (dc.\(field))" } ?? "dc.\(field) (no existe la columna)"
            row.missingRequired[field] = SheetProblem(line: record.line, column: column, kind: .missingRequiredField,
                                                      message: "falta «\(field)», obligatorio en este fondo: llene la celda")
        }
        return row
    }
}

/// A problem in one row of metadata.csv.
public struct SheetProblem: Equatable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case missingIdentifier = "missing-identifier"
        case duplicateIdentifier = "duplicate-identifier"
        case invalidDate = "invalid-date"
        case missingRequiredField = "missing-required-field"
        case tooManyCells = "too-many-cells"
        case noRow = "no-row"
    }
    public var line: Int
    public var column: String?
    public var kind: Kind
    /// Spanish: what is wrong and what to do.
    public var message: String

    public var description: String {
        "metadata.csv, línea \(line)" + (column.map { ", columna \($0)" } ?? "") + ": " + message
    }
}

/// metadata.csv cannot be read at all; the batch waits in the inbox until it is fixed.
public enum SheetError: Error, Equatable, Sendable, CustomStringConvertible {
    case encoding(file: String, line: Int, reason: String)
    case syntax(file: String, line: Int, reason: String)
    case empty(file: String)
    case noIdentifierColumn(file: String, headers: [String])

    public var description: String {
        switch self {
        case .encoding(let file, let line, let reason):
            return "\(file), línea \(line): no se puede leer el texto: \(reason)."
        case .syntax(let file, let line, let reason):
            return "\(file), línea \(line): \(reason). Revise las comillas de esa celda."
        case .empty(let file):
            return "\(file) está vacío: debe tener una fila de encabezados (identifier, dc.title, ...) y una fila por ítem."
        case .noIdentifierColumn(let file, let headers):
            return "\(file): falta la columna «identifier» en el encabezado (encontradas: \(headers.joined(separator: ", "))). Añada una columna identifier con el nombre de la carpeta o archivo de cada ítem."
        }
    }
}
