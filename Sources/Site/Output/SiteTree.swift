import Foundation
import Support

/// Folder operations on the site's copies (SiteGenerations): a clone made of hard links, and removal.
/// Folders and links are made through SystemCall, so that a test can make any of them fail.
enum SiteTree {
    /// Copies the tree at `source` to `destination` (which must not exist): folders made anew, files as
    /// hard links to the same content (a copy where the file system refuses links).
    static func clone(_ source: String, to destination: String) throws {
        var folders = [""]
        try makeFolder(destination)
        while let relative = folders.popLast() {
            let from = relative.isEmpty ? source : source + "/" + relative
            guard let directory = opendir(from) else { throw SiteError.system(path: from, operation: "leer la carpeta", errno: errno) }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(source + "/" + path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    try makeFolder(destination + "/" + path)
                    folders.append(path)
                case S_IFREG:
                    try linkOrCopy(source + "/" + path, to: destination + "/" + path)
                default: break
                }
            }
        }
    }

    static func linkOrCopy(_ source: String, to destination: String) throws {
        if SystemCall.link(source, destination) == 0 { return }
        let code = errno
        guard code == EXDEV || code == EPERM || code == EMLINK || code == ENOTSUP else {
            throw SiteError.system(path: destination, operation: "enlazar", errno: code)
        }
        do { try FileManager.default.copyItem(atPath: source, toPath: destination) } catch {
            throw SiteError.system(path: destination, operation: "copiar", errno: SystemErrorText.errno(of: error) ?? EIO)
        }
    }

    static func makeFolder(_ path: String) throws {
        guard SystemCall.mkdir(path) == 0 || errno == EEXIST else { throw SiteError.system(path: path, operation: "crear la carpeta", errno: errno) }
    }

    /// mkdir -p.
    static func makeFolders(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 { return }
        try makeFolders((path as NSString).deletingLastPathComponent)
        try makeFolder(path)
    }

    /// Removes a file or a whole folder; nothing to do when it is not there.
    static func remove(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT != S_IFDIR {
            guard unlink(path) == 0 || errno == ENOENT else { throw SiteError.system(path: path, operation: "borrar", errno: errno) }
            return
        }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw SiteError.system(path: path, operation: "borrar", errno: SystemErrorText.errno(of: error) ?? EIO)
        }
    }
}
