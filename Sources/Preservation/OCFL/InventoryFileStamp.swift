import Foundation

/// One stat(2) of an object's root inventory.json: enough to tell, without reading it, whether the
/// inventory is the file read last time (it is only ever replaced by rename, which gives it a new
/// inode and change time; an edit in place changes the change time too).
public struct InventoryFileStamp: Sendable, Equatable {
    public var inode: UInt64
    public var size: Int64
    public var changedNanos: Int64
    public var modifiedNanos: Int64
}

extension OCFLStorageRoot {
    /// Names in the storage root that may be objects (valid identifiers), unsorted and not yet checked
    /// for an object declaration: what a start enumerates before one stat per name.
    public func candidateObjectNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter(Self.isValidIdentifier)
    }

    /// The stamp of `name`'s root inventory.json; nil when there is none (or it cannot be stat'ed).
    public func inventoryFileStamp(of name: String) -> InventoryFileStamp? {
        var info = stat()
        guard stat(root.path + "/" + name + "/inventory.json", &info) == 0 else { return nil }
        return InventoryFileStamp(info)
    }

    /// The stamps of every name's root inventory.json (names without one are left out), each stat'ed
    /// relative to the storage root opened once, so that the root's own path is not walked again for
    /// each of 100,000 objects. Falls back to one `inventoryFileStamp(of:)` per name when the root
    /// cannot be opened.
    public func inventoryFileStamps(of names: [String]) -> [(name: String, stamp: InventoryFileStamp)] {
        let folder = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return names.compactMap { name in inventoryFileStamp(of: name).map { (name, $0) } } }
        defer { close(folder) }
        var stamps: [(name: String, stamp: InventoryFileStamp)] = []
        stamps.reserveCapacity(names.count)
        var info = stat()
        for name in names where fstatat(folder, name + "/inventory.json", &info, 0) == 0 {
            stamps.append((name, InventoryFileStamp(info)))
        }
        return stamps
    }
}

extension InventoryFileStamp {
    init(_ info: stat) {
        self.init(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                  changedNanos: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                  modifiedNanos: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
