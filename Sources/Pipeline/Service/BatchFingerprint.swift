import Foundation
import Support

/// What a batch folder holds (each file's relative path, size and modification time), hashed: the
/// service takes a batch it already took only when this changed, so a batch held for a missing
/// sheet is not ingested (and reported) again at every look, but is taken as soon as someone fixes it.
enum BatchFingerprint {
    static func of(_ folder: URL) -> UInt64 {
        var lines: [String] = []
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys)
        while let url = enumerator?.nextObject() as? URL {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
            let modified = values.contentModificationDate?.timeIntervalSince1970 ?? 0
            lines.append("\(url.path.dropFirst(folder.path.count))\t\(values.fileSize ?? -1)\t\(modified)")
        }
        return StableHash.fnv1a(lines.sorted().joined(separator: "\n"))
    }
}
