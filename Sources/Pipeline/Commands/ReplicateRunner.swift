import Foundation
import Preservation
import Support

/// `memoria replicar`: brings every replica of pipeline.yaml (or those named) up to date with the
/// archive, one object group at a time (ObjectReplicator: staged, made durable, read back and
/// checked, renamed into place). Holds the ingest lock, so the archive does not change meanwhile.
/// With `rebuild`, the replica's copies of those objects are first set aside (never deleted) and
/// copied afresh. Never changes the archive.
public struct ReplicateRunner {
    public struct ReplicaSummary: Codable, Sendable {
        public var name: String
        /// The replica's folder, as configured (it is outside the deployment's folders).
        public var path: String
        public var objects = 0
        public var alreadyUpToDate = 0
        public var objectsCopied = 0
        public var versionsCopied = 0
        public var logsCopied = 0
        public var bytesCopied: Int64 = 0
        public var seconds = 0.0
        public var problems: [ReplicaProblem] = []
        /// Objects set aside for a fresh copy, and where they went.
        public var setAside: [String] = []
        /// Spanish: why this replica could not be brought up to date at all (absent, disk full...).
        public var failure: String?
        /// The replica is on the archive's own disk.
        public var sharesDisk = false
    }

    public struct Summary: Codable, Sendable {
        public var replicas: [ReplicaSummary]
        public var needsAttention: Bool { replicas.contains { !$0.problems.isEmpty } }
        /// A replica could not be reached or its disk failed (exit code 2).
        public var aborted: Bool { replicas.contains { $0.failure != nil } }

        public var linesForPeople: [String] {
            var lines: [String] = []
            for replica in replicas {
                let head = "Réplica «\(replica.name)» (\(replica.path))"
                if let failure = replica.failure {
                    lines.append("\(head): NO SE PUDO PONER AL DÍA: \(failure)")
                    continue
                }
                let copied = replica.objectsCopied == 0 ? "nada que copiar"
                    : "\(SpanishText.count(replica.objectsCopied, "objeto copiado", "objetos copiados")) (\(SpanishText.count(replica.versionsCopied, "versión", "versiones")), \(SpanishText.count(replica.logsCopied, "registro", "registros")), \(SpanishText.bytes(replica.bytesCopied)))"
                lines.append("\(head): \(copied); \(SpanishText.count(replica.alreadyUpToDate, "objeto ya estaba", "objetos ya estaban")) al día; \(SpanishText.duration(replica.seconds)).")
                lines += replica.setAside.map { "  apartado para copiarlo de nuevo: \($0)" }
                lines += replica.problems.map { "  PROBLEMA (\($0.kind.label)): \($0.message)" }
                if replica.sharesDisk {
                    lines.append("  aviso: la réplica está en el mismo disco que el archivo; protege de errores, no de la pérdida del disco. Póngala en otro disco o en otro lugar")
                }
            }
            if replicas.isEmpty { lines.append("No hay réplicas en pipeline.yaml (replicas:).") }
            else if !needsAttention && !aborted { lines.append(replicas.count == 1 ? "La réplica está al día." : "Las \(replicas.count) réplicas están al día.") }
            return lines
        }
    }

    /// Objects copied per durable group (one syncfs before and one after its renames).
    static let groupSize = 64

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public func run(names: [String] = [], rebuild: [String] = []) async throws -> Summary {
        let config = context.config
        guard !config.replicas.isEmpty else {
            throw PipelineError.usage("No hay réplicas en pipeline.yaml: añada la lista replicas: con el nombre y la carpeta de cada una (el archivo pipeline.yaml trae un ejemplo comentado)")
        }
        let unknown = names.filter { name in !config.replicas.contains { $0.name == name } }
        if !unknown.isEmpty {
            throw PipelineError.usage("No hay ninguna réplica llamada \(SpanishText.list(unknown.map { "«\($0)»" })) en pipeline.yaml (réplicas: \(SpanishText.list(config.replicas.map(\.name))))")
        }
        let lock = try IngestLock(folder: config.url(\.staging), display: context.displayPaths)
        defer { withExtendedLifetime(lock) {} }
        let primary = try context.openStorage()
        let ids = primary.objectIdentifiers()
        let unknownItems = rebuild.filter { !ids.contains($0) }
        if !unknownItems.isEmpty {
            throw PipelineError.notFound("No está en el archivo: \(SpanishText.list(unknownItems)). Revise el identificador (memoria search lo encuentra)")
        }
        var summaries: [ReplicaSummary] = []
        for replica in config.replicas where names.isEmpty || names.contains(replica.name) {
            summaries.append(await copy(to: replica, primary: primary, ids: ids, rebuild: rebuild))
        }
        return Summary(replicas: summaries)
    }

