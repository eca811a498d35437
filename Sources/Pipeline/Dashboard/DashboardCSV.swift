import Foundation

/// One CSV per table of the dashboard (UTF-8 with BOM, so a spreadsheet opens the accents right;
/// comma-separated, every text quoted, numbers plain).
enum DashboardCSV {
    static func tables(_ d: Dashboard) -> [(name: String, text: String)] {
        [
            ("crecimiento.csv", csv(["fondo", "titulo_fondo", "mes", "items", "paginas", "bytes"],
                                    d.growth.map { [q($0.fonds), q($0.fondsTitle), q($0.month), "\($0.items)", "\($0.pages)", "\($0.bytes)"] })),
            ("formatos.csv", csv(["formato", "pronom", "mime", "archivos", "bytes"],
                                 d.formats.map { [q($0.name), q($0.pronomID), q($0.mimeType), "\($0.files)", "\($0.bytes)"] })),
            ("acceso.csv", csv(["estado", "etiqueta", "items"], d.access.map { [q($0.state), q($0.label), "\($0.items)"] })),
            ("cuarentena.csv", csv(["fondo", "motivo", "codigo", "pendientes"], d.quarantine.map { [q($0.fonds), q($0.reason), q($0.code), "\($0.pending)"] })),
            ("auditorias.csv", csv(["hora", "objetos_revisados", "objetos_con_problemas"],
                                   d.audits.map { [q($0.time), "\($0.objectsChecked)", "\($0.objectsWithProblems)"] })),
            ("replicas.csv", csv(["replica", "carpeta", "estado", "objetos_atrasados", "versiones_sin_copiar", "registros_sin_copiar", "version_mas_antigua_sin_copiar"],
                                 d.replicas.map { [q($0.name), q($0.path), q($0.state), "\($0.objectsBehind)", "\($0.versionsBehind)", "\($0.logsBehind)", q($0.oldestMissingVersion ?? "")] })),
        ]
    }

    private static func csv(_ header: [String], _ rows: [[String]]) -> String {
        "\u{FEFF}" + ([header.map(q)] + rows).map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A quoted cell; a text that a spreadsheet would run as a formula starts with an apostrophe.
    private static func q(_ text: String) -> String {
        let safe = text.first.map { "=+-@\t\r".contains($0) } == true ? "'" + text : text
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
