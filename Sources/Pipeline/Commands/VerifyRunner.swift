import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// `memoria verify`: audits the fixity of the archive (all objects, a fonds, an item, or a sample),
/// checks each object's METS against its inventory and the archive against the catalog, records a
/// PREMIS "fixity check" event per object (in its logs/ and the catalog), and writes a JSON + HTML report.
public struct VerifyRunner {
    public struct Summary: Codable, Sendable {
        public var objectsChecked: Int
        public var filesChecked: Int
        public var bytesChecked: Int64
        public var seconds: Double
        public var megabytesPerSecond: Double
        public var problems: [FixityAuditor.Problem]
        /// Spanish: what the curator must know besides the problems (e.g. the catalog was not updated).
        public var warnings: [String] = []
        /// The audit report (JSON), shown relative.
        public var report: String
        /// Each replica's audit and its differences from the archive (ReplicaAudit).
        var replicas: [ReplicaAudit.Result] = []
        /// True when a fixity problem was found (in the archive or a replica), a replica differs, or the events could not be recorded.
        public var needsAttention: Bool { !problems.isEmpty || !warnings.isEmpty || replicas.contains { $0.needsAttention } }

        /// What the terminal shows, in Spanish.
        public var linesForPeople: [String] {
            var lines = ["\(SpanishText.count(objectsChecked, "objeto", "objetos")), \(SpanishText.count(filesChecked, "archivo", "archivos")), \(SpanishText.bytes(bytesChecked)) en \(SpanishText.duration(seconds)) (\(SpanishText.decimal(megabytesPerSecond, digits: 0)) MB/s)"]
            lines += problems.map { "PROBLEMA (\($0.kind.label)): \($0.message)" }
            lines += warnings.map { "aviso: \($0)" }
            lines.append(problems.isEmpty ? "Fijeza correcta." : "\(SpanishText.count(problems.count, "problema", "problemas")). Informe: \(report)")
            lines += replicas.flatMap(\.linesForPeople)
            if replicas.contains(where: \.needsAttention) { lines.append("Las réplicas necesitan atención. Informe: \(report)") }
            return lines
        }
    }

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public func run(fonds: [String] = [], items: [String] = [], samplePercent: Double? = nil) async throws -> Summary {
        let config = context.config
        let storage = try context.openStorage()
        // A sample of the whole archive lists the folders by name only (no stat per object: at 100,000
        // objects that stat was most of a one-percent audit); each object it draws is audited whole,
        // its declaration included, and the whole audit still proves every declaration.
        let sampling = samplePercent != nil && items.isEmpty
        var ids = sampling ? storage.objectFolderNames() : storage.objectIdentifiers()
        let allIDs = ids
        if !items.isEmpty {
            let unknown = items.filter { !ids.contains($0) }
            if !unknown.isEmpty { throw PipelineError.notFound("No está en el archivo: \(SpanishText.list(unknown)). Revise el identificador (memoria search lo encuentra)") }
            ids = items
        }
        let catalog = try context.openCatalog()
        if !fonds.isEmpty {
            let codes = try context.fondsCodes(fonds)
            let inFonds = Set(try codes.flatMap { try catalog.itemIDs(fondsCode: $0) })
            ids = ids.filter { inFonds.contains($0) }
        }
        if let percent = samplePercent {
            // A different sample every day, reproducible within the day.
            ids = VerifySample.choose(from: ids, percent: percent, day: String(context.timestamp().prefix(10)))
            // Drawn from folder names: a folder that holds no object declaration is audited only when
            // the catalog knows it (its declaration is then reported missing); any other is not an object.
            if sampling {
                ids = try ids.filter { id in try storage.objectExists(id) || catalog.item(id) != nil }
            }
        }

        let auditor = FixityAuditor(storage: storage)
        let started = Date(), clockStarted = context.clock()
        let bytes = ByteCounter()
        let reporter = context.reporter
        let total = ids.count
        reporter.emit(.began(stage: "verificación", total: total, unit: .objects))
        let width = config.workerCount
        // Each audited object's METS against its inventory (in the object's own result, so its event says
        // it), as soon as its audit is done, from the inventory and METS bytes the audit read.
        let census = ArchiveCensus(storage: storage, catalog: catalog,
                                   reader: ArchiveReader(storage: storage, ocrWordConfidenceFloor: config.text.ocrWordConfidenceFloor))
        let keeping: Set<String> = [ArchiveCensus.metsPath]
        var results: [FixityAuditor.ObjectResult] = []
        await withTaskGroup(of: FixityAuditor.AuditedObject.self) { group in
            var next = 0
            while next < min(width, ids.count) {
                let id = ids[next]
                group.addTask { auditor.audit(id, keeping: keeping) { bytes.add($0) } }
                next += 1
            }
            while let audited = await group.next() {
                if next < ids.count {
                    let id = ids[next]
                    group.addTask { auditor.audit(id, keeping: keeping) { bytes.add($0) } }
                    next += 1
                }
                var result = audited.result
                if result.problems.allSatisfy({ $0.kind != .inventory }) {
                    result.problems += census.metsProblems(result.objectID, audited: audited)
                }
                results.append(result)
                let elapsed = max(0.001, Date().timeIntervalSince(started))
                reporter.emit(.advanced(stage: "verificación", done: results.count, total: total,
                                        detail: "\(result.objectID) · \(SpanishText.decimal(Double(bytes.value) / 1e6 / elapsed, digits: 0)) MB/s"))
            }
        }
        reporter.emit(.finished(stage: "verificación"))
        results.sort { $0.objectID < $1.objectID }
        // The archive against the catalog (when the whole archive is audited, sampled or not).
        var archiveProblems: [FixityAuditor.Problem] = []
        if items.isEmpty && fonds.isEmpty {
            do {
                // A sample: the listing it was drawn from (the census looks again for any object it
                // would call missing, and for the declaration of any it would call uncatalogued). A
                // whole audit lists again at its end, so that an object removed while it ran is noticed.
                let found = try census.objectsProblems(onDisk: samplePercent == nil ? storage.objectIdentifiers() : allIDs)
                archiveProblems = found.problems
                if !found.missing.isEmpty { try catalog.markMissing(found.missing, since: context.timestamp()) }
            } catch {
                throw PipelineError.environment("No se pudo comparar el archivo con el catálogo: \(SystemErrorText.describe(error).spanish). Ejecute memoria reindex",
                                                detail: "\(error)")
            }
        }
        let seconds = context.clock().timeIntervalSince(clockStarted)

        // The replicas, before this audit's own log files are written (they are copied by the next memoria replicar).
        let replicas = await ReplicaAudit(context: context).run(ids: ids, allIDs: allIDs,
                                                                wholeArchive: fonds.isEmpty && items.isEmpty && samplePercent == nil)

        // One fixity-check event per object (in the catalog: the archive is never changed in place),
        // all in one transaction. The identifier is the object, the audit's time and "fixity".
        let now = context.timestamp()
        var events = results.map { result in
            (event: PremisEvent(identifier: "\(result.objectID)/fixity/\(now)", type: .fixityCheck, dateTime: now,
                                detail: "auditoría de fijeza: \(SpanishText.count(result.filesChecked, "archivo", "archivos")), \(SpanishText.number(result.bytesChecked)) bytes",
                                outcome: result.problems.isEmpty ? .success : .failure,
                                outcomeDetail: result.problems.map(\.message).joined(separator: "; "),
                                agents: context.eventAgents, objects: [result.objectID]),
             itemID: result.objectID)
        }
        var warnings: [String] = []
        // Each object's check in its own logs/ (the archive keeps its audit history), then the catalog.
        let log = ArchiveEventLog(storage: storage, quarantine: QuarantineStore(root: config.url(\.quarantine)))
        var unlogged: [String] = []
        var staged: [(index: Int, event: PremisEvent, log: ObjectLogs.StagedLog)] = []
        for index in events.indices where storage.objectExists(events[index].itemID) {
            do {
                let written = try log.stageFixity(events[index].event, objectID: events[index].itemID)
                staged.append((index, written.event, written.staged))
            } catch { unlogged.append(events[index].itemID) }
            CrashPoints.pass("audit event staged in the object's logs")
        }
        // Every object's record durable and in place at once (two syncs of the file system, not two
        // fsyncs per object); a kill before leaves only hidden temporary files, which readers skip.
        do {
            try log.commit(staged.map { $0.log })
            for entry in staged { events[entry.index].event = entry.event }
            CrashPoints.pass("audit events in the objects' logs")
        } catch {
            unlogged += staged.map { events[$0.index].itemID }
        }
        if !unlogged.isEmpty {
            warnings.append("el registro de esta auditoría no se pudo escribir en logs/ de \(SpanishText.list(Array(unlogged.prefix(5))))\(unlogged.count > 5 ? "…" : ""); revise el disco del archivo")
        }
        do {
            try catalog.record(events)
            CrashPoints.pass("audit events in the catalog, report not yet written")
        } catch {
            warnings.append("los eventos de esta auditoría no se pudieron registrar en el catálogo (\(SystemErrorText.describe(error).spanish)); el informe sí se escribió")
        }
        var summary = Summary(objectsChecked: results.count, filesChecked: results.reduce(0) { $0 + $1.filesChecked },
                              bytesChecked: results.reduce(0) { $0 + $1.bytesChecked }, seconds: seconds,
                              megabytesPerSecond: seconds > 0 ? Double(bytes.value) / 1e6 / seconds : 0,
                              problems: (archiveProblems + results.flatMap(\.problems)).map { problem in
                                  var shown = problem
                                  shown.message = context.displayPaths.scrub(problem.message)
                                  return shown
                              }, warnings: warnings, report: "")
        summary.replicas = replicas
        summary.report = context.displayPath(try AuditReport.write(summary, results: results, context: context).path)
        return summary
    }
}

