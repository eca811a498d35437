import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// Events that change no content, kept in the archive so that the catalog can be rebuilt with all
/// of them (`memoria reindex`): fixity checks and quarantine events of an archived item go to the
/// object's `logs/` (OCFL 1.1 §3.1), one file per audit or event, written once; every quarantine entry
/// and its resolution also go to the quarantine's register, which is what `reindex` rebuilds the
/// quarantine table from. Access decisions are versions of the object, not log entries.
struct ArchiveEventLog {
    let storage: OCFLStorageRoot
    let quarantine: QuarantineStore

    /// One record of an object log or of the quarantine register.
    struct Record: Codable {
        enum Kind: String, Codable { case fixityCheck = "fixity-check", quarantined, resolved }
        var kind: Kind
        var itemID: String?
        var events: [PremisEvent]
        /// For `quarantined`: the entry as the catalog keeps it (its id is not part of the record).
        var entry: CatalogQuarantineEntry?
        /// For `resolved`: which entries (by path in the quarantine and the time they were put there).
        var resolvedEntries: [ResolvedKey]?
        var resolution: CatalogQuarantineEntry.Resolution?
        var resolvedAt: String?
    }

    struct ResolvedKey: Codable, Hashable {
        var quarantinePath: String
        var at: String
    }

    static func encode(_ record: Record) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(record)) + [0x0A]
    }

    static func stamp(_ at: String) -> String { at.replacingOccurrences(of: ":", with: "") }

    /// A fixity check of one object, in its logs. Returns the event as recorded: its identifier names
    /// the log file (`ID/logs/fixity-…`), so two audits in the same second stay two events.
    func fixity(_ event: PremisEvent, objectID: String) throws -> PremisEvent {
        var recorded = event
        try ObjectLogs(storage: storage).write(objectID: objectID, name: "fixity-\(Self.stamp(event.dateTime))") { stem in
            recorded.identifier = "\(objectID)/logs/\(stem)"
            return try Self.encode(Record(kind: .fixityCheck, itemID: objectID, events: [recorded]))
        }
        return recorded
    }

    /// A fixity check of one object staged in its logs (hidden, not yet durable), as `fixity` records
    /// it: the audit stages every object's and commits them together (`commit`).
    func stageFixity(_ event: PremisEvent, objectID: String) throws -> (event: PremisEvent, staged: ObjectLogs.StagedLog) {
        var recorded = event
        let staged = try ObjectLogs(storage: storage).stage(objectID: objectID, name: "fixity-\(Self.stamp(event.dateTime))") { stem in
            recorded.identifier = "\(objectID)/logs/\(stem)"
            return try Self.encode(Record(kind: .fixityCheck, itemID: objectID, events: [recorded]))
        }
        return (recorded, staged)
    }

    /// Puts staged log files in place, durably, in two syncs of the archive's file system.
    func commit(_ staged: [ObjectLogs.StagedLog]) throws {
        try ObjectLogs(storage: storage).commit(staged)
    }

    /// A file put in quarantine: in the register, and in the item's object logs when it is archived.
    func quarantined(_ entry: CatalogQuarantineEntry, event: PremisEvent?) throws {
        var stored = entry
        stored.id = nil
        let record = Record(kind: .quarantined, itemID: entry.itemID, events: event.map { [$0] } ?? [], entry: stored)
        let bytes = try Self.encode(record)
        let key = StableHash.hex16(StableHash.fnv1a(parts: [entry.quarantinePath, entry.at]))
        try quarantine.writeRegister(name: "cuarentena-\(Self.stamp(entry.at))-\(key)", bytes: bytes)
        if let item = entry.itemID, storage.objectExists(item) {
            try ObjectLogs(storage: storage).write(objectID: item, name: "cuarentena-\(Self.stamp(entry.at))-\(key)", bytes: bytes)
        }
    }

    /// Entries resolved (their item archived, or returned to the inbox).
    func resolved(_ entries: [CatalogQuarantineEntry], as resolution: CatalogQuarantineEntry.Resolution, at: String,
                  event: PremisEvent?) throws {
        guard !entries.isEmpty else { return }
        let keys = entries.map { ResolvedKey(quarantinePath: $0.quarantinePath, at: $0.at) }
        let record = Record(kind: .resolved, itemID: entries.first?.itemID, events: event.map { [$0] } ?? [], resolvedEntries: keys,
                            resolution: resolution, resolvedAt: at)
        let key = StableHash.hex16(StableHash.fnv1a(parts: keys.map(\.quarantinePath) + [at]))
        let bytes = try Self.encode(record)
        try quarantine.writeRegister(name: "resuelto-\(Self.stamp(at))-\(key)", bytes: bytes)
        if let item = record.itemID, storage.objectExists(item), event != nil {
            try ObjectLogs(storage: storage).write(objectID: item, name: "resuelto-\(Self.stamp(at))-\(key)", bytes: bytes)
        }
    }

    // MARK: - reading back (reindex)

    /// The events of an object's logs.
    func objectEvents(_ objectID: String) throws -> [PremisEvent] {
        try ObjectLogs(storage: storage).read(objectID: objectID).flatMap { file in
            (try? JSONDecoder().decode(Record.self, from: Data(file.bytes)))?.events ?? []
        }
    }

    /// The quarantine as the register tells it: every entry with its resolution, and the events of
    /// items that are not in the archive (those of archived items come back from their logs).
    func register() throws -> (entries: [CatalogQuarantineEntry], events: [(event: PremisEvent, itemID: String)], unreadable: Int) {
        var entries: [CatalogQuarantineEntry] = []
        var resolutions: [ResolvedKey: (CatalogQuarantineEntry.Resolution, String)] = [:]
        var events: [(PremisEvent, String)] = []
        var unreadable = 0
        for bytes in try quarantine.readRegister() {
            guard let record = try? JSONDecoder().decode(Record.self, from: Data(bytes)) else { unreadable += 1; continue }
            switch record.kind {
            case .quarantined:
                if let entry = record.entry { entries.append(entry) }
            case .resolved:
                if let resolution = record.resolution, let at = record.resolvedAt {
                    for key in record.resolvedEntries ?? [] { resolutions[key] = (resolution, at) }
                }
            case .fixityCheck:
                break
            }
            if let item = record.itemID, !storage.objectExists(item) { events += record.events.map { ($0, item) } }
        }
        for index in entries.indices {
            if let (resolution, at) = resolutions[ResolvedKey(quarantinePath: entries[index].quarantinePath, at: entries[index].at)] {
                entries[index].resolution = resolution
                entries[index].resolvedAt = at
            }
        }
        return (entries, events, unreadable)
    }
}
