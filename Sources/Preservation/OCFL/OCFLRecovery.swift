import Foundation

/// Brings the storage root back to a consistent state after a run that was killed: removes stale
/// staging, removes temporary files left in object roots, and promotes a version that was renamed
/// into place before its root inventory was replaced (the version's own inventory is complete).
public struct OCFLRecovery {
    public struct Report: Sendable, Equatable {
        public var removedStaging: [String] = []
        public var removedTemporaryFiles: [String] = []
        public var promotedVersions: [String] = []
        public var isEmpty: Bool { removedStaging.isEmpty && removedTemporaryFiles.isEmpty && promotedVersions.isEmpty }
    }

    public let storage: OCFLStorageRoot
    public let staging: URL

    public init(storage: OCFLStorageRoot, staging: URL) {
        self.storage = storage
        self.staging = staging
    }

    public func recover() throws -> Report {
        var report = Report()
        let files = FileManager.default
        for name in (try? files.contentsOfDirectory(atPath: staging.path)) ?? [] where name != "ingest.lock" {
            try? files.removeItem(at: staging.appendingPathComponent(name))
            report.removedStaging.append(name)
        }
        for id in storage.objectIdentifiers() {
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
            guard let newest = versions.last, newest > head else { continue }
            let folder = root.appendingPathComponent("v\(newest)")
            let inventory = try OCFLStorageRoot.readInventory(in: folder)
            guard inventory.headNumber == newest, inventory.id == id else { continue }
            let algorithm = inventory.algorithm ?? .sha512
            try FileSystem.replaceAtomically(root.appendingPathComponent("inventory.json"),
                                             with: try Data(contentsOf: folder.appendingPathComponent("inventory.json")))
            try FileSystem.replaceAtomically(root.appendingPathComponent("inventory.json.\(algorithm.rawValue)"),
                                             with: try Data(contentsOf: folder.appendingPathComponent("inventory.json.\(algorithm.rawValue)")))
            report.promotedVersions.append("\(id)/v\(newest)")
        }
        return report
    }
}
