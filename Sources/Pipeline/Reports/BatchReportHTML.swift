import Foundation
import Support

/// The batch report as a person reads it: a summary in words, then the items, the quarantined files
/// and the notes. Every value is escaped (HTMLNode); times are local, sizes readable.
extension BatchReport {
    public func html(timeZone: TimeZone = .current) -> String {
        var body: [HTMLNode] = [
            .el("h1", "Informe del lote \(fonds)/\(batch)"),
            .el("p", [], [.text("Estado: "), .el("strong", [("class", needsAttention ? "warn" : "ok")], [.text(status.label)]),
                          .text(statusReason.map { " — \($0)" } ?? "")]),
            .el("p", summarySentence),
            .el("p", "Inicio: \(Timestamp.forPeople(record: startedAt, timeZone: timeZone)) · fin: \(Timestamp.forPeople(record: finishedAt, timeZone: timeZone)) · duración \(SpanishText.duration(durationSeconds)) · \(SpanishText.decimal(pagesPerSecond, digits: 2)) páginas/s · \(SpanishText.decimal(megabytesPerSecond)) MB/s · persona: \(operatorName) · \(software)"),
            .el("table", [], [
                .el("tr", [], ["Archivados", "Nuevas versiones", "Sin cambios", "En cuarentena", "En la bandeja", "Con error", "Páginas",
                               "Escrito", "Archivos en cuarentena"].map { .el("th", $0) }),
                .el("tr", [], [SpanishText.number(totals.itemsArchived), SpanishText.number(totals.newVersions), SpanishText.number(totals.unchanged),
                               SpanishText.number(totals.quarantined), SpanishText.number(totals.keptInInbox), SpanishText.number(totals.failed),
                               SpanishText.number(totals.pages), SpanishText.bytes(totals.bytesWritten),
                               SpanishText.number(totals.filesQuarantined)].map { .el("td", $0) }),
            ]),
        ]
        if !warnings.isEmpty {
            body.append(.el("h2", "Avisos"))
            body.append(.el("ul", [], warnings.map { .el("li", [("class", "warn")], [.text($0.message)]) }))
        }
        if let chart {
            body.append(.el("h2", "Cuadro de clasificación"))
            body.append(.el("p", [], [.text("\(chart.object): \(chart.outcome.label)" + (chart.outcome == .unchanged ? "" : " (\(chart.version ?? ""))")
                                             + ", \(SpanishText.count(chart.units, "unidad", "unidades"))")]))
            if !chart.changes.isEmpty { body.append(.el("ul", [], chart.changes.map { .el("li", $0) })) }
        }
        if !items.isEmpty {
            body.append(.el("h2", "Ítems"))
            body.append(.el("table", [], [.el("tr", [], ["Ítem", "Resultado", "Versión", "Páginas", "Formatos", "Qué pasó", "Observaciones (archivado igualmente)"].map { .el("th", $0) })]
                + items.map(itemRow)))
        }
        if !quarantined.isEmpty {
            body.append(.el("h2", "Archivos en cuarentena"))
            body.append(.el("table", [], [.el("tr", [], ["Archivo", "Ítem", "Motivo", "Qué pasó y qué hacer"].map { .el("th", $0) })]
                + quarantined.map { q in
                    .el("tr", [], [.el("td", [], [.el("code", q.quarantinePath)]), .el("td", q.itemID ?? ""), .el("td", q.code.label), .el("td", q.reason)])
                }))
        }
        let allNotes = notes + ignoredColumns.map { "Columna no usada en metadata.csv: \($0)" }
            + ignoredFiles.map { "Archivo del sistema ignorado: \($0)" } + [metadataEncoding.map { "metadata.csv leído como \($0)" }].compactMap { $0 }
        if !allNotes.isEmpty {
            body.append(.el("h2", "Notas"))
            body.append(.el("ul", [], allNotes.map { .el("li", $0) }))
        }
        return HTMLNode.page(title: "Informe del lote \(fonds)/\(batch)", body: body)
    }

    private func itemRow(_ item: ItemResult) -> HTMLNode {
        let what = ([item.message].compactMap { $0 } + item.changes + item.warnings).joined(separator: " · ")
        let observed = item.observations.map { "\($0.file): \($0.message)" }.joined(separator: " · ")
        return .el("tr", [], [
            .el("td", [], [.el("code", item.id)]),
            .el("td", [("class", item.outcome.needsAttention ? "bad" : "ok")], [.text(item.outcome.label)]),
            .el("td", item.version ?? ""), .el("td", SpanishText.number(item.pages)), .el("td", item.formats.joined(separator: ", ")),
            .el("td", what), .el("td", observed),
        ])
    }

    /// "Se archivaron 12 ítems con 25 páginas; 2 ítems quedaron en cuarentena."
    public var summarySentence: String {
        var parts: [String] = []
        let t = totals
        if t.itemsArchived > 0 { parts.append("\(SpanishText.count(t.itemsArchived, "ítem nuevo archivado", "ítems nuevos archivados"))") }
        if t.newVersions > 0 { parts.append("\(SpanishText.count(t.newVersions, "nueva versión", "nuevas versiones"))") }
        if t.unchanged > 0 { parts.append("\(SpanishText.count(t.unchanged, "ítem sin cambios", "ítems sin cambios"))") }
        if t.quarantined > 0 { parts.append("\(SpanishText.count(t.quarantined, "ítem retenido", "ítems retenidos")) en cuarentena") }
        if t.keptInInbox > 0 { parts.append("\(SpanishText.count(t.keptInInbox, "ítem sigue", "ítems siguen")) en la bandeja") }
        if t.failed > 0 { parts.append("\(SpanishText.count(t.failed, "ítem no se pudo", "ítems no se pudieron")) archivar esta vez") }
        if parts.isEmpty { return "No se archivó nada." }
        return SpanishText.sentences(SpanishText.list(parts) + "; \(SpanishText.count(t.pages, "página", "páginas")) en total")
    }
}
