import Foundation

/// One way a replica differs from the archive, found by comparing inventories and logs (content
/// bytes are the fixity auditor's business).
public struct ReplicaDifference: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case missingObject = "missing-object", missingVersions = "missing-versions", diverged
        case extraObject = "extra-object", missingLogs = "missing-logs", differentLog = "different-log"
    }
    public var objectID: String
    public var kind: Kind
    public var path: String
    /// Spanish: what differs and what to do.
    public var message: String

    /// The replica only lags behind (a copy not yet made, which `memoria replicar` makes): not damage.
    public var isLag: Bool { [.missingObject, .missingVersions, .missingLogs].contains(kind) }
}

/// How far a replica is behind the archive.
public struct ReplicaLag: Sendable, Codable, Equatable {
    public var objects = 0
    public var objectsBehind = 0
    public var versionsBehind = 0
    public var logsBehind = 0
    /// When the oldest version the replica lacks was made (UTC record time), if any.
    public var oldestMissingVersion: String?
    public var isUpToDate: Bool { objectsBehind == 0 }
}

/// Compares a replica with the archive without writing anything to either.
public struct ReplicaComparison: Sendable {
    public let primary: URL
    public let replica: URL
    /// The same folders as paths, computed once (the quick look runs for every object).
    let primaryPath: String
    let replicaPath: String

    public init(primary: URL, replica: URL) {
        self.primary = primary
        self.replica = replica
        primaryPath = primary.path
        replicaPath = replica.path
    }

    /// True when the replica folder is an initialised OCFL storage root.
    public static func isStorageRoot(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("0=ocfl_1.1").path)
    }

    /// The quick look: the replica's root inventory sidecar is the archive's, byte for byte, and it
    /// holds every log file of the archive's object (a few small reads, no digest, no JSON).
    public func isUpToDate(_ id: String) -> Bool {
        Self.isUpToDate(source: primaryPath + "/" + id, target: replicaPath + "/" + id)
    }

    /// The quick look on two object folders given as paths.
    static func isUpToDate(source: String, target: String) -> Bool {
        for name in ["/inventory.json.sha512", "/inventory.json.sha256"] {
            guard let mine = QuickLook.contents(source + name) else { continue }
            guard QuickLook.contents(target + name) == mine else { return false }
            let logs = logNames(source + "/logs")
            return logs.isEmpty || logs.isSubset(of: logNames(target + "/logs"))
        }
        return false
    }

    static func logNames(_ folder: String) -> Set<String> { QuickLook.names(in: folder) }


    /// Objects of the replica the archive does not have.
    public func extraObjects(primaryIDs: [String]) -> [ReplicaDifference] {
        let known = Set(primaryIDs)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: replica.path)) ?? []
        func isFolder(_ name: String) -> Bool {
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: replica.path + "/" + name, isDirectory: &folder) && folder.boolValue
        }
        return names.filter { !$0.hasPrefix(".") && $0 != "extensions" && !known.contains($0) && isFolder($0) }.sorted().map { id in
            ReplicaDifference(objectID: id, kind: .extraObject, path: id,
                              message: "la réplica tiene el objeto \(id), que el archivo no tiene: compruebe que la réplica es de este archivo; si el archivo lo perdió, recupérelo de la réplica")
        }
    }

    /// How one object of the archive differs in the replica (empty: the same inventory and logs).
    /// An unreadable replica inventory is left to the fixity auditor, which names it.
    public func differences(_ id: String) -> [ReplicaDifference] {
        if isUpToDate(id), let files = try? InventoryFiles.read(in: replica.appendingPathComponent(id)),
           (try? InventoryFiles.read(in: primary.appendingPathComponent(id)))?.data == files.data {
            return logDifferences(id)
        }
        guard let mine = try? InventoryFiles.read(in: primary.appendingPathComponent(id)) else { return [] }
        let target = replica.appendingPathComponent(id)
        guard FileManager.default.fileExists(atPath: target.path) else {
            return [ReplicaDifference(objectID: id, kind: .missingObject, path: id,
                                      message: "falta \(id) en la réplica: ejecute memoria replicar")]
        }
        guard let theirs = try? InventoryFiles.read(in: target) else { return logDifferences(id) }
        var found: [ReplicaDifference] = []
        let head = mine.inventory.headNumber, replicaHead = theirs.inventory.headNumber
        for number in 1...max(1, min(head, replicaHead)) where mine.inventory.versions["v\(number)"] != theirs.inventory.versions["v\(number)"] {
            found.append(ReplicaDifference(objectID: id, kind: .diverged, path: "v\(number)",
                                           message: "v\(number) de \(id) en la réplica no es la del archivo: si la del archivo es la buena, ejecute memoria replicar --rehacer \(id)"))
        }
        if replicaHead > head {
            found.append(ReplicaDifference(objectID: id, kind: .diverged, path: "v\(head + 1)",
                                           message: "la réplica tiene \(id) hasta v\(replicaHead) y el archivo solo hasta v\(head): compruebe que la réplica es de este archivo"))
        } else if replicaHead < head {
            let missing = (replicaHead + 1...head).map { "v\($0)" }
            found.append(ReplicaDifference(objectID: id, kind: .missingVersions, path: missing[0],
                                           message: "a \(id) en la réplica le \(missing.count == 1 ? "falta" : "faltan") \(missing.count == 1 ? missing[0] : "\(missing[0]) a \(missing.last!)"): ejecute memoria replicar"))
        }
        return found + logDifferences(id)
    }

    private func logDifferences(_ id: String) -> [ReplicaDifference] {
        let source = primary.path + "/" + id + "/logs", target = replica.path + "/" + id + "/logs"
        let mine = Self.logNames(source), theirs = Self.logNames(target)
        var found: [ReplicaDifference] = []
        let missing = mine.subtracting(theirs).sorted()
        if !missing.isEmpty {
            found.append(ReplicaDifference(objectID: id, kind: .missingLogs, path: "logs/\(missing[0])",
                                           message: "a \(id) en la réplica le faltan \(missing.count) de sus registros (logs/): ejecute memoria replicar"))
        }
        for name in mine.intersection(theirs).sorted()
        where FileManager.default.contents(atPath: source + "/" + name) != FileManager.default.contents(atPath: target + "/" + name) {
            found.append(ReplicaDifference(objectID: id, kind: .differentLog, path: "logs/\(name)",
                                           message: "el registro logs/\(name) de \(id) es distinto en la réplica: alguien lo cambió; los registros no se editan. Aparte la copia con memoria replicar --rehacer \(id)"))
        }
        return found
    }

    /// How far the replica is behind, over `ids` (the archive's objects).
    public func lag(_ ids: [String]) -> ReplicaLag {
        var lag = ReplicaLag(objects: ids.count)
        for id in ids where !isUpToDate(id) {
            lag.objectsBehind += 1
            guard let mine = try? InventoryFiles.read(in: primary.appendingPathComponent(id)) else { continue }
            let target = replica.appendingPathComponent(id)
            let replicaHead = (try? InventoryFiles.read(in: target))?.inventory.headNumber ?? 0
            let head = mine.inventory.headNumber
            for number in stride(from: replicaHead + 1, through: head, by: 1) {
                lag.versionsBehind += 1
                if let created = mine.inventory.versions["v\(number)"]?.created, lag.oldestMissingVersion.map({ created < $0 }) ?? true {
                    lag.oldestMissingVersion = created
                }
            }
            lag.logsBehind += Self.logNames(primary.path + "/" + id + "/logs").subtracting(Self.logNames(target.path + "/logs")).count
        }
        return lag
    }
}
