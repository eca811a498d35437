import Foundation
import GRDB

/// What the catalog remembers of an object's root inventory file when it last read it: a rewritten
/// inventory (by Memoria or by anyone else) has a new inode or change time, so the stamp no longer
/// matches and the inventory is read again.
public struct CatalogInventoryStamp: Sendable, Equatable {
    public var inode: Int64
    public var size: Int64
    /// st_ctim in nanoseconds: no program can set it back.
    public var changedNanos: Int64
    public var modifiedNanos: Int64
    /// The head version the inventory declared when it was read.
    public var headVersion: Int

    public init(inode: Int64, size: Int64, changedNanos: Int64, modifiedNanos: Int64, headVersion: Int) {
        self.inode = inode
        self.size = size
        self.changedNanos = changedNanos
        self.modifiedNanos = modifiedNanos
        self.headVersion = headVersion
    }

    /// The same file, whatever head version either side says.
    public func sameFile(as other: CatalogInventoryStamp) -> Bool {
        inode == other.inode && size == other.size && changedNanos == other.changedNanos && modifiedNanos == other.modifiedNanos
    }
}

extension CatalogDatabase {
    /// Every catalogued item's head version with the stamp of the inventory it was last read from (nil:
    /// never stamped), and the stamps of objects the catalog does not list, in one query.
    public func headVersionsWithStamps() throws -> (heads: [String: Int], stamps: [String: CatalogInventoryStamp]) {
        try read { db in
            var heads: [String: Int] = [:]
            var stamps: [String: CatalogInventoryStamp] = [:]
            // Sized once (100,000 entries grown by doubling were a tenth of a start's time).
            heads.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") ?? 0)
            stamps.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inventory_stamps") ?? 0)
            let items = try Row.fetchCursor(db, sql: "SELECT id, head_version FROM items")
            while let row = try items.next() { heads[row[0]] = row[1] }
            let rows = try Row.fetchCursor(db, sql: "SELECT object_id, inode, size, changed_ns, modified_ns, head_version FROM inventory_stamps")
            while let row = try rows.next() {
                stamps[row[0]] = CatalogInventoryStamp(inode: row[1], size: row[2], changedNanos: row[3], modifiedNanos: row[4], headVersion: row[5])
            }
            return (heads, stamps)
        }
    }

    /// Records the stamps of inventories just read (replacing older ones), in one transaction.
    public func storeInventoryStamps(_ stamps: [String: CatalogInventoryStamp]) throws {
        guard !stamps.isEmpty else { return }
        try write { db in
            let statement = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO inventory_stamps (object_id, inode, size, changed_ns, modified_ns, head_version) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for (id, stamp) in stamps {
                try statement.execute(arguments: [id, stamp.inode, stamp.size, stamp.changedNanos, stamp.modifiedNanos, stamp.headVersion])
            }
        }
    }
}
