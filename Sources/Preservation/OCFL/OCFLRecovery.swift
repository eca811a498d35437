import Foundation

/// Brings the storage root back to a consistent state after a run that was killed: removes stale
/// staging, and in each object a version writer journaled, removes temporary files left in its root
/// and promotes a version that was renamed into place before its root inventory was replaced.
public struct OCFLRecovery {
    public struct Report: Sendable, Equatable {
        public var removedStaging: [String] = []
        public var removedTemporaryFiles: [String] = []
        public var promotedVersions: [String] = []
        /// Every object root was looked at (not only the journaled ones); not a repair by itself.
        public var sweptEveryObject = false
        public var isEmpty: Bool { removedStaging.isEmpty && removedTemporaryFiles.isEmpty && promotedVersions.isEmpty }
    }

    public let storage: OCFLStorageRoot
    public let staging: URL

    public init(storage: OCFLStorageRoot, staging: URL) {
        self.storage = storage
        self.staging = staging
    }

    /// The journal a version writer leaves in staging while it puts a new version of `id` in place.
    static func journal(for id: String, in staging: URL) -> URL {
        staging.appendingPathComponent("\(id)\(journalSuffix)")
    }

    static let journalSuffix = ".promoting"

    /// Which object roots recovery looks at.
    public enum Scope: Sendable, Equatable {
        /// Every object when staging does not show that each run since the last full sweep kept
        /// journals (`JournalKeptMarker`), else only the objects the journals name: what a start uses.
        case asNeeded
        /// Only the objects journals name.
        case journaledObjects
        /// Every object root, journal or not.
        case everyObject
    }

    /// Empties staging and repairs the objects its journals name (a version writer journals an object
    /// while its root is between two states), so that a start costs what the killed run left, not the
    /// size of the archive. An archive last written by a Memoria that kept no journal (an older one,
    /// which also empties staging, marker included, at its own start) gets the full sweep once: the
    /// marker is written only after a full sweep has repaired every object, durably.
    public func recover(_ scope: Scope = .asNeeded) throws -> Report {
        var report = Report()
        let files = FileManager.default
        var journaled: [String] = []
        let names = ((try? files.contentsOfDirectory(atPath: staging.path)) ?? []).sorted()
        for name in names where name != "ingest.lock" && name != JournalKeptMarker.name {
            if name.hasSuffix(Self.journalSuffix) {
                journaled.append(String(name.dropLast(Self.journalSuffix.count)))
            } else {
                report.removedStaging.append(name)
            }
        }
        for name in report.removedStaging {
            try? files.removeItem(at: staging.appendingPathComponent(name))
        }
        let everyObject = scope == .everyObject || (scope == .asNeeded && !names.contains(JournalKeptMarker.name))
        let objects = everyObject ? storage.objectIdentifiers() : journaled.filter { storage.objectExists($0) }
        for id in objects {
            try repair(id, report: &report)
        }
        report.sweptEveryObject = everyObject
        if everyObject && !names.contains(JournalKeptMarker.name) {
            try JournalKeptMarker.write(in: staging)
        }
        // Only once the objects are repaired (and the repair durable) may the journals go.
        for id in journaled {
            try? files.removeItem(at: Self.journal(for: id, in: staging))
        }
        return report
    }

    /// Removes an object root's temporary files and promotes a version renamed into place before the
    /// root inventory was replaced (the version's own inventory is complete).
    private func repair(_ id: String, report: inout Report) throws {
        let files = FileManager.default
        let root = try storage.objectRoot(id)
        for name in (try? files.contentsOfDirectory(atPath: root.path)) ?? [] where name.hasSuffix(".tmp") {
            try? files.removeItem(at: root.appendingPathComponent(name))
            report.removedTemporaryFiles.append("\(id)/\(name)")
        }
        let head: Int
        do {
            head = try storage.inventory(of: id).headNumber
        } catch OCFLError.inventoryDigestMismatch {
            head = 0   // root inventory replaced but not its sidecar: promote the newest version below
        }
        let versions = ((try? files.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(OCFLInventory.number(of:)).sorted()
        guard let newest = versions.last, newest > head else { return }
        let folder = root.appendingPathComponent("v\(newest)")
        let inventory = try OCFLStorageRoot.readInventory(in: folder)
        guard inventory.headNumber == newest, inventory.id == id else { return }
        let algorithm = inventory.algorithm ?? .sha512
        try FileSystem.replaceAtomically(root.appendingPathComponent("inventory.json"),
                                         with: try Data(contentsOf: folder.appendingPathComponent("inventory.json")))
        try FileSystem.replaceAtomically(root.appendingPathComponent("inventory.json.\(algorithm.rawValue)"),
                                         with: try Data(contentsOf: folder.appendingPathComponent("inventory.json.\(algorithm.rawValue)")))
        report.promotedVersions.append("\(id)/v\(newest)")
    }
}
