import Foundation
import Preservation
import Support

/// The replicas' lines of `memoria status`: for each replica of pipeline.yaml, whether it is there and
/// how far it is behind the archive (objects, versions and log files it lacks; when the oldest missing
/// version was made). Reads only inventories' sidecars, and the inventories of objects behind.
public struct ReplicaStatus: Codable, Sendable {
    public var name: String
    public var path: String
    /// "al-dia", "atrasada", "sin-iniciar", "no-disponible".
    public var state: String
    public var lag: ReplicaLag?

    static func all(_ context: StageContext, ids: [String]) -> [ReplicaStatus] {
        context.config.replicas.map { replica in
            let root = URL(fileURLWithPath: replica.path)
            var status = ReplicaStatus(name: replica.name, path: context.displayPath(replica.path), state: "no-disponible")
            guard FileManager.default.fileExists(atPath: root.path) else { return status }
            guard ReplicaComparison.isStorageRoot(root) else {
                status.state = "sin-iniciar"
                return status
            }
            let lag = ReplicaComparison(primary: context.config.url(\.archive), replica: root).lag(ids)
            status.lag = lag
            status.state = lag.isUpToDate ? "al-dia" : "atrasada"
            return status
        }
    }

    func line(timeZone: TimeZone) -> String {
        let head = "  \(name) (\(path)): "
        switch state {
        case "no-disponible": return head + "NO DISPONIBLE: la carpeta no existe (¿disco o unidad de red sin montar?)"
        case "sin-iniciar": return head + "vacía; ejecute memoria replicar"
        default:
            guard let lag, !lag.isUpToDate else { return head + "al día (\(SpanishText.count(lag?.objects ?? 0, "objeto", "objetos")))" }
            var parts = [SpanishText.count(lag.objectsBehind, "objeto atrasado", "objetos atrasados")]
            if lag.versionsBehind > 0 { parts.append(SpanishText.count(lag.versionsBehind, "versión sin copiar", "versiones sin copiar")) }
            if lag.logsBehind > 0 { parts.append(SpanishText.count(lag.logsBehind, "registro sin copiar", "registros sin copiar")) }
            let oldest = lag.oldestMissingVersion.map { "; la versión más antigua sin copiar es del \(Timestamp.forPeople(record: $0, timeZone: timeZone))" } ?? ""
            return head + SpanishText.list(parts) + oldest + ". Ejecute memoria replicar"
        }
    }
}
