import Support
import Foundation

/// What one new version of an object should hold: logical path → where its bytes come from.
public struct OCFLVersionRequest: Sendable {
    public enum Source: Sendable {
        /// A file (an inbox master or sidecar), with the digest computed when it was read; the copy
        /// must match it.
        case file(URL, digest: String)
        /// Bytes produced by Memoria (METS, DC, OCR text).
        case bytes([UInt8])
        /// Bytes already in the object, unchanged (carried over by digest).
        case existing(digest: String)
    }

    public var objectID: String
    public var files: [String: Source]
    public var message: String
    public var userName: String
    public var userAddress: String?
    public var created: Date

    public init(objectID: String, files: [String: Source], message: String, userName: String,
                userAddress: String? = nil, created: Date) {
        self.objectID = objectID
        self.files = files
        self.message = message
        self.userName = userName
        self.userAddress = userAddress
        self.created = created
    }
}

/// The result of writing a version.
public struct OCFLVersionResult: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable { case created, newVersion, unchanged }
    public var outcome: Outcome
    public var version: String
    public var inventory: OCFLInventory
    /// Bytes copied into the archive by this version (deduplicated content is not copied again).
    public var bytesWritten: Int64
}

/// Writes object versions crash-safely: the version is built in a staging folder on the archive's
/// file system, fsynced, read back (from disk, not the page cache) and compared digest by digest, and
/// only then renamed into the storage root; the root inventory is replaced last, atomically. A crash at
/// any point leaves either the previous state or a complete version that recovery promotes.
public struct OCFLVersionWriter: Sendable {
    public let storage: OCFLStorageRoot
    public let staging: URL
    public let algorithm: DigestAlgorithm

    public init(storage: OCFLStorageRoot, staging: URL, algorithm: DigestAlgorithm) throws {
        self.storage = storage
        self.staging = staging
        self.algorithm = algorithm
        try FileSystem.createDirectory(staging)
        if let a = FileSystem.device(of: storage.root), let b = FileSystem.device(of: staging), a != b {
            throw OCFLError.differentFileSystems(staging: staging.path, archive: storage.root.path)
        }
    }

    static func timestamp(_ date: Date) -> String { Timestamp.record(date) }