    /// One replica brought up to date, timed (a `defer` would set the time after the summary is returned).
    private func copy(to replica: PipelineConfig.Replica, primary: OCFLStorageRoot, ids: [String], rebuild: [String]) async -> ReplicaSummary {
        let started = Date()
        var summary = await copyObjects(to: replica, primary: primary, ids: ids, rebuild: rebuild)
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    private func copyObjects(to replica: PipelineConfig.Replica, primary: OCFLStorageRoot, ids: [String], rebuild: [String]) async -> ReplicaSummary {
        var summary = ReplicaSummary(name: replica.name, path: context.displayPath(replica.path), objects: ids.count)
        let root: ReplicaRoot
        do {
            root = try ReplicaRoot(root: URL(fileURLWithPath: replica.path),
                                   staging: replica.staging.isEmpty ? nil : URL(fileURLWithPath: replica.staging), primary: primary)
            summary.sharesDisk = root.sharesDisk(with: primary)
            root.removeStaleStaging()
            let stamp = Timestamp.fileStamp(context.clock(), timeZone: context.timeZone)
            for id in rebuild {
                if let place = try root.setAside(id, stamp: stamp) { summary.setAside.append("\(id) → \(place.path)") }
            }
        } catch {
            summary.failure = context.displayPaths.scrub(error.messageForPeople)
            return summary
        }
        let replicator = ObjectReplicator(primary: primary, replica: root)
        let pending = ids.filter { !replicator.isUpToDate($0) }
        summary.alreadyUpToDate = ids.count - pending.count
        let groups = stride(from: 0, to: pending.count, by: Self.groupSize).map { Array(pending[$0..<min($0 + Self.groupSize, pending.count)]) }
        let stage = "réplica \(replica.name)"
        let reporter = context.reporter
        reporter.emit(.began(stage: stage, total: pending.count, unit: .objects))
        var results: [ObjectReplication] = []
        do {
            try await withThrowingTaskGroup(of: [ObjectReplication].self) { group in
                var next = 0
                func add() {
                    let ids = groups[next]
                    group.addTask { try replicator.replicate(ids) }
                    next += 1
                }
                while next < min(context.config.workerCount, groups.count) { add() }
                while let done = try await group.next() {
                    results += done
                    reporter.emit(.advanced(stage: stage, done: results.count, total: pending.count, detail: done.last?.objectID ?? ""))
                    if next < groups.count { add() }
                }
            }
        } catch {
            summary.failure = (error as? ReplicationError)?.messageForPeople ?? SystemErrorText.describe(error).spanish
        }
        reporter.emit(.finished(stage: stage))
        for result in results.sorted(by: { $0.objectID < $1.objectID }) {
            if let problem = result.problem { summary.problems.append(problem); continue }
            if !result.versionsCopied.isEmpty || result.logsCopied > 0 { summary.objectsCopied += 1 }
            summary.versionsCopied += result.versionsCopied.count
            summary.logsCopied += result.logsCopied
            summary.bytesCopied += result.bytesCopied
        }
        summary.problems = summary.problems.map { problem in
            var shown = problem
            shown.message = context.displayPaths.scrub(problem.message)
            return shown
        }
        return summary
    }
}
