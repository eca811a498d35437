import Foundation

/// Audits the fixity of archived objects against their inventories: the inventory against its
/// sidecar, every content file in the manifest (missing? digest?), and files on disk that no inventory
/// lists (extra). Reads each file once, streamed.
public struct FixityAuditor: Sendable {
    public struct Problem: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable { case missing, corrupted, extra, inventory }
        public var objectID: String
        public var kind: Kind
        public var path: String
        public var expected: String?
        public var found: String?
        public var message: String
    }

    public struct ObjectResult: Sendable, Equatable, Codable {
        public var objectID: String
        public var filesChecked: Int
        public var bytesChecked: Int64
        public var problems: [Problem]
        public var seconds: Double
    }

    public let storage: OCFLStorageRoot

    public init(storage: OCFLStorageRoot) { self.storage = storage }

    /// Audits one object. `onBytes` reports progress in bytes.
    public func audit(_ id: String, onBytes: (Int64) -> Void = { _ in }) -> ObjectResult {
        let started = Date()
        var result = ObjectResult(objectID: id, filesChecked: 0, bytesChecked: 0, problems: [], seconds: 0)
        defer { result.seconds = Date().timeIntervalSince(started) }
        let root: URL
        let inventory: OCFLInventory
        do {
            root = try storage.objectRoot(id)
            inventory = try storage.inventory(of: id)
        } catch {
            result.problems.append(Problem(objectID: id, kind: .inventory, path: "inventory.json", expected: nil, found: nil, message: "\(error)"))
            return result
        }
        let algorithm = inventory.algorithm ?? .sha512
        let rootPath = root.path
        var listed: Set<String> = []
        for (digest, paths) in inventory.manifest.sorted(by: { $0.key < $1.key }) {
            for path in paths {
                listed.insert(path)
                // Built from strings: URL.appendingPathComponent asks the file system about every result.
                let url = URL(fileURLWithPath: rootPath + "/" + path, isDirectory: false)
                guard FileManager.default.fileExists(atPath: url.path) else {
                    result.problems.append(Problem(objectID: id, kind: .missing, path: path, expected: digest, found: nil,
                                                   message: "falta \(id)/\(path): el inventario lo registra pero no está en el disco; restaure el objeto desde la copia de seguridad"))
                    continue
                }
                let digester = Digester(algorithm)
                var bytes: Int64 = 0
                do {
                    try FileReader.forEachChunk(of: url) { chunk in
                        digester.update(chunk)
                        bytes += Int64(chunk.count)
                        onBytes(Int64(chunk.count))
                    }
                } catch {
                    result.problems.append(Problem(objectID: id, kind: .corrupted, path: path, expected: digest, found: nil, message: "\(error)"))
                    continue
                }
                let found = digester.finalize()
                result.filesChecked += 1
                result.bytesChecked += bytes
                if found != digest {
                    result.problems.append(Problem(objectID: id, kind: .corrupted, path: path, expected: digest, found: found,
                                                   message: "\(id)/\(path): su huella \(algorithm.metsName) no coincide con la del inventario (el archivo cambió o se dañó); restaure el objeto desde la copia de seguridad"))
                }
            }
        }
        // Each version's own inventory must still match its sidecar.
        for version in inventory.versions.keys.sorted() {
            do { _ = try OCFLStorageRoot.readInventory(in: root.appendingPathComponent(version)) } catch {
                result.problems.append(Problem(objectID: id, kind: .inventory, path: "\(version)/inventory.json", expected: nil, found: nil, message: "\(error)"))
            }
        }
        // Files inside version content folders that no inventory lists.
        for version in inventory.versions.keys {
            let contentFolder = "\(version)/\(inventory.contentDirectory ?? "content")"
            guard let enumerator = FileManager.default.enumerator(atPath: rootPath + "/" + contentFolder) else { continue }
            while let subpath = enumerator.nextObject() as? String {
                // Anything but a folder (a file, or a link someone planted) must be in the inventory.
                guard enumerator.fileAttributes?[.type] as? FileAttributeType != .typeDirectory else { continue }
                let relative = contentFolder + "/" + subpath
                if !listed.contains(relative) {
                    result.problems.append(Problem(objectID: id, kind: .extra, path: relative, expected: nil, found: nil,
                                                   message: "\(id)/\(relative) no figura en el inventario: alguien añadió un archivo al archivo OCFL; retírelo (nada debe escribirse ahí a mano)"))
                }
            }
        }
        return result
    }
}
