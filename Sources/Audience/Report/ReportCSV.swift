import Foundation

/// One CSV file per table of the report, for the annual report's spreadsheets: UTF-8, a header
/// row, plain numbers. `excel` writes a byte order mark and ";" (Excel in Spanish opens it right).
enum ReportCSV {
    static func files(_ r: AudienceReport, excel: Bool) -> [(name: String, text: String)] {
        let indicatorHeader = ["periodo", "dias", "usuarios", "visitas", "paginas_vistas", "documentos_vistos", "descargas",
                               "imagenes_de_pagina", "busquedas", "usuarios_con_movil", "solicitudes_de_rastreadores",
                               "solicitudes_de_quien_pidio_robots_txt", "solicitudes_de_quien_solo_pidio_recursos", "solicitudes_en_total"]
        func indicators(_ periods: [AudienceReport.Period]) -> [[String]] {
            periods.map { p in
                let f = p.figures
                return [p.key, "\(p.days)", "\(f.visitors)", "\(f.visits)", "\(f.pageViews)", "\(f.itemViews)", "\(f.downloads)", "\(f.pageImages)",
                        "\(f.searches)", "\(f.mobileVisitors)", "\(f.crawlerLines)", "\(f.robotsLines)", "\(f.assetOnlyLines)", "\(f.requests)"]
            }
        }
        let tables: [(String, [String], [[String]])] = [
            ("indicadores-por-anio.csv", indicatorHeader, indicators(r.years)),
            ("indicadores-por-mes.csv", indicatorHeader, indicators(r.months)),
            ("indicadores-por-dia.csv", indicatorHeader, indicators(r.days)),
            ("documentos.csv", ["identificador", "titulo", "fondo", "vistas", "imagenes_de_pagina", "descargas"],
             r.documents.map { [$0.id, $0.title, $0.fonds, "\($0.views)", "\($0.pageImages)", "\($0.downloads)"] }),
            ("fondos.csv", ["fondo", "slug", "vistas_de_paginas_del_fondo", "vistas_de_sus_documentos", "total"],
             r.fonds.map { [$0.title, $0.slug, "\($0.pageViews)", "\($0.itemViews)", "\($0.total)"] }),
            ("descargas.csv", ["archivo", "tipo", "descargas"], r.downloads.map { [$0.path, AudienceReport.label(of: $0.kind.rawValue), "\($0.count)"] }),
            ("paginas-de-entrada.csv", ["pagina", "visitas"], r.entryPages.map { [$0.name, "\($0.count)"] }),
            ("procedencia.csv", ["sitio", "visitas"], r.referrers.map { [$0.name, "\($0.count)"] }),
            ("enlaces-rotos.csv", ["direccion_que_no_existe", "enlace_en", "veces"], r.brokenLinks.map { [$0.path, $0.from, "\($0.count)"] }),
        ]
        let separator = excel ? ";" : ","
        return tables.map { name, header, rows in
            var text = excel ? "\u{FEFF}" : ""
            for row in [header] + rows { text += row.map { cell($0, separator) }.joined(separator: separator) + "\r\n" }
            return (name, text)
        }
    }

    private static func cell(_ value: String, _ separator: String) -> String {
        guard value.contains(separator) || value.contains("\"") || value.contains("\n") || value.contains("\r") else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
