import Preservation
import Support

/// The replicas' section of the audit report: one heading per replica, its figures, and a table of
/// its problems and differences from the archive.
enum ReplicaAuditHTML {
    static func section(_ replicas: [ReplicaAudit.Result]) -> [HTMLNode] {
        guard !replicas.isEmpty else { return [] }
        var body: [HTMLNode] = [.el("h2", "Réplicas")]
        for replica in replicas {
            body.append(.el("h3", "Réplica «\(replica.name)» (\(replica.path))"))
            if let failure = replica.failure {
                body.append(.el("p", [], [.el("strong", [("class", "bad")], [.text("No se pudo auditar")]), .text(": \(failure)")]))
                continue
            }
            let ok = !replica.needsAttention
            body.append(.el("p", [], [.el("strong", [("class", ok ? "ok" : "bad")], [.text(ok ? "Igual al archivo" : "Necesita atención")]),
                                      .text(" · \(SpanishText.count(replica.objectsChecked, "objeto", "objetos")) · \(SpanishText.count(replica.filesChecked, "archivo", "archivos")) · \(SpanishText.bytes(replica.bytesChecked))")]))
            let rows: [HTMLNode] = replica.problems.map { row($0.objectID, $0.kind.label, $0.path, $0.message) }
                + replica.differences.map { row($0.objectID, $0.kind.label, $0.path, $0.message) }
            if !rows.isEmpty {
                body.append(.el("table", [], [.el("tr", [], ["Objeto", "Problema", "Archivo", "Qué hacer"].map { .el("th", $0) })] + rows))
            }
        }
        return body
    }

    private static func row(_ id: String, _ kind: String, _ path: String, _ message: String) -> HTMLNode {
        .el("tr", [], [.el("td", id), .el("td", [("class", "bad")], [.text(kind)]), .el("td", [], [.el("code", path)]), .el("td", message)])
    }
}

extension ReplicaDifference.Kind {
    /// Spanish, for reports.
    var label: String {
        switch self {
        case .missingObject: return "falta en la réplica"
        case .missingVersions: return "versiones sin copiar"
        case .diverged: return "distinto del archivo"
        case .extraObject: return "solo en la réplica"
        case .missingLogs: return "registros sin copiar"
        case .differentLog: return "registro distinto"
        }
    }
}
