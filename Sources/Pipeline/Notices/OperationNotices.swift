import Foundation
import Preservation
import Support

/// The notices of the work that follows a batch: a publish that failed (the public site keeps its
/// previous state) and replicas that could not be brought up to date. Like the batch and audit
/// notices: what happened, how many, what to do, where to look.
extension NoticeComposer {
    /// `message` is the Spanish reason the publish gave.
    func publishFailed(_ message: String) -> Notice {
        return notice(.publishFailed, "Memoria: no se pudo publicar el sitio",
                      ["La publicación del sitio no se completó: \(message)",
                       "El sitio público sigue como estaba antes: no quedó a medias. Lo archivado está a salvo; solo falta mostrarlo.",
                       "Qué hacer: resuelva lo que dice el motivo (disco, permisos) y ejecute memoria publish; el servicio lo intenta de nuevo en la siguiente vuelta."],
                      batch: nil, counts: [:], report: nil)
    }

    /// A notice when a replica could not be reached or written, or left objects with problems; none when all went well.
    func replication(_ summary: ReplicateRunner.Summary) -> Notice? {
        let failed = summary.replicas.filter { $0.failure != nil }
        let troubled = summary.replicas.filter { $0.failure == nil && !$0.problems.isEmpty }
        guard !failed.isEmpty || !troubled.isEmpty else { return nil }
        var lines: [String] = []
        for replica in failed {
            let why = (replica.failure ?? "").trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            lines.append("La réplica «\(replica.name)» (\(replica.path)) no se pudo poner al día: \(why).")
        }
        for replica in troubled {
            lines.append("La réplica «\(replica.name)» (\(replica.path)) quedó con \(SpanishText.count(replica.problems.count, "objeto sin copiar", "objetos sin copiar")) por un problema:")
            lines += replica.problems.prefix(5).map { "- \($0.kind.label): \($0.message)" }
            if replica.problems.count > 5 { lines.append("- y \(SpanishText.count(replica.problems.count - 5, "problema más", "problemas más")) (memoria replicar los lista)") }
        }
        lines.append("Mientras tanto esa copia está atrasada: protege lo que ya tenía, no lo nuevo. El archivo no cambió.")
        lines.append("Qué hacer: monte o revise el disco de la réplica y ejecute memoria replicar; memoria status muestra el atraso de cada réplica y memoria verify la audita.")
        let subject = failed.isEmpty
            ? "Memoria: la réplica \(SpanishText.list(troubled.map { "«\($0.name)»" })) tiene problemas"
            : "Memoria: no se pudo poner al día la réplica \(SpanishText.list(failed.map { "«\($0.name)»" }))"
        return notice(.replicationProblem, subject, lines, batch: nil,
                      counts: ["replicas": summary.replicas.count, "replicasFailed": failed.count,
                               "objectsWithProblems": troubled.reduce(0) { $0 + $1.problems.count },
                               "objectsCopied": summary.replicas.reduce(0) { $0 + $1.objectsCopied }],
                      report: nil)
    }
}

extension NoticeCenter {
    /// Queues the notice of a failed publish; returns Spanish problems when the spool cannot be written.
    public func queue(publishFailure message: String) -> [String] {
        queue([NoticeComposer(context: context).publishFailed(message)])
    }

    /// Queues the notice of a replication that failed or left problems (nothing when all went well).
    public func queue(replication summary: ReplicateRunner.Summary) -> [String] {
        queue([NoticeComposer(context: context).replication(summary)].compactMap { $0 })
    }
}
