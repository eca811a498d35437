import Foundation

/// What happened to one batch: written as JSON (for scripts) and HTML (for people) in reports/.
public struct BatchReport: Codable, Sendable {
    public struct ItemResult: Codable, Sendable {
        /// archived (new object), new-version, unchanged, held-back, failed.
        public var outcome: String
        public var id: String
        public var version: String?
        public var pages: Int
        public var bytesWritten: Int64
        public var formats: [String]
        public var reason: String?
        public var warnings: [String]
    }

    public struct QuarantinedFile: Codable, Sendable {
        public var itemID: String?
        public var originalPath: String
        public var quarantinePath: String
        public var code: String
        public var reason: String
    }

    public struct Totals: Codable, Sendable {
        public var itemsArchived = 0
        public var newVersions = 0
        public var unchanged = 0
        public var heldBack = 0
        public var failed = 0
        public var pages = 0
        public var bytesRead: Int64 = 0
        public var bytesWritten: Int64 = 0
        public var filesQuarantined = 0
    }

    public var fonds: String
    public var batch: String
    /// done, held (batch left in the inbox), not-ready.
    public var status: String
    public var statusReason: String?
    public var startedAt: String
    public var finishedAt: String
    public var durationSeconds: Double
    public var operatorName: String
    public var software: String
    public var metadataEncoding: String?
    public var ignoredColumns: [String] = []
    public var notes: [String] = []
    public var items: [ItemResult] = []
    public var quarantined: [QuarantinedFile] = []
    public var ignoredFiles: [String] = []
    public var totals = Totals()
    /// Pages validated and derived per second, and MB read per second, over the batch's wall time.
    public var pagesPerSecond: Double = 0
    public var megabytesPerSecond: Double = 0

    public var hasProblems: Bool { status != "done" || totals.heldBack > 0 || totals.failed > 0 || totals.filesQuarantined > 0 }

    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    public func html() -> String {
        let outcomeNames = ["archived": "archivado", "new-version": "nueva versión", "unchanged": "ya archivado, sin cambios",
                            "held-back": "retenido (cuarentena)", "failed": "no archivado (error)"]
        var body: [HTMLNode] = [
            .el("h1", "Informe de lote: \(fonds)/\(batch)"),
            .el("p", [], [.text("Estado: "), .el("strong", [("class", hasProblems ? "warn" : "ok")], [.text(status == "done" ? "procesado" : status)]),
                          .text(statusReason.map { " — \($0)" } ?? "")]),
            .el("p", "Inicio \(startedAt) · fin \(finishedAt) · \(String(format: "%.1f", durationSeconds)) s · \(String(format: "%.2f", pagesPerSecond)) páginas/s · \(String(format: "%.1f", megabytesPerSecond)) MB/s · operador: \(operatorName) · \(software)"),
            .el("table", [], [
                .el("tr", [], ["Ítems archivados", "Nuevas versiones", "Sin cambios", "Retenidos", "Con error", "Páginas", "Bytes escritos", "Archivos en cuarentena"].map { .el("th", $0) }),
                .el("tr", [], [totals.itemsArchived, totals.newVersions, totals.unchanged, totals.heldBack, totals.failed, totals.pages,
                               Int(totals.bytesWritten), totals.filesQuarantined].map { .el("td", String($0)) }),
            ]),
        ]
        if !items.isEmpty {
            body.append(.el("h2", "Ítems"))
            body.append(.el("table", [], [.el("tr", [], ["Ítem", "Resultado", "Versión", "Páginas", "Formatos", "Motivo / avisos"].map { .el("th", $0) })]
                + items.map { item in
                    .el("tr", [], [
                        .el("td", [], [.el("code", item.id)]),
                        .el("td", [("class", ["held-back", "failed"].contains(item.outcome) ? "bad" : "ok")], [.text(outcomeNames[item.outcome] ?? item.outcome)]),
                        .el("td", item.version ?? ""), .el("td", String(item.pages)), .el("td", item.formats.joined(separator: ", ")),
                        .el("td", ([item.reason].compactMap { $0 } + item.warnings).joined(separator: " · ")),
                    ])
                }))
        }
        if !quarantined.isEmpty {
            body.append(.el("h2", "Archivos en cuarentena"))
            body.append(.el("table", [], [.el("tr", [], ["Archivo", "Ítem", "Motivo", "Qué pasó y qué hacer"].map { .el("th", $0) })]
                + quarantined.map { q in
                    .el("tr", [], [.el("td", [], [.el("code", q.quarantinePath)]), .el("td", q.itemID ?? ""), .el("td", q.code), .el("td", q.reason)])
                }))
        }
        if !notes.isEmpty || !ignoredColumns.isEmpty || !ignoredFiles.isEmpty {
            body.append(.el("h2", "Notas"))
            body.append(.el("ul", [], (notes + ignoredColumns.map { "Columna ignorada en metadata.csv: \($0)" }
                + ignoredFiles.map { "Archivo de sistema ignorado: \($0)" }).map { .el("li", $0) }))
        }
        return HTMLNode.page(title: "Informe de lote \(fonds)/\(batch)", body: body)
    }

    /// Writes both files into `folder`; returns the JSON's path.
    public func write(to folder: URL, stamp: String) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let safe = stamp.replacingOccurrences(of: ":", with: "")
        let url = folder.appendingPathComponent("informe-\(safe).json")
        try json().write(to: url)
        try Data(html().utf8).write(to: folder.appendingPathComponent("informe-\(safe).html"))
        return url
    }
}
