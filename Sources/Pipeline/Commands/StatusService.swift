import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// `memoria status`: what the archive, the catalog, the inbox and the quarantine hold, in Spanish.
public struct StatusService {
    public struct Status: Codable, Sendable {
        public var archiveObjects: Int
        public var catalogItems: Int
        public var pages: Int
        public var files: Int
        public var bytes: Int64
        public var events: Int
        /// Quarantine events recorded in the catalog, ever.
        public var quarantinedFiles: Int
        /// Files in the quarantine folder now (a curator may have moved some out).
        public var quarantineFilesNow: Int
        public var itemsByFonds: [String: Int]
        public var inboxReady: [String]
        public var inboxWaiting: [String]
        public var inboxUndeclared: [String]
        public var recentBatches: [String]
        /// Local time with offset (ISO 8601).
        public var lastPublish: String?
        /// Spanish notes on what is not as it should be (the archive and the catalog disagree...).
        public var notes: [String]
        /// The quarantine by fonds and reason: pending, and resolved (archived later or returned).
        public var quarantine: [QuarantineGroup] = []
        /// Items by access state (publico, restringido, embargo, retirado), and those the archive lost.
        public var access: [String: Int] = [:]
        public var missingFromArchive: [String] = []
        /// Each replica of pipeline.yaml and how far it is behind the archive.
        public var replicas: [ReplicaStatus] = []
        /// The time zone the lines are written in.
        var timeZone: TimeZone = .current

        enum CodingKeys: String, CodingKey {
            case archiveObjects, catalogItems, pages, files, bytes, events, quarantinedFiles, quarantineFilesNow, itemsByFonds, inboxReady,
                 inboxWaiting, inboxUndeclared, recentBatches, lastPublish, notes, quarantine, replicas, access, missingFromArchive
        }

        public struct QuarantineGroup: Codable, Sendable {
            public var fonds: String
            public var reason: String
            public var code: String
            public var pending: Int
            public var resolved: Int
        }

        public var linesForPeople: [String] {
            var lines = ["Archivo: \(SpanishText.count(archiveObjects, "objeto", "objetos")) · catálogo: \(SpanishText.count(catalogItems, "ítem", "ítems")), \(SpanishText.count(pages, "página", "páginas")), \(SpanishText.count(files, "archivo", "archivos")) (\(SpanishText.bytes(bytes))), \(SpanishText.count(events, "evento PREMIS", "eventos PREMIS"))"]
            lines += itemsByFonds.sorted { $0.key < $1.key }.map { "  \($0.key): \(SpanishText.count($0.value, "ítem", "ítems"))" }
            let notOpen = AccessDecision.State.allCases.filter { $0 != .open && (access[$0.rawValue] ?? 0) > 0 }
            if !notOpen.isEmpty {
                lines.append("Fuera del sitio: " + notOpen.map { SpanishText.count(access[$0.rawValue] ?? 0, "ítem \($0.label)", $0 == .embargoed ? "ítems en embargo" : "ítems \($0.label)s") }.joined(separator: ", "))
            }
            if !missingFromArchive.isEmpty {
                lines.append("FALTAN EN EL ARCHIVO (el catálogo los conoce, el disco no): \(SpanishText.list(missingFromArchive)); restáurelos desde una copia o réplica y ejecute memoria verify")
            }
            let pending = quarantine.reduce(0) { $0 + $1.pending }, resolved = quarantine.reduce(0) { $0 + $1.resolved }
            lines.append("Cuarentena: \(SpanishText.count(pending, "pendiente", "pendientes")), \(SpanishText.count(resolved, "resuelta", "resueltas")) (ítem archivado después o devuelto a la bandeja); \(SpanishText.count(quarantineFilesNow, "archivo", "archivos")) en la carpeta")
            lines += quarantine.filter { $0.pending > 0 }.map { "  \($0.fonds): \($0.reason): \(SpanishText.count($0.pending, "pendiente", "pendientes"))" }
            if pending > 0 { lines.append("  (memoria reintentar FONDO/LOTE devuelve los archivos a la bandeja para corregirlos)") }
            lines.append("Bandeja: \(SpanishText.count(inboxReady.count, "lote listo", "lotes listos")), \(SpanishText.number(inboxWaiting.count)) en espera")
            lines += inboxReady.map { "  listo: \($0)" } + inboxWaiting.map { "  en espera: \($0)" } + inboxUndeclared.map { "  aviso: \($0)" }
            if let lastPublish { lines.append("Última publicación: \(Timestamp.forPeople(record: lastPublish))") }
            if !recentBatches.isEmpty { lines.append("Últimos lotes:") }
            lines += recentBatches.map { "  \($0)" }
            if !replicas.isEmpty { lines.append("Réplicas:") }
            lines += replicas.map { $0.line(timeZone: timeZone) }
            lines += notes.map { "aviso: \($0)" }
            return lines
        }
    }

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public func run() throws -> Status {
        let config = context.config
        let storage = try context.openStorage()
        let catalog = try context.openCatalog()
        do {
            let counts = try catalog.counts()
            let inbox = inboxLines()
            let byFonds = try catalog.itemCountsByFonds()
            let batches = try catalog.batches(limit: 10).map { batch in
                "\(Timestamp.forPeople(record: batch.started)) \(batch.fonds)/\(batch.name): \(BatchState(rawValue: batch.status)?.label ?? batch.status)"
            }
            let ids = storage.objectIdentifiers()
            let objects = ids.count
            var notes: [String] = []
            if objects != counts.items {
                notes.append("el archivo tiene \(SpanishText.count(objects, "objeto", "objetos")) y el catálogo \(SpanishText.count(counts.items, "ítem", "ítems")); ejecute memoria verify y memoria reindex")
            }
            if config.paths.schemas.isEmpty {
                notes.append("paths.schemas no está puesta: el METS y el Dublin Core se comprueban solo en su forma, no contra los esquemas oficiales; instale los esquemas con scripts/install-schemas.sh CARPETA (o copie la carpeta de esquemas con bundle.xsd) y ponga su ruta en paths.schemas")
            } else {
                let missing = Self.schemaFiles.filter { !FileManager.default.fileExists(atPath: URL(fileURLWithPath: config.paths.schemas).appendingPathComponent($0).path) }
                if !missing.isEmpty {
                    notes.append("a la carpeta de esquemas \(context.displayPath(config.paths.schemas)) (paths.schemas) le \(SpanishText.form(missing.count, "falta", "faltan")) \(SpanishText.list(missing)); los ingresos se detienen hasta que estén. Vuelva a instalarlos con scripts/install-schemas.sh")
                }
            }
            if config.replicas.isEmpty {
                notes.append("el archivo no tiene réplicas: una sola copia se pierde con su disco; añada replicas: en pipeline.yaml y ejecute memoria replicar")
            }
            var status = Status(archiveObjects: objects, catalogItems: counts.items, pages: counts.pages, files: counts.files, bytes: counts.bytes,
                          events: counts.events, quarantinedFiles: counts.quarantined,
                          quarantineFilesNow: Self.quarantinedFilesOnDisk(config.paths.quarantine),
                          itemsByFonds: Dictionary(uniqueKeysWithValues: config.fonds.map { ($0.slug, byFonds[$0.code] ?? 0) }),
                          inboxReady: inbox.ready, inboxWaiting: inbox.waiting, inboxUndeclared: inbox.undeclared, recentBatches: batches,
                          lastPublish: try catalog.setting("last_publish"), notes: notes,
                          quarantine: Self.groups(try catalog.quarantineEntries()))
            status.access = Dictionary(uniqueKeysWithValues: try catalog.accessCounts().map { ($0.key.rawValue, $0.value) })
            status.missingFromArchive = try catalog.missingItems().map(\.id)
            status.replicas = ReplicaStatus.all(context, ids: ids)
            status.timeZone = context.timeZone
            return status
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.environment("No se pudo leer el catálogo: \(SystemErrorText.describe(error).spanish). Ejecute memoria reindex", detail: "\(error)")
        }
    }

