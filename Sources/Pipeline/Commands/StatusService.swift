import Catalog
import Foundation
import Preservation

/// `memoria status`: what the archive, the catalog, the inbox and the quarantine hold.
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
        public var lastPublish: String?
    }

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public func run() throws -> Status {
        let config = context.config
        let archiveObjects = (try? OCFLStorageRoot(root: config.url(\.archive)).objectIdentifiers().count) ?? 0
        let catalog = try CatalogDatabase(path: config.paths.catalog)
        let counts = try catalog.counts()
        var ready: [String] = [], waiting: [String] = [], undeclared: [String] = []
        if let scan = try? InboxScanner(inbox: config.url(\.inbox), fondsSlugs: Set(config.fonds.map(\.slug)),
                                        readyMarker: config.ingest.readyMarker, settleSeconds: config.ingest.settleSeconds,
                                        now: context.clock()).scan() {
            for batch in scan.batches {
                if batch.items.isEmpty && batch.rejected.isEmpty {
                    waiting.append("\(batch.identifier): sin imágenes que ingresar")
                    continue
                }
                let line = "\(batch.identifier): \(batch.items.count) ítems (\(batch.readiness))"
                if batch.isReady { ready.append(line) } else { waiting.append(line) }
            }
            undeclared = scan.undeclared.map(\.message)
        }
        let byFonds = try catalog.itemCountsByFonds()
        let batches = try catalog.batches(limit: 10).map { "\($0.started) \($0.fonds)/\($0.name): \($0.status)" }
        return Status(archiveObjects: archiveObjects, catalogItems: counts.items, pages: counts.pages, files: counts.files, bytes: counts.bytes,
                      events: counts.events, quarantinedFiles: counts.quarantined,
                      quarantineFilesNow: Self.quarantinedFilesOnDisk(config.paths.quarantine),
                      itemsByFonds: Dictionary(uniqueKeysWithValues: config.fonds.map { ($0.slug, byFonds[$0.code] ?? 0) }),
                      inboxReady: ready, inboxWaiting: waiting, inboxUndeclared: undeclared, recentBatches: batches,
                      lastPublish: try catalog.setting("last_publish"))
    }

    /// Files in the quarantine folder now, without their reason files.
    static func quarantinedFilesOnDisk(_ folder: String) -> Int {
        guard let walk = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var count = 0
        while let path = walk.nextObject() as? String {
            guard walk.fileAttributes?[.type] as? FileAttributeType != .typeDirectory, !path.hasSuffix(".reason.txt"),
                  !(path as NSString).lastPathComponent.hasPrefix(".") else { continue }
            count += 1
        }
        return count
    }
}
