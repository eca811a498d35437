import Foundation
import Support

/// Writes the site's files. A full publish writes into a fresh folder beside the site and swaps it in
/// at the end; an incremental publish replaces files in place, each atomically (temporary file +
/// rename), and only when its content changed: a visitor sees the old or the new file, never half of one.
final class SiteOutput {
    let target: URL
    /// `target` as a path: every file goes through here, and URL's appendingPathComponent both parses
    /// and asks the file system whether each result is a folder (a fifth of an incremental publish).
    private let targetPath: String
    let compare: Bool
    private(set) var written = 0
    private(set) var unchanged = 0
    private(set) var bytes: Int64 = 0
    private var createdFolders: Set<String> = []
    /// Logical path → versioned path of every versioned file in the site (see VersionedNames), and
    /// the part of it that HTML pages refer to directly.
    private(set) var versions: [String: String]
    private var pageNames: [String: String]
    private var retired: Set<String> = []
    /// Every path this publish wrote or removed (what SiteGenerations replays into the other copy).
    private(set) var touched: Set<String> = []
    /// While recording (`beginRecording`), every path written or linked, changed or not.
    private var recorded: Set<String>?

    /// - Parameter versions: the versioned names already in `target` (an incremental publish).
    init(target: URL, compareWithExisting: Bool, versions: [String: String] = [:]) throws {
        self.target = target
        targetPath = target.path
        compare = compareWithExisting
        self.versions = versions
        pageNames = versions.filter { VersionedNames.rule(for: $0.key).referencedFromPages }
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    }

    /// Where a logical path's current content is (its versioned name when it has one).
    func existingPath(_ relative: String) -> String { path(versions[relative] ?? relative) }

    /// The versioned files of `previous` that this publish replaced: safe to delete once the new
    /// site is complete.
    func replacedVersions(of previous: [String: String]) -> [String] {
        let current = Set(versions.values)
        return Set(previous.values).union(retired).subtracting(current).sorted()
    }

    /// The absolute path of a site-relative path ("items/BSH-0001/index.html").
    func path(_ relative: String) -> String { targetPath + "/" + relative }

    /// The folder of a path and the temporary name a file is written under before its rename.
    private func folderAndTemporary(_ destination: String) -> (folder: String, temporary: String) {
        guard let slash = destination.lastIndex(of: "/") else { return (".", ".\(destination).tmp") }
        return (String(destination[..<slash]), "\(destination[..<slash])/.\(destination[destination.index(after: slash)...]).tmp")
    }

