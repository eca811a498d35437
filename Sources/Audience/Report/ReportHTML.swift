/// The report as one HTML page in Spanish: indicators by year and month with a chart, the most
/// viewed documents and fonds with charts, downloads, searches, entry pages, referring sites, broken
/// links, and how everything was counted. Inline style and SVG only: nothing is loaded from anywhere.
enum ReportHTML {
    static let topRows = 20

    static func render(_ r: AudienceReport) -> String {
        var h = ""
        let heading = "Estadísticas de visitantes de \(r.siteTitle)" + (r.year.map { " en \($0)" } ?? "")
        h += "<!doctype html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'\">\n"
        h += "<title>\(e(heading))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n<main>\n"
        h += "<h1>\(e(heading))</h1>\n"
        if let first = r.firstDay, let last = r.lastDay {
            h += "<p class=\"periodo\">Del \(e(SpanishText.day(first))) al \(e(SpanishText.day(last))): "
            h += "\(e(SpanishText.plural(r.days.count, "día contado", "días contados"))). Informe hecho el \(e(r.generatedLocal)) (hora local).</p>\n"
        } else {
            h += "<p class=\"periodo\">Todavía no hay días cerrados que mostrar. Informe hecho el \(e(r.generatedLocal)) (hora local).</p>\n"
        }
        h += summary(r)
        h += yearsSection(r)
        h += monthsSection(r)
        h += documentsSection(r)
        h += fondsSection(r)
        h += downloadsSection(r)
        h += listSection(id: "entradas", title: "Páginas de entrada", lead: "La primera página de cada visita.",
                         column: "Página", rows: r.entryPages.map { ($0.name, $0.count) }, unit: "Visitas")
        h += listSection(id: "procedencia", title: "Sitios de procedencia",
                         lead: "El sitio del enlace por el que llegó cada visita (buscadores, redes, otras páginas). Las visitas que escribieron la dirección o usaron un marcador no traen sitio de procedencia.",
                         column: "Sitio", rows: r.referrers.map { ($0.name, $0.count) }, unit: "Visitas")
        h += brokenLinksSection(r)
        h += methodSection(r)
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    private static func e(_ text: String) -> String { HTMLText.escape(text) }
    private static func n(_ value: Int) -> String { SpanishText.number(value) }

    private static func summary(_ r: AudienceReport) -> String {
        let t = r.total
        var h = "<section aria-labelledby=\"resumen\">\n<h2 id=\"resumen\">Resumen</h2>\n<ul class=\"cifras\">\n"
        h += "<li><strong>\(n(t.visitors))</strong> usuarios (visitantes distintos por día)</li>\n"
        h += "<li><strong>\(n(t.visits))</strong> visitas</li>\n"
        h += "<li><strong>\(n(t.pageViews))</strong> páginas vistas</li>\n"
        h += "<li><strong>\(n(t.downloads))</strong> descargas</li>\n"
        h += "<li><strong>\(n(t.searches))</strong> búsquedas</li>\n"
        h += "<li><strong>\(SpanishText.percent(t.mobileVisitors, of: t.visitors))</strong> de los usuarios, con teléfono o tableta</li>\n"
        h += "</ul>\n</section>\n"
        return h
    }

    private static func indicatorTable(_ periods: [AudienceReport.Period], first: String, name: (String) -> String, caption: String) -> String {
        var h = "<div class=\"tabla\" tabindex=\"0\"><table>\n<caption>\(e(caption))</caption>\n<thead><tr><th scope=\"col\">\(first)</th><th scope=\"col\">Usuarios</th><th scope=\"col\">Visitas</th>"
        h += "<th scope=\"col\">Páginas vistas</th><th scope=\"col\">Documentos vistos</th><th scope=\"col\">Descargas</th><th scope=\"col\">Búsquedas</th>"
        h += "<th scope=\"col\">Con móvil</th><th scope=\"col\">Solicitudes de robots</th><th scope=\"col\">Solicitudes en total</th></tr></thead>\n<tbody>\n"
        for p in periods {
            let f = p.figures
            h += "<tr><th scope=\"row\">\(e(name(p.key)))</th><td>\(n(f.visitors))</td><td>\(n(f.visits))</td><td>\(n(f.pageViews))</td><td>\(n(f.itemViews))</td>"
            h += "<td>\(n(f.downloads))</td><td>\(n(f.searches))</td><td>\(SpanishText.percent(f.mobileVisitors, of: f.visitors))</td>"
            h += "<td>\(n(f.botLines))</td><td>\(n(f.requests))</td></tr>\n"
        }
        return h + "</tbody>\n</table></div>\n"
    }

    private static func yearsSection(_ r: AudienceReport) -> String {
        guard !r.years.isEmpty else { return "" }
        var h = "<section aria-labelledby=\"anual\">\n<h2 id=\"anual\">Indicadores por año</h2>\n"
        h += "<p>Los <em>usuarios</em> de un año son la suma de los visitantes distintos de cada día: la misma persona que vuelve otro día cuenta otra vez, porque nada permite reconocerla de un día a otro (así se protege su privacidad).</p>\n"
        h += indicatorTable(r.years, first: "Año", name: { $0 }, caption: "Usuarios, visitas y páginas vistas por año")
        return h + "</section>\n"
    }

    private static func monthsSection(_ r: AudienceReport) -> String {
        guard !r.months.isEmpty else { return "" }
        var h = "<section aria-labelledby=\"mensual\">\n<h2 id=\"mensual\">Usuarios y visitas por mes</h2>\n"
        let description = r.months.map { "\(SpanishText.month($0.key)): \(n($0.figures.visitors)) usuarios, \(n($0.figures.visits)) visitas" }.joined(separator: "; ")
        h += SVGChart.groupedBars(id: "g-meses", title: "Usuarios y visitas por mes", description: description,
                                  labels: r.months.map { SpanishText.shortMonth($0.key) },
                                  series: [("Usuarios", r.months.map(\.figures.visitors)), ("Visitas", r.months.map(\.figures.visits))]) + "\n"
        h += indicatorTable(r.months, first: "Mes", name: SpanishText.month, caption: "Indicadores por mes")
        if r.days.count > 1 && r.days.count <= 62 {
            let days = r.days.map { "\(Int($0.key.suffix(2)) ?? 0)" }
            h += "<h3>Usuarios y visitas por día</h3>\n"
            h += SVGChart.groupedBars(id: "g-dias", title: "Usuarios y visitas por día",
                                      description: "Del \(SpanishText.day(r.days[0].key)) al \(SpanishText.day(r.days[r.days.count - 1].key)); las cifras de cada día están en indicadores-por-dia.csv",
                                      labels: days, series: [("Usuarios", r.days.map(\.figures.visitors)), ("Visitas", r.days.map(\.figures.visits))]) + "\n"
        }
        let partial = r.months.filter { $0.days < LogTime.daysIn(month: Int($0.key.suffix(2)) ?? 1, year: Int($0.key.prefix(4)) ?? 2000) }
        if !partial.isEmpty {
            h += "<p class=\"nota\">Meses con días sin registro o aún no cerrados: "
            h += partial.map { "\(e(SpanishText.month($0.key))) (\(SpanishText.plural($0.days, "día", "días")))" }.joined(separator: ", ") + ".</p>\n"
        }
        return h + "</section>\n"
    }

    private static func documentsSection(_ r: AudienceReport) -> String {
        var h = "<section aria-labelledby=\"documentos\">\n<h2 id=\"documentos\">Documentos más vistos</h2>\n"
        guard !r.documents.isEmpty else { return h + "<p>Ningún documento tuvo visitas en este periodo.</p>\n</section>\n" }
        let top = Array(r.documents.prefix(10))
        h += SVGChart.horizontalBars(id: "g-documentos", title: "Los \(top.count) documentos más vistos",
                                     description: top.map { "\($0.title): \(n($0.views)) vistas" }.joined(separator: "; "),
                                     rows: top.map { ($0.title, $0.views) }) + "\n"
        h += "<div class=\"tabla\" tabindex=\"0\"><table>\n<caption>Documentos por vistas de su página (los \(min(topRows, r.documents.count)) primeros de \(n(r.documents.count)); la lista completa está en documentos.csv)</caption>\n"
        h += "<thead><tr><th scope=\"col\">Documento</th><th scope=\"col\">Fondo</th><th scope=\"col\">Vistas</th><th scope=\"col\">Imágenes de página</th><th scope=\"col\">Descargas</th></tr></thead>\n<tbody>\n"
        for d in r.documents.prefix(topRows) {
            h += "<tr><th scope=\"row\">\(e(d.title)) <span class=\"id\">\(e(d.id))</span></th><td>\(e(d.fonds))</td><td>\(n(d.views))</td><td>\(n(d.pageImages))</td><td>\(n(d.downloads))</td></tr>\n"
        }
        h += "</tbody>\n</table></div>\n"
        h += "<p class=\"nota\">Las <em>imágenes de página</em> son las copias de consulta servidas: el visor las muestra y el enlace de descarga apunta al mismo archivo, y el registro del servidor no distingue una cosa de la otra.</p>\n"
        return h + "</section>\n"
    }

    private static func fondsSection(_ r: AudienceReport) -> String {
        var h = "<section aria-labelledby=\"fondos\">\n<h2 id=\"fondos\">Fondos</h2>\n"
        let rows = r.fonds.filter { $0.total > 0 }
        guard !rows.isEmpty else { return h + "<p>Ningún fondo tuvo visitas en este periodo.</p>\n</section>\n" }
        h += SVGChart.horizontalBars(id: "g-fondos", title: "Vistas por fondo (sus páginas y las de sus documentos)",
                                     description: rows.map { "\($0.title): \(n($0.total))" }.joined(separator: "; "),
                                     rows: rows.map { ($0.title, $0.total) }) + "\n"
        h += "<div class=\"tabla\" tabindex=\"0\"><table>\n<caption>Vistas por fondo</caption>\n<thead><tr><th scope=\"col\">Fondo</th><th scope=\"col\">Páginas del fondo</th><th scope=\"col\">Páginas de sus documentos</th><th scope=\"col\">Total</th></tr></thead>\n<tbody>\n"
        for f in r.fonds {
            h += "<tr><th scope=\"row\">\(e(f.title))</th><td>\(n(f.pageViews))</td><td>\(n(f.itemViews))</td><td>\(n(f.total))</td></tr>\n"
        }
        return h + "</tbody>\n</table></div>\n</section>\n"
    }

    private static func downloadsSection(_ r: AudienceReport) -> String {
        var h = "<section aria-labelledby=\"descargas\">\n<h2 id=\"descargas\">Descargas y búsquedas</h2>\n"
        h += "<div class=\"tabla\" tabindex=\"0\"><table>\n<caption>Descargas por tipo</caption>\n<thead><tr><th scope=\"col\">Tipo</th><th scope=\"col\">Descargas</th></tr></thead>\n<tbody>\n"
        for k in r.downloadKinds { h += "<tr><th scope=\"row\">\(e(AudienceReport.label(of: k.name)))</th><td>\(n(k.count))</td></tr>\n" }
        h += "<tr><th scope=\"row\">Imágenes de página (vistas o descargadas)</th><td>\(n(r.total.pageImages))</td></tr>\n"
        h += "</tbody>\n</table></div>\n"
        if !r.downloads.isEmpty {
            h += "<div class=\"tabla\" tabindex=\"0\"><table>\n<caption>Archivos más descargados</caption>\n<thead><tr><th scope=\"col\">Archivo</th><th scope=\"col\">Tipo</th><th scope=\"col\">Descargas</th></tr></thead>\n<tbody>\n"
            for d in r.downloads.prefix(topRows) {
                h += "<tr><th scope=\"row\"><code>\(e(d.path))</code></th><td>\(e(AudienceReport.label(of: d.kind.rawValue)))</td><td>\(n(d.count))</td></tr>\n"
            }
            h += "</tbody>\n</table></div>\n"
        }
        h += "<p>Se hicieron <strong>\(n(r.total.searches))</strong> búsquedas en el buscador del sitio (por mes, en la tabla de indicadores). "
        h += "Las palabras buscadas no se conocen: el buscador funciona en el navegador y el servidor solo ve qué partes del índice se piden. "
        h += "Una búsqueda cuyas partes del índice ya estaban en el navegador no llega al servidor y no se cuenta.</p>\n"
        return h + "</section>\n"
    }

    private static func listSection(id: String, title: String, lead: String, column: String, rows: [(String, Int)], unit: String) -> String {
        var h = "<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">\(e(title))</h2>\n<p>\(e(lead))</p>\n"
        guard !rows.isEmpty else { return h + "<p>Nada que mostrar en este periodo.</p>\n</section>\n" }
        h += "<div class=\"tabla\" tabindex=\"0\"><table>\n<caption>\(e(title)) (las \(min(topRows, rows.count)) primeras de \(n(rows.count)))</caption>\n"
        h += "<thead><tr><th scope=\"col\">\(column)</th><th scope=\"col\">\(unit)</th></tr></thead>\n<tbody>\n"
        for (name, count) in rows.prefix(topRows) { h += "<tr><th scope=\"row\">\(e(name))</th><td>\(n(count))</td></tr>\n" }
        return h + "</tbody>\n</table></div>\n</section>\n"
    }

    private static func brokenLinksSection(_ r: AudienceReport) -> String {
        var h = "<section aria-labelledby=\"rotos\">\n<h2 id=\"rotos\">Enlaces rotos</h2>\n"
        h += "<p>Direcciones que no existen («no encontrada», 404) a las que alguien llegó siguiendo un enlace: desde una página de este sitio (corríjala) o desde otro sitio (pida que lo corrijan, o publique la dirección de nuevo).</p>\n"
        guard !r.brokenLinks.isEmpty else { return h + "<p>Ningún enlace roto en este periodo.</p>\n</section>\n" }
        h += "<div class=\"tabla\" tabindex=\"0\"><table>\n<caption>Enlaces rotos seguidos (los \(min(50, r.brokenLinks.count)) primeros de \(n(r.brokenLinks.count)))</caption>\n"
        h += "<thead><tr><th scope=\"col\">Dirección que no existe</th><th scope=\"col\">Enlace en</th><th scope=\"col\">Veces</th></tr></thead>\n<tbody>\n"
        for b in r.brokenLinks.prefix(50) { h += "<tr><th scope=\"row\"><code>\(e(b.path))</code></th><td>\(e(b.from))</td><td>\(n(b.count))</td></tr>\n" }
        return h + "</tbody>\n</table></div>\n</section>\n"
    }

    private static func methodSection(_ r: AudienceReport) -> String {
        let t = r.total
        var h = "<section aria-labelledby=\"metodo\">\n<h2 id=\"metodo\">Cómo se cuenta</h2>\n<ul>\n"
        h += "<li>Las cifras salen del registro del servidor web; el sitio no usa cookies ni rastreadores.</li>\n"
        h += "<li>Un <em>usuario</em> es una dirección con un navegador (agente de usuario) durante un día. Se reconoce por una huella con una sal secreta que cambia cada día y nunca se guarda: no se guarda ninguna dirección.</li>\n"
        h += "<li>Una <em>visita</em> son las solicitudes de un usuario separadas por menos de 30 minutos.</li>\n"
        h += "<li>No cuentan los robots: agentes de rastreadores y programas (\(n(t.crawlerLines)) solicitudes), quien pidió robots.txt ese día (\(n(t.robotsLines))) y quien solo pidió recursos sin ver ninguna página (\(n(t.assetOnlyLines))).</li>\n"
        h += "<li>Solo se cuentan días terminados; el día en curso se cuenta en la siguiente ejecución.</li>\n"
        if r.lateLines > 0 {
            h += "<li>\(SpanishText.plural(r.lateLines, "línea llegó", "líneas llegaron")) al registro cuando su día ya estaba cerrado y no se contaron.</li>\n"
        }
        return h + "</ul>\n</section>\n"
    }

    static let style = ReportPageStyle.css
}
