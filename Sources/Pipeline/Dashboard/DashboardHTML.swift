import Audience
import Foundation
import Support

/// The dashboard as one HTML page in Spanish for the director: figures first, then each table with
/// its chart (inline SVG shared with the statistics report, with a title and a description for
/// screen readers), local times and readable sizes. Inline style only: nothing is loaded from anywhere.
struct DashboardHTML {
    let dashboard: Dashboard
    let timeZone: TimeZone

    static let months = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]

    func render() -> String {
        let d = dashboard
        let heading = "Informe para la dirección: \(d.institution)"
        var h = "<!doctype html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        h += "<title>\(e(heading))</title>\n<style>\n\(ReportPageStyle.css)</style>\n</head>\n<body>\n<main>\n"
        h += "<h1>\(e(heading))</h1>\n"
        h += "<p class=\"periodo\">Estado del archivo digital el \(e(localWords(d.generated))) (hora local). Cada tabla está también en un archivo CSV junto a esta página.</p>\n"
        h += summary() + growth() + formats() + access() + quarantine() + audits() + replicas()
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    private func e(_ text: String) -> String { MarkupEscaping.escape(text) }
    private func n(_ value: Int) -> String { SpanishText.number(value) }

    private func localWords(_ iso: String) -> String {
        Timestamp.parse(iso).map { Timestamp.inWords($0, timeZone: timeZone) } ?? iso
    }

    private func monthLabel(_ month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return month }
        return "\(Self.months[m - 1]) \(parts[0])"
    }

    private func summary() -> String {
        let d = dashboard
        let problems = d.audits.last.map { $0.objectsWithProblems } ?? 0
        let pending = d.quarantine.reduce(0) { $0 + $1.pending }
        var h = "<section aria-labelledby=\"resumen\">\n<h2 id=\"resumen\">Resumen</h2>\n<ul class=\"cifras\">\n"
        h += "<li><strong>\(n(d.items))</strong> documentos</li>\n<li><strong>\(n(d.pages))</strong> páginas</li>\n"
        h += "<li><strong>\(e(SpanishText.bytes(d.bytes)))</strong> en el archivo</li>\n"
        h += "<li><strong>\(n(pending))</strong> archivos en cuarentena por resolver</li>\n"
        h += "<li><strong>\(n(problems))</strong> objetos con problemas en la última auditoría</li>\n"
        h += "<li><strong>\(n(d.replicas.count))</strong> réplicas (\(n(d.replicas.filter { $0.state == "al-dia" }.count)) al día)</li>\n"
        return h + "</ul>\n</section>\n"
    }

    private func table(_ caption: String, _ headers: [String], _ rows: [[String]]) -> String {
        var h = "<div class=\"tabla\" tabindex=\"0\" role=\"region\" aria-label=\"\(e(caption))\"><table>\n<caption>\(e(caption))</caption>\n<thead><tr>"
        h += headers.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            h += "<tr><th scope=\"row\">\(e(row.first ?? ""))</th>" + row.dropFirst().map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
        }
        return h + "</tbody>\n</table></div>\n"
    }

    private func section(_ id: String, _ title: String, _ body: String) -> String {
        "<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">\(e(title))</h2>\n\(body)</section>\n"
    }

    private func growth() -> String {
        let rows = dashboard.growth
        guard !rows.isEmpty else { return section("crecimiento", "Crecimiento del archivo", "<p>Todavía no hay documentos en el archivo.</p>\n") }
        let months = Array(Set(rows.map(\.month))).sorted()
        let items = months.map { m in rows.filter { $0.month == m }.reduce(0) { $0 + $1.items } }
        let pages = months.map { m in rows.filter { $0.month == m }.reduce(0) { $0 + $1.pages } }
        let description = zip(months, zip(items, pages)).map { "\(monthLabel($0.0)): \(n($0.1.0)) documentos, \(n($0.1.1)) páginas" }.joined(separator: "; ")
        var body = "<p>Documentos y páginas que entraron al archivo cada mes (por la fecha de su primera versión), y su tamaño.</p>\n"
        body += SVGChart.groupedBars(id: "g-crecimiento", title: "Documentos y páginas archivados por mes", description: description,
                                     labels: months.map(monthLabel), series: [("Documentos", items), ("Páginas", pages)], number: n)
        var byFonds: [(label: String, value: Int)] = []
        for title in Array(Set(rows.map(\.fondsTitle))).sorted() {
            byFonds.append((title, rows.filter { $0.fondsTitle == title }.reduce(0) { $0 + $1.items }))
        }
        byFonds.sort { $0.value > $1.value }
        body += SVGChart.horizontalBars(id: "g-fondos", title: "Documentos por fondo",
                                        description: byFonds.map { "\($0.label): \(n($0.value))" }.joined(separator: "; "), rows: byFonds, number: n)
        body += table("Crecimiento por fondo y mes", ["Fondo", "Mes", "Documentos", "Páginas", "Tamaño"],
                      rows.map { ["\($0.fondsTitle) (\($0.fonds))", monthLabel($0.month), n($0.items), n($0.pages), SpanishText.bytes($0.bytes)] })
        return section("crecimiento", "Crecimiento del archivo", body)
    }

    private func formats() -> String {
        let rows = dashboard.formats
        guard !rows.isEmpty else { return "" }
        func label(_ f: Dashboard.Format) -> String { f.pronomID.isEmpty ? f.name : "\(f.name) (\(f.pronomID))" }
        var body = "<p>Formatos de los másteres, con su identificador PRONOM (el registro de formatos de los Archivos Nacionales del Reino Unido).</p>\n"
        body += SVGChart.horizontalBars(id: "g-formatos", title: "Másteres por formato",
                                        description: rows.map { "\(label($0)): \(n($0.files)) archivos" }.joined(separator: "; "),
                                        rows: rows.map { (label($0), $0.files) }, number: n)
        body += table("Formatos de los másteres", ["Formato", "PRONOM", "Tipo MIME", "Archivos", "Tamaño"],
                      rows.map { [$0.name, $0.pronomID.isEmpty ? "sin identificar" : $0.pronomID, $0.mimeType, n($0.files), SpanishText.bytes($0.bytes)] })
        return section("formatos", "Formatos", body)
    }

    private func access() -> String {
        let rows = dashboard.access
        var body = "<p>Los documentos públicos están en el sitio; los restringidos, en embargo o retirados se conservan y se catalogan, pero el sitio no los muestra.</p>\n"
        body += SVGChart.horizontalBars(id: "g-acceso", title: "Documentos por estado de acceso",
                                        description: rows.map { "\($0.label): \(n($0.items))" }.joined(separator: "; "),
                                        rows: rows.map { ($0.label, $0.items) }, number: n)
        body += table("Documentos por estado de acceso", ["Estado", "Documentos"], rows.map { [$0.label, n($0.items)] })
        return section("acceso", "Acceso", body)
    }

    private func quarantine() -> String {
        let rows = dashboard.quarantine
        guard !rows.isEmpty else { return section("cuarentena", "Cuarentena pendiente", "<p>No hay archivos en cuarentena por resolver.</p>\n") }
        var reasons: [(label: String, value: Int)] = []
        for reason in Array(Set(rows.map(\.reason))).sorted() { reasons.append((reason, rows.filter { $0.reason == reason }.reduce(0) { $0 + $1.pending })) }
        reasons.sort { $0.value > $1.value }
        var body = "<p>Archivos rechazados que esperan a una persona: cada uno tiene junto a él su motivo (.reason.txt); <code>memoria reintentar FONDO/LOTE</code> los devuelve a la bandeja una vez corregidos.</p>\n"
        body += SVGChart.horizontalBars(id: "g-cuarentena", title: "Cuarentena pendiente por motivo",
                                        description: reasons.map { "\($0.label): \(n($0.value))" }.joined(separator: "; "), rows: reasons, number: n)
        body += table("Cuarentena pendiente por fondo y motivo", ["Fondo", "Motivo", "Código", "Archivos"], rows.map { [$0.fonds, $0.reason, $0.code, n($0.pending)] })
        return section("cuarentena", "Cuarentena pendiente", body)
    }

    private func audits() -> String {
        let rows = dashboard.audits
        guard !rows.isEmpty else { return section("auditorias", "Auditorías de fijeza", "<p>Todavía no se ha auditado el archivo (<code>memoria verify</code>).</p>\n") }
        let shown = Array(rows.suffix(24))
        var body = "<p>Cada auditoría lee los archivos guardados y compara su huella con la del inventario. Se muestran las últimas \(n(shown.count)).</p>\n"
        let labels = shown.map { Timestamp.parse($0.time).map { Timestamp.dayInWords($0, timeZone: timeZone) } ?? $0.time }
        body += SVGChart.groupedBars(id: "g-auditorias", title: "Objetos revisados y con problemas en cada auditoría",
                                     description: zip(labels, shown).map { "\($0.0): \(n($0.1.objectsChecked)) revisados, \(n($0.1.objectsWithProblems)) con problemas" }.joined(separator: "; "),
                                     labels: shown.map { Timestamp.parse($0.time).map { String(Timestamp.localISO($0, timeZone: timeZone).prefix(10)) } ?? $0.time },
                                     series: [("Objetos revisados", shown.map(\.objectsChecked)), ("Con problemas", shown.map(\.objectsWithProblems))], number: n)
        body += table("Auditorías de fijeza", ["Hora", "Objetos revisados", "Objetos con problemas"],
                      rows.reversed().map { [localWords($0.time), n($0.objectsChecked), n($0.objectsWithProblems)] })
        return section("auditorias", "Auditorías de fijeza", body)
    }

    private func replicas() -> String {
        let rows = dashboard.replicas
        guard !rows.isEmpty else {
            return section("replicas", "Réplicas", "<p>El archivo no tiene réplicas: una sola copia se pierde con su disco. Añada <code>replicas:</code> en pipeline.yaml y ejecute <code>memoria replicar</code>.</p>\n")
        }
        func state(_ r: Dashboard.Replica) -> String {
            switch r.state {
            case "al-dia": return "al día"
            case "atrasada": return "atrasada"
            case "sin-iniciar": return "vacía (sin iniciar)"
            default: return "no disponible"
            }
        }
        let body = table("Réplicas y su atraso", ["Réplica", "Carpeta", "Estado", "Objetos atrasados", "Versiones sin copiar", "Registros sin copiar", "Versión más antigua sin copiar"],
                         rows.map { [$0.name, $0.path, state($0), n($0.objectsBehind), n($0.versionsBehind), n($0.logsBehind), $0.oldestMissingVersion.map(localWords) ?? "—"] })
        return section("replicas", "Réplicas", body)
    }
}
