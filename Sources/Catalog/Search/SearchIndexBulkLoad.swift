import GRDB

/// How the two full-text tables (search_fts, search_description_fts) are configured while a rebuild
/// fills them in one transaction, and put back after it.
///
/// FTS5 writes the terms it holds as a new segment whenever they pass 'hashsize' (1 MiB by default),
/// and with 'automerge' (4 by default) merges segments while rows come in, each merge rewriting what
/// earlier merges wrote. A rebuild ends with an 'optimize' that merges everything into one segment
/// anyway, so during it the tables hold more terms and leave their segments unmerged until that
/// 'optimize' (bench/fts-parts.sh at 100,000 pages: 22 s of CPU instead of 27 s; bench/README.md,
/// "Branch indice"). 'crisismerge' stays at FTS5's default, so a very large rebuild still merges a
/// level that piles up 16 segments. What the index holds at the end is the same.
enum SearchIndexBulkLoad {
    static let tables = ["search_fts", "search_description_fts"]
    /// What FTS5 may hold in memory during a rebuild before writing a segment.
    static let pendingTermBytes = 32 << 20
    /// FTS5's own defaults, in force outside a rebuild.
    static let defaultPendingTermBytes = 1 << 20
    static let defaultAutomerge = 4

    static func begin(_ db: Database) throws {
        for table in tables {
            try db.execute(sql: "INSERT INTO \(table) (\(table), rank) VALUES ('hashsize', \(pendingTermBytes))")
            try db.execute(sql: "INSERT INTO \(table) (\(table), rank) VALUES ('automerge', 0)")
        }
    }

    /// One merged index per table instead of the segments of the load (queries read one b-tree per
    /// term), and the defaults back.
    static func finish(_ db: Database) throws {
        for table in tables {
            try db.execute(sql: "INSERT INTO \(table) (\(table)) VALUES ('optimize')")
            try db.execute(sql: "INSERT INTO \(table) (\(table), rank) VALUES ('hashsize', \(defaultPendingTermBytes))")
            try db.execute(sql: "INSERT INTO \(table) (\(table), rank) VALUES ('automerge', \(defaultAutomerge))")
        }
    }
}
