import Foundation

/// A second OCFL storage root kept as an exact copy of the archive (another disk, an NFS or SMB
/// mount). Its folder must exist (an unmounted share must never turn into a copy on the local disk);
/// when it is empty it is initialised with the archive's own declaration and layout files, byte for
/// byte. Its staging folder sits beside it on the same file system (OCFL allows no stray folders inside
/// a storage root), so a staged version is renamed into place atomically.
public struct ReplicaRoot: Sendable {
    public let root: URL
    public let staging: URL
    /// The replica read as a storage root (for the fixity auditor and comparisons).
    public let storage: OCFLStorageRoot

    /// The staging folder used when none is configured: `<replica>-preparacion` beside the replica.
    public static func defaultStaging(for root: URL) -> URL {
        root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + "-preparacion")
    }

    /// Opens the replica at `root`, initialising an empty folder from `primary`.
    public init(root: URL, staging: URL? = nil, primary: OCFLStorageRoot) throws(ReplicationError) {
        let root = root.standardizedFileURL
        let archive = primary.root.standardizedFileURL.path
        if root.path == archive || root.path.hasPrefix(archive + "/") { throw .sameAsArchive(path: root.path) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .replicaAbsent(path: root.path)
        }
        let declaration = root.appendingPathComponent("0=ocfl_1.1")
        let layoutName = "ocfl_layout.json"
        if FileManager.default.fileExists(atPath: declaration.path) {
            let mine = FileManager.default.contents(atPath: root.appendingPathComponent(layoutName).path)
            let theirs = FileManager.default.contents(atPath: primary.root.appendingPathComponent(layoutName).path)
            guard mine == theirs else { throw .differentLayout(path: root.path) }
        } else {
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
            guard existing.allSatisfy({ $0.hasPrefix(".") }) else { throw .notAStorageRoot(path: root.path) }
            do {
                for name in [layoutName, "0=ocfl_1.1"] {
                    let source = primary.root.appendingPathComponent(name)
                    guard let bytes = FileManager.default.contents(atPath: source.path) else {
                        throw ReplicationError.system(path: source.path, operation: .read, errno: ENOENT)
                    }
                    try FileSystem.replaceAtomically(root.appendingPathComponent(name), with: bytes)
                }
            } catch {
                throw ReplicationError.onReplica(error, path: root.path)
            }
        }
        let staging = (staging ?? Self.defaultStaging(for: root)).standardizedFileURL
        do { try FileSystem.createDirectory(staging) } catch { throw ReplicationError.onReplica(error, path: staging.path) }
        if let a = FileSystem.device(of: root), let b = FileSystem.device(of: staging), a != b {
            throw .differentFileSystems(staging: staging.path, replica: root.path)
        }
        self.root = root
        self.staging = staging
        do { storage = try OCFLStorageRoot(root: root) } catch { throw .notAStorageRoot(path: root.path) }
    }

    /// True when the replica shares a disk with the archive: it then protects against mistakes, not
    /// against the loss of that disk.
    public func sharesDisk(with primary: OCFLStorageRoot) -> Bool {
        guard let a = FileSystem.device(of: root), let b = FileSystem.device(of: primary.root) else { return false }
        return a == b
    }

    /// Removes what a killed copy left in staging (only Memoria's own work folders).
    public func removeStaleStaging() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []
        for name in names where name.hasSuffix(ObjectReplicator.workSuffix) {
            try? FileManager.default.removeItem(at: staging.appendingPathComponent(name))
        }
    }
}

extension ReplicaRoot {
    /// The folder where objects set aside for a fresh copy are kept (nothing on a replica is deleted).
    public var setAsideFolder: URL { staging.appendingPathComponent("apartados") }

    /// Moves the replica's copy of an object out of the storage root, into `apartados/<id>-<stamp>`
    /// beside it, so that the next copy starts afresh. Returns where it went; nil when the replica has
    /// no copy of the object.
    public func setAside(_ id: String, stamp: String) throws(ReplicationError) -> URL? {
        let object: URL
        do { object = try storage.objectRoot(id) } catch { return nil }
        guard FileManager.default.fileExists(atPath: object.path) else { return nil }
        var target = setAsideFolder.appendingPathComponent("\(id)-\(stamp)")
        var attempt = 1
        while FileManager.default.fileExists(atPath: target.path) {
            attempt += 1
            target = setAsideFolder.appendingPathComponent("\(id)-\(stamp)-\(attempt)")
        }
        do {
            try FileSystem.createDirectory(setAsideFolder)
            try FileSystem.rename(object, to: target)
            try FileSystem.syncDirectory(root)
        } catch {
            throw ReplicationError.onReplica(error, path: object.path)
        }
        return target
    }
}
