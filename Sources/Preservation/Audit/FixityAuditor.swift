import Foundation
import Support

/// Audits the fixity of archived objects against their inventories: the inventory against its
/// sidecar, every content file in the manifest (missing? digest?), and files on disk that no inventory
/// lists (extra). Reads each file once, streamed.
public struct FixityAuditor: Sendable {
    public struct Problem: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable {
            case missing, corrupted, extra, inventory
            /// A version folder the inventory lists is not on disk.
            case missingVersion = "missing-version"
            /// The whole-archive checks (the Pipeline adds them): an object the catalog lists is not on
            /// disk, an object on disk the catalog does not know, a METS that no longer lists the inventory's files.
            case missingObject = "missing-object"
            case uncatalogued
            case metsMismatch = "mets-mismatch"
            /// The disk (or the permissions) would not give the file's bytes: nothing says it changed.
            case unreadable
        }
        public var objectID: String
        public var kind: Kind
        public var path: String
        public var expected: String?
        public var found: String?
        public var message: String

        public init(objectID: String, kind: Kind, path: String, expected: String?, found: String?, message: String) {
            self.objectID = objectID
            self.kind = kind
            self.path = path
            self.expected = expected
            self.found = found
            self.message = message
        }
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
        audit(id, keeping: [], onBytes: onBytes).result
    }

    /// An object's audit with what it read that a later check of the same object needs: the root
    /// inventory (checked against its sidecar) and the bytes of the head's files named in `keeping`
    /// (logical paths, e.g. metadata/mets.xml) whose digest matched, so they are not read again.
    public struct AuditedObject: Sendable {
        public var result: ObjectResult
        public var inventory: OCFLInventory?
        public var kept: [String: [UInt8]]
    }

    public func audit(_ id: String, keeping logicalPaths: Set<String>, onBytes: (Int64) -> Void = { _ in }) -> AuditedObject {
        var audited = AuditedObject(result: ObjectResult(objectID: id, filesChecked: 0, bytesChecked: 0, problems: [], seconds: 0),
                                    inventory: nil, kept: [:])
        audited.result = audit(id, keeping: logicalPaths, inventory: &audited.inventory, kept: &audited.kept, onBytes: onBytes)
        return audited
    }

    private func audit(_ id: String, keeping logicalPaths: Set<String>, inventory inventoryRead: inout OCFLInventory?,
                       kept: inout [String: [UInt8]], onBytes: (Int64) -> Void) -> ObjectResult {
        let started = Date()
        var result = ObjectResult(objectID: id, filesChecked: 0, bytesChecked: 0, problems: [], seconds: 0)
        defer { result.seconds = Date().timeIntervalSince(started) }
        let rootPath: String
        let inventory: OCFLInventory
        let rootFiles: (bytes: Data, sidecar: Data)
        do {
            rootPath = try storage.objectRootPath(id)
            let files = try storage.inventoryFiles(of: id)
            (inventory, rootFiles) = (files.inventory, (files.bytes, files.sidecar))
        } catch {
            result.problems.append(Problem(objectID: id, kind: .inventory, path: "inventory.json", expected: nil, found: nil,
                                           message: "el inventario de \(id) no se puede leer o no coincide con su huella (\(Self.spanish(error)))"))
            return result
        }
        inventoryRead = inventory
        let algorithm = inventory.algorithm ?? .sha512
        // The object's declaration (a sampled audit draws from folder names, not from declarations).
        var declaration = stat()
        if stat(rootPath + "/" + Self.objectDeclaration, &declaration) != 0 {
            result.problems.append(Problem(objectID: id, kind: .missing, path: Self.objectDeclaration, expected: nil, found: nil,
                                           message: "falta \(id)/\(Self.objectDeclaration), la declaración que hace de la carpeta un objeto OCFL; restaure el objeto desde la copia de seguridad o una réplica"))
        }
        // Content path → the logical path whose bytes are kept.
        var keptPaths: [String: String] = [:]
        for logical in logicalPaths {
            if let content = inventory.contentPath(forLogicalPath: logical) { keptPaths[content] = logical }
        }
        var listed: Set<String> = []
        for (digest, paths) in inventory.manifest.sorted(by: { $0.key < $1.key }) {
            for path in paths {
                listed.insert(path)
                let digester = Digester(algorithm)
                var bytes: Int64 = 0
                let keptAs = keptPaths[path]
                var keptBytes: [UInt8] = []
                do {
                    // A path built from strings (a URL per file cost more than reading a small one); a
                    // file that is not there is told by the open itself, not by a stat before it.
                    try FileReader.forEachChunk(atPath: rootPath + "/" + path) { chunk in
                        digester.update(chunk)
                        if keptAs != nil { keptBytes.append(contentsOf: chunk) }
                        bytes += Int64(chunk.count)
                        onBytes(Int64(chunk.count))
                    }
                } catch FixityError.unreadable(_, let code) where code == ENOENT || code == ENOTDIR {
                    result.problems.append(Problem(objectID: id, kind: .missing, path: path, expected: digest, found: nil,
                                                   message: "falta \(id)/\(path): el inventario lo registra pero no está en el disco; restaure el objeto desde la copia de seguridad"))
                    continue
                } catch FixityError.unreadable(_, let code) {
                    result.problems.append(Problem(objectID: id, kind: .unreadable, path: path, expected: digest, found: nil,
                                                   message: "\(id)/\(path) no se pudo leer: \(SystemErrorText.spanish(errno: code)). \(SystemErrorText.advice(errno: code)) (memoria verify --item \(id)); si vuelve a fallar con el disco sano, restaure el objeto desde la copia de seguridad"))
                    continue
                } catch {
                    result.problems.append(Problem(objectID: id, kind: .corrupted, path: path, expected: digest, found: nil,
                                                   message: "\(id)/\(path) no se pudo leer (\(Self.spanish(error))); restaure el objeto desde la copia de seguridad"))
                    continue
                }
                let found = digester.finalize()
                result.filesChecked += 1
                result.bytesChecked += bytes
                if found == digest, let keptAs {
                    kept[keptAs] = keptBytes
                } else if found != digest {
                    result.problems.append(Problem(objectID: id, kind: .corrupted, path: path, expected: digest, found: found,
                                                   message: "\(id)/\(path): su huella \(algorithm.metsName) no coincide con la del inventario (el archivo cambió o se dañó); restaure el objeto desde la copia de seguridad"))
                }
            }
        }
        // Each version's own inventory must still match its sidecar.
        for version in inventory.versions.keys.sorted(by: { (OCFLInventory.number(of: $0) ?? 0) < (OCFLInventory.number(of: $1) ?? 0) }) {
            var info = stat()
            guard stat(rootPath + "/" + version, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                result.problems.append(Problem(objectID: id, kind: .missingVersion, path: "\(version)/", expected: nil, found: nil,
                                               message: "falta la versión \(version) de \(id): el inventario la registra pero su carpeta no está en el disco; restaure el objeto desde la copia de seguridad o una réplica"))
                continue
            }
            // The head version's copy is usually the root inventory byte for byte: then it was just checked.
            let folder = rootPath + "/" + version
            do {
                // A read error here is the audit's to report, not a reason to read the file again.
                if try FileSystem.contentsIfPresent(atPath: folder + "/inventory.json") == rootFiles.bytes,
                   try FileSystem.contentsIfPresent(atPath: folder + "/inventory.json.\(algorithm.rawValue)") == rootFiles.sidecar {
                    continue
                }
                _ = try OCFLStorageRoot.readInventory(in: URL(fileURLWithPath: folder, isDirectory: true))
            } catch {
                result.problems.append(Problem(objectID: id, kind: .inventory, path: "\(version)/inventory.json", expected: nil, found: nil,
                                               message: "el inventario de la versión \(version) de \(id) no coincide con su huella o falta (\(Self.spanish(error))); restaure el objeto desde la copia de seguridad"))
            }
        }
        // Files inside version content folders that no inventory lists.
        for version in inventory.versions.keys {
            let contentFolder = "\(version)/\(inventory.contentDirectory ?? "content")"
            // Anything but a folder (a file, or a link someone planted) must be in the inventory.
            for subpath in ContentWalk.nonFolders(under: rootPath + "/" + contentFolder).sorted() {
                let relative = contentFolder + "/" + subpath
                if !listed.contains(relative) {
                    result.problems.append(Problem(objectID: id, kind: .extra, path: relative, expected: nil, found: nil,
                                                   message: "\(id)/\(relative) no figura en el inventario: alguien añadió un archivo al archivo OCFL; retírelo (nada debe escribirse ahí a mano)"))
                }
            }
        }
        return result
    }

    /// The file that declares a folder an OCFL 1.1 object.
    static let objectDeclaration = "0=ocfl_object_1.1"

    /// A library or file-system error in Spanish (the Preservation room's own errors say it themselves).
    static func spanish(_ error: Error) -> String {
        (error as? PersonFacingError)?.whatHappened ?? SystemErrorText.describe(error).spanish
    }
}
