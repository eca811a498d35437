import CSearchTokenizer
import GRDB

/// One prepared INSERT run row after row with its values bound straight from Swift's storage, for the
/// writes a rebuild repeats for every item and page. GRDB's `execute(arguments:)` turns each value
/// into a `DatabaseValue` in an array before binding it (a copy of every page's text, and a tenth of
/// a rebuild's time with the items' rows, bench/README.md "Branch indice"); the values here are bound
/// by pointer and copied once, by SQLite (SQLITE_TRANSIENT). What is stored is the same: text as
/// text (an empty string stays an empty string, never NULL), integers as integers, nil as NULL.
struct SQLiteRowBinding {
    private let statement: Statement
    private let handle: OpaquePointer

    init(_ statement: Statement) {
        self.statement = statement
        self.handle = statement.sqliteStatement
    }

    func bind(_ value: String, at index: Int32) throws {
        var text = value
        let code = text.withUTF8 { bytes -> Int32 in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
            }
        }
        try check(code)
    }

    func bind(_ value: String?, at index: Int32) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try bind(value, at: index)
    }

    func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ value: Int, at index: Int32) throws {
        try bind(Int64(value), at: index)
    }

    func bind(_ value: Int?, at index: Int32) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try bind(Int64(value), at: index)
    }

    func bind(_ value: Int64?, at index: Int32) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try bind(value, at: index)
    }

    /// Runs the statement with the values bound since the last run, then makes it ready for the next.
    func run() throws {
        let code = sqlite3_step(handle)
        let message = code == SQLITE_DONE ? nil : Self.message(of: handle)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    private func check(_ code: Int32) throws {
        guard code != SQLITE_OK else { return }
        let message = Self.message(of: handle)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    private static func message(of handle: OpaquePointer) -> String? {
        sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
    }

    /// SQLite copies the bytes before `sqlite3_bind_text` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
