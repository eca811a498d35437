import Foundation
import Preservation
import Support

/// The replicas' part of `memoria verify`: each replica of pipeline.yaml is audited as the archive is
/// (FixityAuditor on the same objects: missing, changed and stray files, inventories), and compared
/// with the archive (objects or versions it lacks, versions or logs that differ, objects the archive
/// does not have). Writes nothing, on the replicas or in the archive: the results go to the audit
/// report and the terminal.
struct ReplicaAudit {
    struct Result: Codable, Sendable {
        var name: String
        var path: String
        var objectsChecked = 0
        var filesChecked = 0
        var bytesChecked: Int64 = 0
        var problems: [FixityAuditor.Problem] = []
        var differences: [ReplicaDifference] = []
        /// Spanish: why the replica could not be audited (absent, never copied).
        var failure: String?

        /// Damage or a real difference; a replica that only lags behind (copies not yet made) is said, not alarmed.
        var needsAttention: Bool { failure != nil || !problems.isEmpty || differences.contains { !$0.isLag } }

        var linesForPeople: [String] {
            if let failure { return ["Réplica «\(name)» (\(path)): NO SE PUDO AUDITAR: \(failure)"] }
            var lines = ["Réplica «\(name)» (\(path)): \(SpanishText.count(objectsChecked, "objeto", "objetos")), \(SpanishText.count(filesChecked, "archivo", "archivos")), \(SpanishText.bytes(bytesChecked))"
                         + (differences.isEmpty && problems.isEmpty ? "; igual al archivo." : "")]
            lines += problems.map { "  PROBLEMA EN LA RÉPLICA (\($0.kind.label)): \($0.message)" }
            lines += differences.filter { !$0.isLag }.map { "  DIFERENCIA: \($0.message)" }
            let lag = differences.filter(\.isLag)
            lines += lag.prefix(10).map { "  atrasada: \($0.message)" }
            if lag.count > 10 { lines.append("  atrasada: \(SpanishText.count(lag.count - 10, "objeto más", "objetos más")) (el informe los lista)") }
            return lines
        }
    }

    let context: StageContext

    /// Audits `ids` on every replica; `wholeArchive` also looks for objects only the replica has.
    func run(ids: [String], allIDs: [String], wholeArchive: Bool) async -> [Result] {
        var results: [Result] = []
        let primary = context.config.url(\.archive)
        for replica in context.config.replicas {
            var result = Result(name: replica.name, path: context.displayPath(replica.path))
            let root = URL(fileURLWithPath: replica.path)
            guard ReplicaComparison.isStorageRoot(root), let storage = try? OCFLStorageRoot(root: root) else {
                result.failure = FileManager.default.fileExists(atPath: root.path)
                    ? "la carpeta no tiene todavía una copia del archivo; ejecute memoria replicar"
                    : "la carpeta no existe (¿el disco o la unidad de red no está montado?); móntela y vuelva a ejecutar"
                results.append(result)
                continue
            }
            let comparison = ReplicaComparison(primary: primary, replica: root)
            let present = ids.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
            let audits = await audit(present, storage: storage, stage: "verificación de la réplica \(replica.name)")
            result.objectsChecked = audits.count
            result.filesChecked = audits.reduce(0) { $0 + $1.filesChecked }
            result.bytesChecked = audits.reduce(0) { $0 + $1.bytesChecked }
            result.problems = audits.flatMap(\.problems).map { problem in
                var shown = problem
                shown.message = "\(problem.objectID)/\(problem.path) en la réplica: \(problem.kind.label); apártela y cópiela de nuevo con memoria replicar --rehacer \(problem.objectID)"
                return shown
            }
            result.differences = ids.flatMap { comparison.differences($0) }
                + (wholeArchive ? comparison.extraObjects(primaryIDs: allIDs) : [])
            results.append(result)
        }
        return results
    }

    private func audit(_ ids: [String], storage: OCFLStorageRoot, stage: String) async -> [FixityAuditor.ObjectResult] {
        let auditor = FixityAuditor(storage: storage)
        let reporter = context.reporter
        reporter.emit(.began(stage: stage, total: ids.count, unit: .objects))
        var results: [FixityAuditor.ObjectResult] = []
        await withTaskGroup(of: FixityAuditor.ObjectResult.self) { group in
            var next = 0
            while next < min(context.config.workerCount, ids.count) {
                let id = ids[next]
                group.addTask { auditor.audit(id) }
                next += 1
            }
            while let result = await group.next() {
                results.append(result)
                reporter.emit(.advanced(stage: stage, done: results.count, total: ids.count, detail: result.objectID))
                if next < ids.count {
                    let id = ids[next]
                    group.addTask { auditor.audit(id) }
                    next += 1
                }
            }
        }
        reporter.emit(.finished(stage: stage))
        return results.sorted { $0.objectID < $1.objectID }
    }
}
