/// The sheet `memoria export --csv` writes for curators: the same columns metadata.csv takes
/// (`identifier`, `dc.*`), repeated values joined with `|` as the importer reads them, cells that a
/// spreadsheet would run as formulas neutralised with an apostrophe (which the importer removes
/// again), and three informational `memoria.*` columns the importer reads without using. Edited in
/// Excel and deposited as it is (a batch with only this sheet), it changes exactly the edited cells.
public enum CorrectionSheetWriter {
    /// The Dublin Core columns written, in the order archivists fill them (identifier is the key column).
    public static let elements = ["title", "creator", "date", "type", "subject", "description", "coverage", "contributor", "publisher",
                                  "source", "language", "format", "relation", "rights"]

    public struct Row: Sendable {
        public var identifier: String
        public var dublinCore: DublinCoreRecord
        public var fonds: String
        public var pages: Int
        public var version: String

        public init(identifier: String, dublinCore: DublinCoreRecord, fonds: String, pages: Int, version: String) {
            self.identifier = identifier
            self.dublinCore = dublinCore
            self.fonds = fonds
            self.pages = pages
            self.version = version
        }
    }

    /// RFC 4180 CSV; `forExcel`: a UTF-8 byte order mark and `;` between cells (Excel in Spanish).
    public static func csv(_ rows: [Row], forExcel: Bool) -> String {
        let separator = forExcel ? ";" : ","
        let header = ["identifier"] + elements.map { "dc.\($0)" } + ["memoria.fondo", "memoria.paginas", "memoria.version"]
        var lines = [header.joined(separator: separator)]
        for row in rows {
            var cells = [row.identifier]
            cells += elements.map { row.dublinCore[$0].joined(separator: "|") }
            cells += [row.fonds, String(row.pages), row.version]
            lines.append(cells.map { cell($0, separator: separator) }.joined(separator: separator))
        }
        return (forExcel ? "\u{FEFF}" : "") + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One cell: neutralised against formula injection (`=`, `+`, `-`, `@`, tab, CR first), then quoted
    /// when it holds the separator, a quote or a line break.
    static func cell(_ raw: String, separator: String) -> String {
        var value = raw
        if let first = value.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first) { value = "'" + value }
        let separatorByte = separator.utf8.first ?? 0x2C
        guard value.utf8.contains(where: { $0 == separatorByte || $0 == 0x2C || $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return value
        }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
