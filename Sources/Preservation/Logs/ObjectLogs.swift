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
        let folder = try storage.objectRoot(objectID).appendingPathComponent("logs")
        try FileSystem.createDirectory(folder)
        var stem = name
        var attempt = 1
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(stem).json").path) {
            attempt += 1
            stem = "\(name)-\(attempt)"
        }
        try FileSystem.replaceAtomically(folder.appendingPathComponent("\(stem).json"), with: Data(try bytes(stem)))
        return stem
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
