import Support
import Foundation

/// Moves rejected files out of the inbox into quarantine/<fonds>/<batch>/, keeping their path inside
/// the batch, each beside a `<name>.reason.txt` in Spanish (what is wrong, what to do). A file is never
/// deleted: across file systems it is copied, verified and only then removed.
public struct QuarantineStore: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public struct Placement: Sendable, Equatable {
        public var quarantinedPath: String
        public var reasonFile: String
    }

    /// Everything the reason file says.
    public struct Reason: Sendable {
        public var batch: String
        public var originalPath: String
        public var itemID: String?
        public var code: String
        /// Spanish name of the reason ("imagen ilegible o dañada").
        public var label: String
        public var message: String
        public var digest: String?
        public var date: Date

        public init(batch: String, originalPath: String, itemID: String?, code: String, label: String, message: String, digest: String?,
                    date: Date) {
            self.batch = batch
            self.originalPath = originalPath
            self.itemID = itemID
            self.code = code
            self.label = label
            self.message = message
            self.digest = digest
            self.date = date
        }
    }

    /// Moves the file at `rawPath` (raw bytes: the name may not be valid UTF-8) to
    /// quarantine/<batchFolder>/<relative> and writes the reason file.
    public func quarantine(rawPath: [UInt8], relativeTo batchFolder: URL, batchKey: String, reason: Reason) throws -> Placement {
        let batchRaw = Array(batchFolder.path.utf8)
        var relative: [UInt8] = rawPath.starts(with: batchRaw + [0x2F]) ? Array(rawPath.dropFirst(batchRaw.count + 1)) : Array(rawPath.split(separator: 0x2F).last ?? [])
        // Invalid names become readable ASCII names; the original bytes are stated in the reason file.
        let components = relative.split(separator: 0x2F, omittingEmptySubsequences: true).map { part -> String in
            if let text = String(validating: part, as: UTF8.self), !text.contains(".."), !text.hasPrefix("."),
               !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return text
            }
            return "nombre-invalido-" + part.map { String(format: "%02X", $0) }.joined()
        }
        relative = Array(components.joined(separator: "/").utf8)
        let destinationFolder = root.appendingPathComponent(batchKey)
        var destination = destinationFolder.appendingPathComponent(String(decoding: relative, as: UTF8.self))
        try FileSystem.createDirectory(destination.deletingLastPathComponent())
        var counter = 2
        while FileManager.default.fileExists(atPath: destination.path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: destination.path)) != nil {
            let base = destination.deletingPathExtension().lastPathComponent.replacingOccurrences(of: " (\(counter - 1))", with: "")
            let ext = destination.pathExtension
            destination = destination.deletingLastPathComponent().appendingPathComponent("\(base) (\(counter))" + (ext.isEmpty ? "" : ".\(ext)"))
            counter += 1
        }
        try move(rawPath: rawPath, to: destination)
        let reasonURL = URL(fileURLWithPath: destination.path + ".reason.txt")
        try FileSystem.writeDurably(Data(Self.reasonText(reason, quarantined: destination.lastPathComponent).utf8), to: reasonURL)
        return Placement(quarantinedPath: destination.path, reasonFile: reasonURL.path)
    }

    private func move(rawPath: [UInt8], to destination: URL) throws {
        let source = rawPath + [0]
        let result = source.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { SystemCall.rename(rawPath: $0.baseAddress!, destination.path) } }
        if result == 0 {
            try FileSystem.syncDirectory(destination.deletingLastPathComponent())
            return
        }
        guard errno == EXDEV else {
            throw OCFLError.system(path: destination.path, operation: .move, errno: errno)
        }
        // Another file system: copy, verify, then remove the original.
        let sourceURL = URL(fileURLWithPath: String(decoding: rawPath, as: UTF8.self))
        let copy = try Digester.copy(sourceURL, to: destination, algorithm: .sha256)
        let check = try Digester.digest(fileAt: destination, algorithm: .sha256)
        guard copy.digest == check else {
            throw OCFLError.copyMismatch(objectID: "cuarentena", logicalPath: destination.lastPathComponent, expected: copy.digest, found: check)
        }
        _ = source.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { unlink($0.baseAddress!) } }
    }

    static func reasonText(_ reason: Reason, quarantined: String) -> String {
        var lines = [
            "Memoria — archivo en cuarentena",
            "",
            "Archivo:   \(quarantined)",
            "Origen:    \(reason.originalPath)",
            "Lote:      \(reason.batch)",
        ]
        if let item = reason.itemID { lines.append("Ítem:      \(item)") }
        lines += [
            "Fecha:     \(Timestamp.forPeople(reason.date))",
            "Motivo:    \(reason.label)",
        ]
        if let digest = reason.digest { lines.append("Huella:    \(digest)") }
        lines += ["", "Qué pasó y qué hacer:", SpanishText.sentences(reason.message), "",
                  "Un ítem se archiva completo o no se archiva: cuando este archivo esté corregido, vuelva a depositar el ítem entero (también las páginas que esperan aquí con él) en la bandeja de entrada.", ""]
        return lines.joined(separator: "\n")
    }

    /// The file at `relative` (inside the quarantine) and its reason file.
    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// Removes a quarantined file whose bytes are now in the archive, with its reason file.
    public func remove(_ relative: String) throws {
        let file = url(relative)
        for target in [file, URL(fileURLWithPath: file.path + ".reason.txt")] where FileManager.default.fileExists(atPath: target.path) {
            do { try FileManager.default.removeItem(at: target) } catch {
                throw OCFLError.system(path: target.path, operation: .write, errno: SystemErrorText.errno(of: error) ?? EIO)
            }
        }
        removeEmptyFolders(from: file.deletingLastPathComponent())
    }

    /// Adds a line at the end of a quarantined file's reason file ("Resuelto: …").
    public func appendNote(_ relative: String, _ line: String) throws {
        let reason = URL(fileURLWithPath: url(relative).path + ".reason.txt")
        guard let old = FileManager.default.contents(atPath: reason.path) else { return }
        try FileSystem.replaceAtomically(reason, with: old + Data((line + "\n").utf8))
    }

    /// Moves a quarantined file back to `destination` (never over an existing file), verified when it
    /// crosses disks, and removes its reason file.
    public func moveBack(_ relative: String, to destination: URL) throws {
        let source = url(relative)
        guard !FileManager.default.fileExists(atPath: destination.path) else {
            throw OCFLError.system(path: destination.path, operation: .move, errno: EEXIST)
        }
        try FileSystem.createDirectory(destination.deletingLastPathComponent())
        if SystemCall.rename(source.path, destination.path) != 0 {
            guard errno == EXDEV else { throw OCFLError.system(path: destination.path, operation: .move, errno: errno) }
            let copy = try Digester.copy(source, to: destination, algorithm: .sha256)
            guard copy.digest == (try Digester.digest(fileAt: destination, algorithm: .sha256)) else {
                throw OCFLError.copyMismatch(objectID: "cuarentena", logicalPath: destination.lastPathComponent, expected: copy.digest, found: "")
            }
            try FileManager.default.removeItem(at: source)
        }
        let reason = URL(fileURLWithPath: source.path + ".reason.txt")
        if FileManager.default.fileExists(atPath: reason.path) { try? FileManager.default.removeItem(at: reason) }
        removeEmptyFolders(from: source.deletingLastPathComponent())
    }

    /// Removes folders left empty inside the quarantine (never the quarantine itself).
    private func removeEmptyFolders(from folder: URL) {
        var current = folder.standardizedFileURL
        let top = root.standardizedFileURL.path
        while current.path.hasPrefix(top + "/"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: current.path), names.isEmpty {
            try? FileManager.default.removeItem(at: current)
            current.deleteLastPathComponent()
        }
    }

    /// The quarantine's own register: one JSON file per event, written once and never rewritten
    /// (`_registro/<stamp>.json`), so the quarantine's history survives the loss of the catalog.
    public static let registerFolder = "_registro"   // no fonds slug can be written so

    public func writeRegister(name: String, bytes: [UInt8]) throws {
        let folder = root.appendingPathComponent(Self.registerFolder)
        try FileSystem.createDirectory(folder)
        var file = "\(name).json"
        var attempt = 1
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) {
            attempt += 1
            file = "\(name)-\(attempt).json"
        }
        try FileSystem.replaceAtomically(folder.appendingPathComponent(file), with: Data(bytes))
    }

    /// Every register file, oldest name first.
    public func readRegister() throws -> [[UInt8]] {
        let folder = root.appendingPathComponent(Self.registerFolder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return try names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { name in
            let path = folder.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else { throw OCFLError.system(path: path, operation: .read, errno: EIO) }
            return [UInt8](data)
        }
    }
}
