import Foundation
import Support

/// Copies objects of the archive to a replica as exact OCFL copies. Versions are immutable, so each is
/// copied once: built in the replica's staging folder, made durable (one syncfs per group of objects),
/// read back from the replica's disk and checked against the inventory's digests, then renamed into
/// place: version folders first, the root inventory and its sidecar last, so a killed copy resumes
/// where it stopped (a version folder already in place is recognised by its own inventory). A file of
/// the archive that fails its digest is never copied; a replica version that differs from the
/// archive's is never overwritten. Never changes the archive.
public struct ObjectReplicator: Sendable {
    static let workSuffix = ".replica-en-curso"
    public let primary: OCFLStorageRoot
    public let replica: ReplicaRoot
    private let comparison: ReplicaComparison

    public init(primary: OCFLStorageRoot, replica: ReplicaRoot) {
        self.primary = primary
        self.replica = replica
        comparison = ReplicaComparison(primary: primary.root, replica: replica.root)
    }

    /// True when the replica already holds the object as the archive has it (ReplicaComparison's quick look).
    public func isUpToDate(_ id: String) -> Bool { comparison.isUpToDate(id) }

    // MARK: Copying a group

    /// One file to stage: where from, where to (in the work folder), the digest it must have.
    struct StagedFile {
        var source: URL
        var staged: URL
        /// Relative to the object root.
        var path: String
        var digest: String
        /// Content files are checked against the manifest; the archive's copy is to blame when it fails too.
        var isContent: Bool
    }

    struct Plan {
        var id: String
        var files: InventoryFiles
        var isNew: Bool
        var versions: [String]
        var logs: [String]
        var rootDiffers: Bool
        var work: URL
        var staged: [StagedFile] = []
        var result: ObjectReplication
        var nothingToDo: Bool { versions.isEmpty && logs.isEmpty && !rootDiffers }
    }

    /// Brings each object of `ids` up to date on the replica. Problems of one object are in its result;
    /// a failure of the replica's disk throws and leaves what was staged for the next run to clean.
    public func replicate(_ ids: [String]) throws(ReplicationError) -> [ObjectReplication] {
        var results: [ObjectReplication] = []
        var plans: [Plan] = []
        for id in ids {
            switch plan(id) {
            case .failure(let problem):
                var result = ObjectReplication(objectID: id)
                result.problem = problem
                results.append(result)
            case .success(let plan) where plan.nothingToDo: results.append(plan.result)
            case .success(let plan): plans.append(plan)
            }
        }
        guard !plans.isEmpty else { return results }
        do {
            for index in plans.indices { try stage(&plans[index]) }
            try ReplicaFileCopy.syncFileSystem(of: replica.staging) { for plan in plans { try FileSystem.syncTree(plan.work) } }
            check(&plans)
            for index in plans.indices where plans[index].result.problem == nil {
                try moveIntoPlace(plans[index])
                CrashPoints.pass("replica object in place")
            }
            try ReplicaFileCopy.syncFileSystem(of: replica.root) {
                for plan in plans where plan.result.problem == nil {
                    let object = replica.root.appendingPathComponent(plan.id)
                    try FileSystem.syncDirectory(object)
                    if !plan.logs.isEmpty { try FileSystem.syncDirectory(object.appendingPathComponent("logs")) }
                }
                try FileSystem.syncDirectory(replica.root)
            }
        } catch {
            throw ReplicationError.onReplica(error, path: replica.root.path)
        }
        for plan in plans {
            try? FileManager.default.removeItem(at: plan.work)
            var result = plan.result
            if result.problem != nil { result.versionsCopied = []; result.logsCopied = 0; result.bytesCopied = 0 }
            results.append(result)
        }
        return results
    }

