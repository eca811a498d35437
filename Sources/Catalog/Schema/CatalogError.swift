import Foundation
import GRDB
import Support

/// Errors of the Catalog room.
public enum CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case query(reason: String)
    /// SQLite could not write or read the database file: the disk is full, failing or refuses access.
    case storage(path: String, errno: Int32, reason: String)

    /// SQLite's error as a catalog error: disk full, I/O error and refused access keep their errno.
    init(_ error: DatabaseError, path: String) {
        let code: Int32?
        switch error.resultCode {
        case .SQLITE_FULL: code = ENOSPC
        case .SQLITE_IOERR: code = EIO
        case .SQLITE_PERM, .SQLITE_AUTH: code = EACCES
        case .SQLITE_READONLY: code = EROFS
        case .SQLITE_CANTOPEN: code = EACCES
        default: code = nil
        }
        if let code { self = .storage(path: path, errno: code, reason: "\(error)") } else { self = .query(reason: "\(error)") }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the catalog \(path): \(reason). If it is damaged, move it aside and run `memoria reindex` to rebuild it from the archive."
        case .query(let reason):
            return "catalog error: \(reason)"
        case .storage(let path, let code, let reason):
            return "the catalog \(path) cannot be written or read (\(String(cString: strerror(code)))): \(reason)"
        }
    }
}

extension CatalogError: SystemCallFailure {
    public var systemErrno: Int32? {
        if case .storage(_, let code, _) = self { return code }
        return nil
    }
}

extension CatalogError: PersonFacingError {
    /// The catalog is named by its file name only (the path of this machine stays out of messages).
    public var whatHappened: String {
        switch self {
        case .cannotOpen(let path, _): return "no se puede abrir el catálogo «\((path as NSString).lastPathComponent)»"
        case .query: return "el catálogo rechazó una operación"
        case .storage(let path, let code, _): return "no se pudo usar el catálogo «\((path as NSString).lastPathComponent)»: \(SystemErrorText.spanish(errno: code))"
        }
    }

    public var whatToDo: String {
        switch self {
        case .cannotOpen: return "Si está dañado, apártelo y ejecute memoria reindex para reconstruirlo desde el archivo"
        case .query: return "Ejecute memoria reindex para reconstruirlo desde el archivo; si se repite, avise al equipo de sistemas"
        case .storage(_, let code, _): return SystemErrorText.advice(errno: code)
        }
    }

    public var technicalDetail: String? { description }
}