final class ByteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var total: Int64 = 0
    func add(_ n: Int64) { lock.lock(); total += n; lock.unlock() }
    var value: Int64 { lock.lock(); defer { lock.unlock() }; return total }
}

enum AuditReport {
    static func write(_ summary: VerifyRunner.Summary, results: [FixityAuditor.ObjectResult], context: StageContext) throws -> URL {
        let files = ReportFiles(folder: context.config.url(\.reports).appendingPathComponent("auditorias"), prefix: "auditoria",
                                timeZone: context.timeZone)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        struct Document: Encodable { var summary: VerifyRunner.Summary; var objects: [FixityAuditor.ObjectResult] }
        let json = try encoder.encode(Document(summary: summary, objects: results))
        return try files.write(stem: files.stem(started: context.clock()), json: json, html: html(summary, at: context.clock(), timeZone: context.timeZone))
    }

    static func html(_ summary: VerifyRunner.Summary, at date: Date, timeZone: TimeZone) -> String {
        var body: [HTMLNode] = [
            .el("h1", "Auditoría de fijeza"),
            .el("p", "Fecha: \(Timestamp.forPeople(date, timeZone: timeZone))"),
            .el("p", [], [.el("strong", [("class", summary.problems.isEmpty ? "ok" : "bad")],
                               [.text(summary.problems.isEmpty ? "Sin problemas" : SpanishText.count(summary.problems.count, "problema", "problemas"))]),
                          .text(" · \(SpanishText.count(summary.objectsChecked, "objeto", "objetos")) · \(SpanishText.count(summary.filesChecked, "archivo", "archivos")) · \(SpanishText.bytes(summary.bytesChecked)) · \(SpanishText.duration(summary.seconds)) · \(SpanishText.decimal(summary.megabytesPerSecond, digits: 0)) MB/s")]),
        ]
        if !summary.problems.isEmpty {
            body.append(.el("table", [], [.el("tr", [], ["Objeto", "Problema", "Archivo", "Detalle"].map { .el("th", $0) })]
                + summary.problems.map { p in
                    .el("tr", [], [.el("td", p.objectID), .el("td", [("class", "bad")], [.text(p.kind.label)]),
                                   .el("td", [], [.el("code", p.path)]), .el("td", p.message)])
                }))
            body.append(.el("p", "Qué hacer: no modifique el archivo a mano. Restaure los objetos afectados desde la copia de seguridad y vuelva a ejecutar memoria verify --item <id>."))
        }
        body += ReplicaAuditHTML.section(summary.replicas)
        if !summary.warnings.isEmpty {
            body.append(.el("h2", "Avisos"))
            body.append(.el("ul", [], summary.warnings.map { .el("li", $0) }))
        }
        return HTMLNode.page(title: "Auditoría de fijeza", body: body)
    }
}

extension FixityAuditor.Problem.Kind {
    /// Spanish, for reports and the terminal.
    public var label: String {
        switch self {
        case .missing: return "falta"
        case .corrupted: return "alterado"
        case .extra: return "sobrante"
        case .inventory: return "inventario"
        case .missingVersion: return "falta una versión"
        case .missingObject: return "falta el objeto"
        case .uncatalogued: return "fuera del catálogo"
        case .metsMismatch: return "METS e inventario no coinciden"
        case .unreadable: return "ilegible"
        }
    }
}