    /// What the replica lacks of one object, or why it must not be touched.
    func plan(_ id: String) -> Result<Plan, ReplicaProblem> {
        let source = primary.root.appendingPathComponent(id), target = replica.root.appendingPathComponent(id)
        let files: InventoryFiles
        do { files = try InventoryFiles.read(in: source) } catch {
            return .failure(ReplicaProblem(kind: .primaryUnreadable, objectID: id, path: "inventory.json",
                                           message: "el inventario de \(id) en el archivo no se puede leer o no coincide con su huella: no se copia; ejecute memoria verify --item \(id)",
                                           detail: "\(error)"))
        }
        let head = files.inventory.headNumber
        let isNew = !FileManager.default.fileExists(atPath: target.path)
        var have = 0
        if !isNew {
            guard FileManager.default.fileExists(atPath: target.appendingPathComponent("0=ocfl_object_1.1").path) else {
                return .failure(diverged(id, "", "la carpeta \(id) de la réplica no es un objeto OCFL"))
            }
            let numbers = ((try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []).compactMap(OCFLInventory.number(of:)).sorted()
            for number in numbers {
                let version = "v\(number)"
                if number > head {
                    return .failure(ReplicaProblem(kind: .replicaAhead, objectID: id, path: version,
                                                   message: "la réplica tiene \(version) de \(id) y el archivo solo hasta v\(head): no se toca; compruebe que la réplica es de este archivo"))
                }
                guard number == have + 1 else { return .failure(diverged(id, version, "a la réplica le falta v\(have + 1) de \(id) antes de \(version)")) }
                let mine = FileManager.default.contents(atPath: target.appendingPathComponent("\(version)/inventory.json").path)
                guard mine != nil, mine == FileManager.default.contents(atPath: source.appendingPathComponent("\(version)/inventory.json").path) else {
                    return .failure(diverged(id, "\(version)/inventory.json", "\(version) de \(id) en la réplica no es la del archivo (su inventario es distinto)"))
                }
                have = number
            }
        }
        let logs = ReplicaComparison.logNames(source.path + "/logs").subtracting(ReplicaComparison.logNames(target.path + "/logs")).sorted()
        let rootDiffers = isNew || FileManager.default.contents(atPath: target.appendingPathComponent("inventory.json").path) != files.data
            || FileManager.default.contents(atPath: target.appendingPathComponent(files.sidecarName).path) != files.sidecar
        let work = replica.staging.appendingPathComponent("\(id).\(getpid())\(Self.workSuffix)")
        return .success(Plan(id: id, files: files, isNew: isNew, versions: have < head ? (have + 1...head).map { "v\($0)" } : [],
                             logs: logs, rootDiffers: rootDiffers, work: work, result: ObjectReplication(objectID: id)))
    }

    func diverged(_ id: String, _ path: String, _ what: String) -> ReplicaProblem {
        ReplicaProblem(kind: .diverged, objectID: id, path: path,
                       message: "\(what): no se toca; revise la réplica con memoria verify y, si la del archivo es la buena, ejecute memoria replicar --rehacer \(id)")
    }

    /// Copies what the plan names into its work folder (no fsync yet).
    func stage(_ plan: inout Plan) throws {
        let source = primary.root.appendingPathComponent(plan.id)
        try? FileManager.default.removeItem(at: plan.work)
        try FileSystem.createDirectory(plan.work)
        let algorithm = plan.files.inventory.algorithm ?? .sha512
        var staged: [StagedFile] = []
        if plan.isNew {
            try writeCopy(of: source.appendingPathComponent("0=ocfl_object_1.1"), path: "0=ocfl_object_1.1", plan: &plan, algorithm: algorithm, into: &staged)
        }
        for version in plan.versions {
            for (digest, paths) in plan.files.inventory.manifest {
                for path in paths where path.hasPrefix(version + "/") {
                    staged.append(StagedFile(source: source.appendingPathComponent(path), staged: plan.work.appendingPathComponent(path),
                                             path: path, digest: digest, isContent: true))
                }
            }
            // The version's own inventory must match its own sidecar in the archive before it is copied.
            let versionFolder = source.appendingPathComponent(version)
            guard let inventory = FileManager.default.contents(atPath: versionFolder.appendingPathComponent("inventory.json").path),
                  let sidecar = FileManager.default.contents(atPath: versionFolder.appendingPathComponent(plan.files.sidecarName).path),
                  InventoryFiles.sidecarDigest(sidecar) == Digester.digest([UInt8](inventory), algorithm: algorithm) else {
                plan.result.problem = ReplicaProblem(kind: .primaryCorrupted, objectID: plan.id, path: "\(version)/inventory.json",
                                                     message: "el inventario de \(version) de \(plan.id) en el archivo falta o no coincide con su huella: no se copia; ejecute memoria verify --item \(plan.id)")
                return
            }
            for name in ["inventory.json", plan.files.sidecarName] {
                try writeCopy(of: versionFolder.appendingPathComponent(name), path: "\(version)/\(name)", plan: &plan, algorithm: algorithm, into: &staged)
            }
        }
        for name in plan.logs {
            try writeCopy(of: source.appendingPathComponent("logs/\(name)"), path: "logs/\(name)", plan: &plan, algorithm: algorithm, into: &staged)
        }
        for file in staged where file.isContent {
            try FileSystem.createDirectory(file.staged.deletingLastPathComponent())
            plan.result.bytesCopied += try ReplicaFileCopy.copy(file.source, to: file.staged)
        }
        // The root inventory, as the archive has it, byte for byte.
        try write(plan.files.data, to: plan.work.appendingPathComponent("inventory.json"))
        try write(plan.files.sidecar, to: plan.work.appendingPathComponent(plan.files.sidecarName))
        staged.append(StagedFile(source: source.appendingPathComponent("inventory.json"), staged: plan.work.appendingPathComponent("inventory.json"),
                                 path: "inventory.json", digest: Digester.digest([UInt8](plan.files.data), algorithm: algorithm), isContent: false))
        plan.staged = staged
        plan.result.versionsCopied = plan.versions
        plan.result.logsCopied = plan.logs.count
    }

    /// Small files (declarations, inventories, logs) are read whole and written; their digest is taken
    /// from the bytes read, and the staged copy must match it.
    private func writeCopy(of source: URL, path: String, plan: inout Plan, algorithm: DigestAlgorithm, into staged: inout [StagedFile]) throws {
        guard let bytes = FileManager.default.contents(atPath: source.path) else {
            throw OCFLError.system(path: source.path, operation: .read, errno: ENOENT)
        }
        let target = plan.work.appendingPathComponent(path)
        try FileSystem.createDirectory(target.deletingLastPathComponent())
        try write(bytes, to: target)
        plan.result.bytesCopied += Int64(bytes.count)
        staged.append(StagedFile(source: source, staged: target, path: path, digest: Digester.digest([UInt8](bytes), algorithm: algorithm), isContent: false))
    }

    private func write(_ data: Data, to url: URL) throws {
        try FileSystem.write(data, to: url, fsync: false)   // made durable by the group's syncfs
    }

    /// Reads every staged file of the group back from the replica's disk (DiskReadBack: many reads in
    /// flight) and compares its digest; on a content mismatch, the archive's file is digested too, to
    /// say which side is damaged.
    func check(_ plans: inout [Plan]) {
        var files: [(path: String, algorithm: DigestAlgorithm)] = []
        for plan in plans where plan.result.problem == nil {
            let algorithm = plan.files.inventory.algorithm ?? .sha512
            for file in plan.staged { files.append((path: file.staged.path, algorithm: algorithm)) }
        }
        var digests = DiskReadBack().digests(files)[...]
        for index in plans.indices where plans[index].result.problem == nil {
            let count = plans[index].staged.count
            check(&plans[index], found: Array(digests.prefix(count)))
            digests = digests.dropFirst(count)
        }
    }

    private func check(_ plan: inout Plan, found digests: [Result<String, FixityError>]) {
        let algorithm = plan.files.inventory.algorithm ?? .sha512
        for (file, result) in zip(plan.staged, digests) {
            let found: String
            switch result {
            case .success(let digest): found = digest
            case .failure(let error):
                plan.result.problem = mismatch(plan.id, file, detail: "\(error)")
                return
            }
            guard found != file.digest else { continue }
            if file.isContent, let original = try? ReplicaFileCopy.digestFromDisk(file.source, algorithm: algorithm), original != file.digest {
                plan.result.problem = ReplicaProblem(kind: .primaryCorrupted, objectID: plan.id, path: file.path,
                                                     message: "\(plan.id)/\(file.path) del archivo no coincide con su inventario (se dañó): no se copia a la réplica; ejecute memoria verify --item \(plan.id) y restáurelo desde una réplica al día",
                                                     detail: "expected \(file.digest), found \(original)")
            } else {
                plan.result.problem = mismatch(plan.id, file, detail: "expected \(file.digest), found \(found)")
            }
            return
        }
    }

    private func mismatch(_ id: String, _ file: StagedFile, detail: String) -> ReplicaProblem {
        ReplicaProblem(kind: .copyMismatch, objectID: id, path: file.path,
                       message: "la copia de \(id)/\(file.path) en la réplica no coincide al releerla del disco: no se puso en su lugar; revise el disco de la réplica y vuelva a ejecutar",
                       detail: detail)
    }

    /// Renames the staged object (a new one) or its versions, root inventory, sidecar and logs into the
    /// replica, in that order. The directory entries become durable with the group's final syncfs.
    func moveIntoPlace(_ plan: Plan) throws {
        let target = replica.root.appendingPathComponent(plan.id)
        func rename(_ from: URL, _ to: URL) throws {
            guard SystemCall.rename(from.path, to.path) == 0 else { throw OCFLError.system(path: to.path, operation: .rename, errno: errno) }
        }
        if plan.isNew {
            try rename(plan.work, target)
            return
        }
        for version in plan.versions {
            try rename(plan.work.appendingPathComponent(version), target.appendingPathComponent(version))
            CrashPoints.pass("replica version in place")
        }
        if !plan.logs.isEmpty {
            try FileSystem.createDirectory(target.appendingPathComponent("logs"))
            for name in plan.logs { try rename(plan.work.appendingPathComponent("logs/\(name)"), target.appendingPathComponent("logs/\(name)")) }
        }
        if plan.rootDiffers {
            try rename(plan.work.appendingPathComponent("inventory.json"), target.appendingPathComponent("inventory.json"))
            CrashPoints.pass("replica inventory in place")
            try rename(plan.work.appendingPathComponent(plan.files.sidecarName), target.appendingPathComponent(plan.files.sidecarName))
        }
    }
}