    /// Makes a folder and the ones above it that are missing: one mkdir for a folder whose parent
    /// this publish already made or found (FileManager's intermediate creation asks the file system
    /// about every folder of the path first, thousands of stats in a full publish).
    private func createFolder(_ folder: String) throws {
        guard !createdFolders.contains(folder) else { return }
        if mkdir(folder, 0o755) != 0 {
            var code = errno
            if code == ENOENT, let slash = folder.lastIndex(of: "/"), slash > folder.startIndex {
                try createFolder(String(folder[..<slash]))
                code = mkdir(folder, 0o755) == 0 ? 0 : errno
            }
            if code == EEXIST {
                var info = stat()
                guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                    throw SiteError.system(path: folder, operation: "crear la carpeta", errno: ENOTDIR)
                }
            } else if code != 0 {
                throw SiteError.system(path: folder, operation: "crear la carpeta", errno: code)
            }
        }
        createdFolders.insert(folder)
    }

    /// Writes a site file: scripts, stylesheets and search shards under their versioned name
    /// (VersionedNames), HTML with its references to them rewritten, everything else as named.
    func write(_ relative: String, _ data: Data) throws {
        let rule = VersionedNames.rule(for: relative)
        guard rule.versioned else {
            try writeFile(relative, relative.hasSuffix(".html") ? VersionedNames.rewrite(data, names: pageNames) : data)
            return
        }
        let published = VersionedNames.name(relative, data)
        try writeFile(published, data)
        if let old = versions[relative], old != published { retired.insert(old) }
        versions[relative] = published
        if rule.referencedFromPages {
            pageNames[relative] = published
            try writeFile(relative, data)
        }
    }

    private func writeFile(_ relative: String, _ data: Data) throws {
        let destination = path(relative)
        recorded?.insert(relative)
        bytes += Int64(data.count)
        if compare, let existing = FileManager.default.contents(atPath: destination), existing == data {
            unchanged += 1
            return
        }
        let (folder, temporary) = folderAndTemporary(destination)
        try createFolder(folder)
        // Plain POSIX writes, no fsync: the site is derived data, rebuilt by `memoria publish --full`
        // (Foundation's Data.write synced every one of the site's 100,000+ files).
        // Through SystemCall, so that a test can make any of them fail (Support/FaultInjection).
        if !compare {
            // A full publish's fresh folder, which no visitor sees until the swap: a new file is written
            // under its own name, with no temporary file and rename. A path already there (a hard link
            // to a derivative, shared with derivatives/) is never truncated: it is replaced as below.
            let fd = SystemCall.open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644, for: .create)
            if fd >= 0 {
                let failed = data.withUnsafeBytes { SystemCall.writeAll(fd, $0) }
                close(fd)
                if let failed { unlink(destination); throw SiteError.system(path: destination, operation: "escribir", errno: failed) }
                touched.insert(relative)
                CrashPoints.pass("site file written")
                written += 1
                return
            }
            guard errno == EEXIST else { throw SiteError.system(path: destination, operation: "crear", errno: errno) }
        }
        let fd = SystemCall.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644, for: .create)
        guard fd >= 0 else { throw SiteError.system(path: destination, operation: "crear", errno: errno) }
        let failed = data.withUnsafeBytes { SystemCall.writeAll(fd, $0) }
        close(fd)
        if let failed { unlink(temporary); throw SiteError.system(path: destination, operation: "escribir", errno: failed) }
        if SystemCall.rename(temporary, destination) != 0 {
            let code = errno
            unlink(temporary)
            throw SiteError.system(path: destination, operation: "poner en su lugar", errno: code)
        }
        touched.insert(relative)
        CrashPoints.pass("site file written")
        written += 1
    }

    func write(_ relative: String, _ text: String) throws { try write(relative, Data(text.utf8)) }

    /// Puts a derivative image in the site: a hard link when possible (no copy), else a copy.
    func link(_ relative: String, from source: String) throws {
        let destination = path(relative)
        recorded?.insert(relative)
        var sourceInfo = stat(), destinationInfo = stat()
        guard stat(source, &sourceInfo) == 0 else { throw SiteError.missingDerivative(path: source) }
        bytes += Int64(sourceInfo.st_size)
        if compare, stat(destination, &destinationInfo) == 0, destinationInfo.st_ino == sourceInfo.st_ino {
            unchanged += 1
            return
        }
        let (folder, temporary) = folderAndTemporary(destination)
        try createFolder(folder)
        // A full publish's fresh folder: linked under its own name (no temporary file and rename)
        // unless something is there already, which is replaced as below.
        if !compare, Foundation.link(source, destination) == 0 {
            touched.insert(relative)
            written += 1
            return
        }
        unlink(temporary)
        if Foundation.link(source, temporary) != 0 {
            do { try FileManager.default.copyItem(atPath: source, toPath: temporary) } catch {
                throw SiteError.system(path: destination, operation: "copiar", errno: SystemErrorText.errno(of: error) ?? EIO)
            }
        }
        if SystemCall.rename(temporary, destination) != 0 {
            let code = errno
            unlink(temporary)
            throw SiteError.system(path: destination, operation: "poner en su lugar", errno: code)
        }
        touched.insert(relative)
        written += 1
    }

    func remove(_ relative: String) {
        if let published = versions.removeValue(forKey: relative) {
            // The versioned file goes with the others this publish replaced, once the site is complete.
            pageNames[relative] = nil
            retired.insert(published)
        }
        removeFile(relative)
    }

    /// Removes a file or folder of the site, as this publish's change.
    func removeFile(_ relative: String) {
        var info = stat()
        guard lstat(path(relative), &info) == 0 else { return }
        touched.insert(relative)
        try? FileManager.default.removeItem(atPath: path(relative))
    }

    /// Starts noting every path written or linked (an item's files, to prune what it no longer has).
    func beginRecording() { recorded = [] }

    /// The paths written or linked since `beginRecording`, changed or not; recording stops.
    func endRecording() -> Set<String> {
        defer { recorded = nil }
        return recorded ?? []
    }

    /// Removes files under `folder` that this publish did not produce (stale pages of a list that shrank),
    /// and the folders that leaves empty.
    func prune(_ folder: String, keeping: Set<String>) {
        for file in FileTree.files(under: path(folder)) where !keeping.contains(folder + "/" + file.path) {
            touched.insert(folder + "/" + file.path)
            unlink(path(folder + "/" + file.path))
            // rmdir removes only an empty folder: it stops at the first one still holding something.
            var parent = (folder + "/" + file.path as NSString).deletingLastPathComponent
            while parent.count > folder.count, rmdir(path(parent)) == 0 { parent = (parent as NSString).deletingLastPathComponent }
        }
    }
}

/// Errors of the Site room.
public enum SiteError: Error, CustomStringConvertible, Sendable {
    case templates(String)
    case write(path: String, reason: String)
    case missingDerivative(path: String)
    /// A system call failed on a file of the site: what it was doing (a Spanish verb) and its errno.
    case system(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .templates(let reason): return "the site templates cannot be read (\(reason)); reinstall Memoria with its memoria_Site.resources folder"
        case .write(let path, let reason): return "cannot write \(path): \(reason); check free space and permissions"
        case .missingDerivative(let path): return "the derivative \(path) is missing; run `memoria derive` and publish again"
        case .system(let path, let operation, let code): return "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}

extension SiteError: SystemCallFailure {
    public var systemErrno: Int32? {
        if case .system(_, _, let code) = self { return code }
        return nil
    }
}

extension SiteError: PersonFacingError {
    public var whatHappened: String {
        switch self {
        case .templates: return "no se pueden leer las plantillas del sitio"
        case .write(let path, _): return "no se pudo escribir \(SitePathWording.phrase(path))"
        case .missingDerivative(let path): return "falta la copia de consulta «\(path)»"
        case .system(let path, let operation, let code):
            return "no se pudo \(operation) \(SitePathWording.phrase(path)): \(SystemErrorText.spanish(errno: code))"
        }
    }

    public var whatToDo: String {
        switch self {
        case .templates: return "Vuelva a instalar Memoria con su carpeta memoria_Site.resources"
        case .write: return "Revise el espacio libre y los permisos de la carpeta del sitio y vuelva a publicar"
        case .missingDerivative: return "Ejecute memoria derive y vuelva a publicar"
        case .system(_, _, let code): return SystemErrorText.advice(errno: code)
        }
    }

    public var technicalDetail: String? { description }
}
