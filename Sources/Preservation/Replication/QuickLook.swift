import Foundation

/// The few small reads the up-to-date check makes for each object, with plain POSIX calls on string
/// paths (Foundation's URL and FileManager layers cost more than the reads themselves when a replica
/// of 10,000 objects is looked at in under a second). Reads only: nothing here writes or caches.
enum QuickLook {
    /// The whole content of a small file (an inventory sidecar), or nil when it cannot be opened or read.
    static func contents(_ path: String, limit: Int = 1 << 16) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= limit {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return nil
    }

    /// The names in a folder, without hidden ones ("." first); empty when it does not exist.
    static func names(in folder: String) -> Set<String> {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names = Set<String>()
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            if !name.hasPrefix(".") { names.insert(name) }
        }
        return names
    }
}
