import Foundation
import Support

/// Folder operations on the site's copies (SiteGenerations): a clone made of hard links, and removal.
/// Folders and links are made through SystemCall, so that a test can make any of them fail.
enum SiteTree {
    /// Copies the tree at `source` to `destination` (which must not exist): folders made anew, files as
    /// hard links to the same content (a copy where the file system refuses links).
    static func clone(_ source: String, to destination: String) throws {
        try makeFolder(destination)
        try FileTree.walk(source, unreadable: { folder, code in
            throw SiteError.system(path: folder, operation: "leer la carpeta", errno: code)
        }) { path, isFolder, _ in
            if isFolder { try makeFolder(destination + "/" + path) } else { try linkOrCopy(source + "/" + path, to: destination + "/" + path) }
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
        // A site is 100,000+ files: unlink and rmdir from one readdir walk (Foundation's removeItem
        // costs several system calls more per file). Anything the walk passes over (a symbolic link)
        // leaves its folder not empty, and Foundation removes that folder.
        var folders: [String] = []
        try FileTree.walk(path, unreadable: { folder, code in
            throw SiteError.system(path: folder, operation: "leer la carpeta", errno: code)
        }) { relative, isFolder, _ in
            if isFolder { folders.append(relative); return }
            guard unlink(path + "/" + relative) == 0 || errno == ENOENT else {
                throw SiteError.system(path: path + "/" + relative, operation: "borrar", errno: errno)
            }
        }
        for folder in folders.reversed().map({ path + "/" + $0 }) + [path] where rmdir(folder) != 0 && errno != ENOENT {
            do { try FileManager.default.removeItem(atPath: folder) } catch {
                throw SiteError.system(path: folder, operation: "borrar", errno: SystemErrorText.errno(of: error) ?? EIO)
            }
        }
    }
}
