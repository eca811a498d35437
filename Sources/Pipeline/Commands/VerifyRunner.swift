import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// `memoria verify`: audits the fixity of the archive (all objects, a fonds, an item, or a sample),
/// records a PREMIS "fixity check" event per object in the catalog, and writes a JSON + HTML report.
public struct VerifyRunner {
    public struct Summary: Codable, Sendable {
        public var objectsChecked: Int
        public var filesChecked: Int
        public var bytesChecked: Int64
        public var seconds: Double
        public var megabytesPerSecond: Double
        public var problems: [FixityAuditor.Problem]
        public var report: String
        public var exitCode: Int32 { problems.isEmpty ? 0 : 1 }
    }

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public func run(fonds: [String] = [], items: [String] = [], samplePercent: Double? = nil) async throws -> Summary {
        let config = context.config
        let storage: OCFLStorageRoot
        do { storage = try OCFLStorageRoot(root: config.url(\.archive)) } catch { throw PipelineError.environment("\(error)") }
        var ids = storage.objectIdentifiers()
        if !items.isEmpty {
            let unknown = items.filter { !ids.contains($0) }
            if !unknown.isEmpty { throw PipelineError.notFound("not in the archive: \(unknown.joined(separator: ", "))") }
            ids = items
        }
        let catalog = try? CatalogDatabase(path: config.paths.catalog)
        if !fonds.isEmpty {
            let codes = Set(fonds.compactMap { config.fonds(slug: $0)?.code ?? config.fonds(code: $0)?.code })
            guard !codes.isEmpty else { throw PipelineError.usage("unknown fonds \(fonds.joined(separator: ", "))") }
            ids = ids.filter { id in
                if let code = try? catalog?.item(id)?.fondsCode { return codes.contains(code) }
                return codes.contains(where: { id.hasPrefix($0) })
            }
        }
        if let percent = samplePercent {
            // A different sample every day, reproducible within the day.
            let day = String(context.timestamp().prefix(10))
            func key(_ id: String) -> UInt64 { StableHash.fnv1a(day + id) }
            let count = max(1, Int((Double(ids.count) * percent / 100).rounded(.up)))
            ids = Array(ids.sorted { key($0) < key($1) }.prefix(count)).sorted()
        }

        let auditor = FixityAuditor(storage: storage)
        let started = Date()
        let bytes = ByteCounter()
        let reporter = context.reporter
        let total = ids.count
        reporter.emit(.began(stage: "verify", total: total))
        let width = config.workerCount
        var results: [FixityAuditor.ObjectResult] = []
        await withTaskGroup(of: FixityAuditor.ObjectResult.self) { group in
            var next = 0
            while next < min(width, ids.count) {
                let id = ids[next]
                group.addTask { auditor.audit(id) { bytes.add($0) } }
                next += 1
            }
            while let result = await group.next() {
                results.append(result)
                let elapsed = max(0.001, Date().timeIntervalSince(started))
                reporter.emit(.advanced(stage: "verify", done: results.count, total: total,
                                        detail: "\(result.objectID) · \(String(format: "%.0f", Double(bytes.value) / 1e6 / elapsed)) MB/s"))
                if next < ids.count {
                    let id = ids[next]
                    group.addTask { auditor.audit(id) { bytes.add($0) } }
                    next += 1
                }
            }
        }
        reporter.emit(.finished(stage: "verify"))
        results.sort { $0.objectID < $1.objectID }
        let seconds = Date().timeIntervalSince(started)

        // One fixity-check event per object (in the catalog: the archive is never changed in place),
        // all in one transaction.
        let events = results.map { result in
            (event: PremisEvent(identifier: "\(result.objectID)/fixity/\(context.timestamp())", type: .fixityCheck,
                                    dateTime: context.timestamp(), detail: "auditoría de fijeza: \(result.filesChecked) archivos, \(result.bytesChecked) bytes",
                                    outcome: result.problems.isEmpty ? .success : .failure,
                                    outcomeDetail: result.problems.map(\.message).joined(separator: "; "),
                                    agents: context.eventAgents, objects: [result.objectID]),
             itemID: result.objectID)
        }
        try? catalog?.record(events)
        var summary = Summary(objectsChecked: results.count, filesChecked: results.reduce(0) { $0 + $1.filesChecked },
                              bytesChecked: results.reduce(0) { $0 + $1.bytesChecked }, seconds: seconds,
                              megabytesPerSecond: seconds > 0 ? Double(bytes.value) / 1e6 / seconds : 0,
                              problems: results.flatMap(\.problems), report: "")
        summary.report = try AuditReport.write(summary, results: results, context: context).path
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
        let folder = context.config.url(\.reports).appendingPathComponent("auditorias")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stamp = context.timestamp().replacingOccurrences(of: ":", with: "")
        let json = folder.appendingPathComponent("auditoria-\(stamp).json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        struct Document: Encodable { var summary: VerifyRunner.Summary; var objects: [FixityAuditor.ObjectResult] }
        try encoder.encode(Document(summary: summary, objects: results)).write(to: json)
        let names = ["missing": "falta", "corrupted": "alterado", "extra": "sobrante", "inventory": "inventario"]
        var body: [HTMLNode] = [
            .el("h1", "Auditoría de fijeza"),
            .el("p", [], [.el("strong", [("class", summary.problems.isEmpty ? "ok" : "bad")],
                               [.text(summary.problems.isEmpty ? "Sin problemas" : "\(summary.problems.count) problema(s)")]),
                          .text(" · \(summary.objectsChecked) objetos · \(summary.filesChecked) archivos · \(summary.bytesChecked) bytes · \(String(format: "%.1f", summary.seconds)) s · \(String(format: "%.0f", summary.megabytesPerSecond)) MB/s")]),
        ]
        if !summary.problems.isEmpty {
            body.append(.el("table", [], [.el("tr", [], ["Objeto", "Problema", "Archivo", "Detalle"].map { .el("th", $0) })]
                + summary.problems.map { p in
                    .el("tr", [], [.el("td", p.objectID), .el("td", [("class", "bad")], [.text(names[p.kind.rawValue] ?? p.kind.rawValue)]),
                                   .el("td", [], [.el("code", p.path)]), .el("td", p.message)])
                }))
            body.append(.el("p", "Qué hacer: no modifique el archivo a mano. Restaure los objetos afectados desde la copia de seguridad y vuelva a ejecutar memoria verify --item <id>."))
        }
        try Data(HTMLNode.page(title: "Auditoría de fijeza", body: body).utf8).write(to: folder.appendingPathComponent("auditoria-\(stamp).html"))
        return json
    }
}