    private func inboxLines() -> (ready: [String], waiting: [String], undeclared: [String]) {
        let config = context.config
        var ready: [String] = [], waiting: [String] = []
        let scanner = InboxScanner(inbox: config.url(\.inbox), fondsSlugs: Set(config.fonds.map(\.slug)), readyMarker: config.ingest.readyMarker,
                                   settleSeconds: config.ingest.settleSeconds, copyQuietSeconds: config.ingest.copyQuietSeconds,
                                   now: context.clock())
        guard let scan = try? scanner.scan() else {
            return ([], [], ["no se pudo leer la bandeja \(context.displayPath(config.paths.inbox))"])
        }
        for batch in scan.batches {
            if batch.items.isEmpty && batch.rejected.isEmpty {
                waiting.append("\(batch.identifier): sin imágenes que ingresar")
                continue
            }
            let line = "\(batch.identifier): \(SpanishText.count(batch.items.count, "ítem", "ítems")) (\(batch.readiness.description))"
            if batch.isReady { ready.append(line) } else { waiting.append(line) }
        }
        return (ready, waiting, scan.undeclared.map(\.message))
    }

    /// What paths.schemas must hold: the bundle and the official schemas it imports (scripts/install-schemas.sh).
    static let schemaFiles = ["bundle.xsd", "mets.xsd", "xlink.xsd", "premis.xsd", "mix20.xsd", "dc.xsd", "dcterms.xsd", "dcmitype.xsd",
                              "oai_dc.xsd", "OAI-PMH.xsd", "xml.xsd"]

    /// The quarantine entries counted by fonds (the first folder of their path) and reason.
    static func groups(_ entries: [CatalogQuarantineEntry]) -> [Status.QuarantineGroup] {
        var counts: [String: Status.QuarantineGroup] = [:]
        for entry in entries {
            let fonds = entry.quarantinePath.hasPrefix("/") ? "?" : String(entry.quarantinePath.split(separator: "/").first ?? "?")
            let key = "\(fonds)\u{1F}\(entry.reasonCode)"
            var group = counts[key] ?? Status.QuarantineGroup(fonds: fonds, reason: ReasonCode(rawValue: entry.reasonCode)?.label ?? entry.reasonCode,
                                                              code: entry.reasonCode, pending: 0, resolved: 0)
            if entry.resolvedAt == nil { group.pending += 1 } else { group.resolved += 1 }
            counts[key] = group
        }
        return counts.values.sorted { ($0.fonds, $0.reason) < ($1.fonds, $1.reason) }
    }

    /// Files in the quarantine folder now, without their reason files.
    static func quarantinedFilesOnDisk(_ folder: String) -> Int {
        guard let walk = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var count = 0
        while let path = walk.nextObject() as? String {
            guard walk.fileAttributes?[.type] as? FileAttributeType != .typeDirectory, !path.hasSuffix(".reason.txt"),
                  !path.hasPrefix(QuarantineStore.registerFolder + "/"),
                  !(path as NSString).lastPathComponent.hasPrefix(".") else { continue }
            count += 1
        }
        return count
    }
}
