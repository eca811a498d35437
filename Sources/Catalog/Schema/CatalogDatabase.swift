import CSearchTokenizer
import Foundation
import GRDB

/// The catalog: one SQLite database (WAL mode) with the fonds, batches, items, files, pages, PREMIS
/// events, quarantine records and the FTS5 full-text index. Opened here and nowhere else; the schema
/// evolves only through the numbered migrations in `CatalogSchema`.
///
/// The catalog is derived data: `memoria reindex` rebuilds it from the archive.
public final class CatalogDatabase: Sendable {
    public let path: String
    let pool: DatabasePool

    public init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            let rc = memoria_register_tokenizer(db.sqliteConnection)
            if rc != SQLITE_OK {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "cannot register the memoria FTS5 tokenizer")
            }
            let ranking = memoria_register_rank_functions(db.sqliteConnection)
            if ranking != SQLITE_OK {
                throw DatabaseError(resultCode: ResultCode(rawValue: ranking), message: "cannot register the search's FTS5 functions")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try CatalogSchema.migrator.migrate(pool)
        } catch let error as DatabaseError where CatalogError(error, path: path).systemErrno != nil {
            throw CatalogError(error, path: path)
        } catch {
            throw CatalogError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Reads in a snapshot. SQLite's errors become CatalogError; any other error the body throws
    /// (a caller's own, e.g. an archive read inside a rebuild) comes out unchanged.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let error as DatabaseError { throw CatalogError(error, path: path) }
    }

    /// Writes in one transaction (errors as for `read`).
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let error as DatabaseError { throw CatalogError(error, path: path) }
    }

    /// Writes in one transaction whose statement journals stay in memory (`PRAGMA temp_store =
    /// MEMORY`, which SQLite reads when a transaction begins, so it is set before and put back after).
    /// A rebuild runs an insert with triggers per item and per page; each such statement journals the
    /// pages it changes, and once that journal passes 64 KiB SQLite keeps it in a file under the
    /// system's temporary folder for the rest of the transaction: 518 MB written there for a
    /// 52 MB catalog of 10,000 pages (bench/README.md, "Branch indice"). Errors as for `read`.
    func writeWithJournalsInMemory<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                do {
                    var result: T?
                    try db.inTransaction {
                        result = try body(db)
                        return .commit
                    }
                    try db.execute(sql: "PRAGMA temp_store = DEFAULT")
                    guard let result else { throw CatalogError.query(reason: "la transacción no devolvió ningún resultado") }
                    return result
                } catch {
                    try db.execute(sql: "PRAGMA temp_store = DEFAULT")
                    throw error
                }
            }
        } catch let error as DatabaseError { throw CatalogError(error, path: path) }
    }
}

