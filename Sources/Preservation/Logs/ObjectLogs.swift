import Foundation
import Support

/// An object's `logs/` folder (OCFL 1.1 §3.1: outside the versioned content, never part of a version):
/// events that change nothing in the object (fixity checks, quarantine of a file deposited for it) are
/// kept here as files that are written once, whole, and never rewritten or removed. What a file holds
/// is the caller's (the Pipeline writes PREMIS events as JSON); this room only keeps them safe.
public struct ObjectLogs: Sendable {
    public let storage: OCFLStorageRoot

    public init(storage: OCFLStorageRoot) { self.storage = storage }

    /// Writes a new log file `<name>.json` (a `-2`, `-3`… suffix if the name is taken), atomically.
    @discardableResult
    public func write(objectID: String, name: String, bytes: [UInt8]) throws -> String {
        try write(objectID: objectID, name: name) { _ in bytes }
    }

    /// Writes a new log file whose bytes depend on the name it gets (`<name>`, or `<name>-2`…: an event
    /// identifier built from it is then unique), atomically. Returns the name without `.json`.
    @discardableResult
    public func write(objectID: String, name: String, bytes: (_ stem: String) throws -> [UInt8]) throws -> String {
        let (folder, stem) = try freeName(objectID: objectID, name: name)
        try FileSystem.replaceAtomically(folder.appendingPathComponent("\(stem).json"), with: Data(try bytes(stem)))
        return stem
    }

    /// The object's logs folder (made if missing) and the first free stem: `<name>`, `<name>-2`…
    private func freeName(objectID: String, name: String) throws -> (folder: URL, stem: String) {
        let folder = try storage.objectRoot(objectID).appendingPathComponent("logs")
        try FileSystem.createDirectory(folder)
        var stem = name
        var attempt = 1
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(stem).json").path) {
            attempt += 1
            stem = "\(name)-\(attempt)"
        }
        return (folder, stem)
    }

    /// A log file written under a hidden temporary name (which readers skip), not yet durable nor in
    /// place: `commit` puts a whole group in place with two syncs of the file system instead of two
    /// fsyncs per file.
    public struct StagedLog: Sendable {
        public let stem: String
        let temporary: URL
        let target: URL
    }

    /// Writes `<name>.json` (or `<name>-2`… when taken) under its temporary name, without an fsync.
    public func stage(objectID: String, name: String, bytes: (_ stem: String) throws -> [UInt8]) throws -> StagedLog {
        let (folder, stem) = try freeName(objectID: objectID, name: name)
        let target = folder.appendingPathComponent("\(stem).json")
        let temporary = folder.appendingPathComponent(".\(stem).json.tmp")
        try FileSystem.write(Data(try bytes(stem)), to: temporary, fsync: false)
        return StagedLog(stem: stem, temporary: temporary, target: target)
    }

    /// Makes the staged files durable (one syncfs), renames each into place, and makes the renames
    /// durable (a second syncfs): a crash leaves each log either whole in place or hidden, never a
    /// visible file with missing bytes. Without syncfs, each file and folder is fsynced instead.
    public func commit(_ staged: [StagedLog]) throws {
        guard !staged.isEmpty else { return }
        try FileSystem.syncFileSystem(of: storage.root) {
            for log in staged { try FileSystem.syncFile(log.temporary) }
        }
        for log in staged { try FileSystem.renameWithoutSync(log.temporary, to: log.target) }
        try FileSystem.syncFileSystem(of: storage.root) {
            for folder in Set(staged.map { $0.target.deletingLastPathComponent().path }).sorted() {
                try FileSystem.syncDirectory(URL(fileURLWithPath: folder))
            }
        }
    }

    /// Every log file of an object, by name, oldest name first.
    public func read(objectID: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = try storage.objectRoot(objectID).appendingPathComponent("logs")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return try names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { name in
            guard let data = try FileSystem.contentsIfPresent(folder.appendingPathComponent(name)) else {
                throw OCFLError.system(path: folder.appendingPathComponent(name).path, operation: .read, errno: ENOENT)
            }
            return (name, [UInt8](data))
        }
    }
}