    public func write(_ request: OCFLVersionRequest) throws -> OCFLVersionResult {
        let id = request.objectID
        let objectRoot = try storage.objectRoot(id)
        let existing: OCFLInventory? = storage.objectExists(id) ? try storage.inventory(of: id) : nil
        if let existing, existing.algorithm != algorithm {
            throw OCFLError.invalidInventory(path: objectRoot.path, reason: "object uses \(existing.digestAlgorithm), the configuration \(algorithm.rawValue)")
        }

        // Digests of the new state.
        var produced: [String: [UInt8]] = [:]   // digest → bytes made by Memoria
        var state: [String: String] = [:]       // logical path → digest
        for (path, source) in request.files {
            switch source {
            case .file(_, let digest): state[path] = digest
            case .existing(let digest): state[path] = digest
            case .bytes(let bytes):
                let digest = Digester.digest(bytes, algorithm: algorithm)
                produced[digest] = bytes
                state[path] = digest
            }
        }
        if let existing, existing.logicalState() == state {
            return OCFLVersionResult(outcome: .unchanged, version: existing.head, inventory: existing, bytesWritten: 0)
        }

        let number = (existing?.headNumber ?? 0) + 1
        let version = "v\(number)"
        var inventory = existing ?? OCFLInventory(id: id, digestAlgorithm: algorithm)
        inventory.head = version
        var stateBlock: [String: [String]] = [:]
        for (path, digest) in state { stateBlock[digest, default: []].append(path) }
        for key in stateBlock.keys { stateBlock[key]!.sort() }
        inventory.versions[version] = .init(created: Self.timestamp(request.created), message: request.message,
                                            user: .init(name: request.userName, address: request.userAddress),
                                            state: stateBlock)

        // Build the version in staging.
        let work = staging.appendingPathComponent("\(id).\(version).\(getpid())")
        try? FileManager.default.removeItem(at: work)
        let versionFolder = existing == nil ? work.appendingPathComponent(version) : work
        let contentFolder = versionFolder.appendingPathComponent("content")
        try FileSystem.createDirectory(contentFolder)
        var written: [(url: URL, digest: String, logical: String, source: URL?)] = []
        var bytesWritten: Int64 = 0
        for digest in stateBlock.keys.sorted() where inventory.manifest[digest] == nil {
            let logical = stateBlock[digest]![0]
            let target = contentFolder.appendingPathComponent(logical)
            try FileSystem.createDirectory(target.deletingLastPathComponent())
            if let bytes = produced[digest] {
                try FileSystem.writeDurably(Data(bytes), to: target)
                bytesWritten += Int64(bytes.count)
            } else if case .file(let source, _)? = request.files[logical] {
                // Not digested on the way: the copy is read back from the disk below and compared.
                bytesWritten += try DurableCopy.copy(source, to: target)
            } else {
                throw OCFLError.invalidInventory(path: objectRoot.path, reason: "\(logical) refers to content the object does not hold")
            }
            inventory.manifest[digest] = ["\(version)/content/\(logical)"]
            var source: URL?
            if produced[digest] == nil, case .file(let url, _)? = request.files[logical] { source = url }
            written.append((target, digest, logical, source))
        }
        CrashPoints.pass("content copied to staging")

        let inventoryData = try inventory.encoded()
        let sidecar = Data("\(Digester.digest([UInt8](inventoryData), algorithm: algorithm)) inventory.json\n".utf8)
        try FileSystem.writeDurably(inventoryData, to: versionFolder.appendingPathComponent("inventory.json"))
        try FileSystem.writeDurably(sidecar, to: versionFolder.appendingPathComponent("inventory.json.\(algorithm.rawValue)"))
        if existing == nil {
            try FileSystem.writeDurably(Data("ocfl_object_1.1\n".utf8), to: work.appendingPathComponent("0=ocfl_object_1.1"))
            try FileSystem.writeDurably(inventoryData, to: work.appendingPathComponent("inventory.json"))
            try FileSystem.writeDurably(sidecar, to: work.appendingPathComponent("inventory.json.\(algorithm.rawValue)"))
        }
        // Every file was fsynced as it was written: the folders remain.
        try FileSystem.syncFolders(work)

        // Read every copy back from the disk and compare with the digest taken when its source was read.
        for file in written {
            let digester = Digester(algorithm)
            try FileReader.forEachChunk(of: file.url, dropFromCache: true) { digester.update($0) }
            let found = digester.finalize()
            guard found == file.digest else {
                // A source whose bytes are no longer those digested changed after it was read (or is gone
                // from the inbox, which is the same for the item): it waits for the next run.
                if let source = file.source {
                    let again: String?
                    do { again = try Digester.digest(fileAt: source, algorithm: algorithm) } catch { again = nil }
                    if again != file.digest { throw OCFLError.sourceChanged(objectID: id, path: source.path) }
                }
                throw OCFLError.copyMismatch(objectID: id, logicalPath: file.logical, expected: file.digest, found: found)
            }
        }
        CrashPoints.pass("staging verified")

        // Into place.
        if existing == nil {
            try FileSystem.rename(work, to: objectRoot)
            CrashPoints.pass("object renamed into the archive")
        } else {
            // From the rename to the sidecar the object root is between two states: the journal names
            // the object, so that recovery looks at this object (and only at the objects named so).
            let journal = OCFLRecovery.journal(for: id, in: staging)
            try FileSystem.writeDurably(Data("\(id)\n".utf8), to: journal)
            try FileSystem.syncDirectory(staging)
            try FileSystem.rename(work, to: objectRoot.appendingPathComponent(version))
            CrashPoints.pass("version renamed into the object")
            try FileSystem.replaceAtomically(objectRoot.appendingPathComponent("inventory.json"), with: inventoryData)
            CrashPoints.pass("root inventory replaced")
            try FileSystem.replaceAtomically(objectRoot.appendingPathComponent("inventory.json.\(algorithm.rawValue)"), with: sidecar)
            // Left behind (a crash before the removal is durable), it costs recovery one object's check.
            try? FileManager.default.removeItem(at: journal)
        }
        return OCFLVersionResult(outcome: existing == nil ? .created : .newVersion, version: version,
                                 inventory: inventory, bytesWritten: bytesWritten)
    }
}
