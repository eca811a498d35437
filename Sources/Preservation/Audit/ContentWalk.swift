import Foundation

/// Everything under a folder that is not a folder, listed with readdir(3) and the kind of entry the
/// directory itself records (lstat only where the file system leaves it unknown). Foundation's
/// enumerator asks for every entry's whole attribute dictionary (owner and group names included): in a
/// sampled verify of small objects that cost more than reading and digesting their files.
enum ContentWalk {
    /// Paths relative to `folder` ("objects/p0001.tif") of its files, symbolic links (never followed)
    /// and any other non-folder entry, in no particular order. A folder that cannot be opened (absent,
    /// or no permission) contributes nothing, as Foundation's enumerator did. An entry whose name is not
    /// valid UTF-8 (file or folder) is given with replacement characters and not entered: no inventory
    /// can list it, so it is reported as it is.
    static func nonFolders(under folder: String) -> [String] {
        var found: [String] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            guard let directory = opendir(path) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let raw = withUnsafeBytes(of: entry.pointee.d_name) { bytes in Array(bytes.prefix { $0 != 0 }) }
                if raw == [0x2E] || raw == [0x2E, 0x2E] { continue }
                // A name that is not UTF-8 cannot be reached by a String path: reported, not entered.
                guard let name = String(validating: raw, as: UTF8.self) else {
                    found.append((relative.isEmpty ? "" : relative + "/") + String(decoding: raw, as: UTF8.self))
                    continue
                }
                let child = relative.isEmpty ? name : relative + "/" + name
                if isFolder(type: entry.pointee.d_type, path: path + "/" + name) {
                    pending.append(child)
                } else {
                    found.append(child)
                }
            }
        }
        return found
    }

    /// Whether an entry is a real folder (a link to one is not): from the directory entry's type,
    /// or from lstat where the file system does not record it.
    private static func isFolder(type: UInt8, path: String) -> Bool {
        if type != UInt8(DT_UNKNOWN) { return type == UInt8(DT_DIR) }
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
