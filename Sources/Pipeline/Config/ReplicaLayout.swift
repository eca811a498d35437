import Foundation
import Support

/// Checks of `replicas:` that the schema cannot express: unique names, and a replica that is not the
/// archive, not inside it or the inbox, does not hold the archive, is not another replica, and has its
/// staging folder on its own disk (checked when both exist).
enum ReplicaLayout {
    static func problems(_ replicas: [PipelineConfig.Replica], paths: PipelineConfig.Paths, lines: [Int?], file: String) -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        func problem(_ index: Int, _ key: String, _ message: String) {
            problems.append(ConfigProblem(file: file, line: index < lines.count ? lines[index] : nil, keyPath: "replicas[\(index)].\(key)",
                                          place: "\(key) de la \(SpanishText.ordinal(index + 1, feminine: true)) réplica («\(replicas[index].name)»)",
                                          message: message))
        }
        func inside(_ inner: String, _ outer: String) -> Bool { !outer.isEmpty && (inner == outer || inner.hasPrefix(outer + "/")) }
        var names: [String: Int] = [:], folders: [String: Int] = [:]
        for (index, replica) in replicas.enumerated() {
            if let other = names[replica.name] {
                problem(index, "name", "«\(replica.name)» ya es el nombre de la \(SpanishText.ordinal(other + 1, feminine: true)) réplica; cada réplica necesita un nombre propio")
            }
            names[replica.name] = index
            if let other = folders[replica.path] {
                problem(index, "path", "es la misma carpeta que la \(SpanishText.ordinal(other + 1, feminine: true)) réplica; cada réplica necesita su propia carpeta")
            }
            folders[replica.path] = index
            if inside(replica.path, paths.archive) {
                problem(index, "path", "la réplica es el archivo (paths.archive) o está dentro de él; póngala en otro disco")
            } else if inside(paths.archive, replica.path) {
                problem(index, "path", "la carpeta de la réplica contiene el archivo (paths.archive); use una carpeta propia para la réplica")
            }
            if inside(replica.path, paths.inbox) {
                problem(index, "path", "la réplica está dentro de la bandeja (paths.inbox) y se tomaría por un depósito; póngala fuera")
            }
            if !replica.staging.isEmpty {
                if inside(replica.staging, replica.path) {
                    problem(index, "staging", "la carpeta de preparación está dentro de la réplica, que solo guarda objetos OCFL; póngala al lado")
                }
                var replicaInfo = stat(), stagingInfo = stat()
                if stat(replica.path, &replicaInfo) == 0, stat(replica.staging, &stagingInfo) == 0, replicaInfo.st_dev != stagingInfo.st_dev {
                    problem(index, "staging", "la carpeta de preparación está en otro disco que la réplica; las versiones solo se ponen en su lugar con seguridad en el mismo disco")
                }
            }
        }
        return problems
    }
}
