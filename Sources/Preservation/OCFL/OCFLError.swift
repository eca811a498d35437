import Foundation
import Support

/// Errors of the archive room. Cases carry the path and the values involved; the Spanish text (what
/// happened, what to do) is below. `system` carries the errno of a failed system call, so that a full
/// disk is said as such and not as the library's words.
public enum OCFLError: Error, Equatable, Sendable {
    /// What a failed system call was doing.
    public enum Operation: String, Sendable {
        case create, write, fsync, rename, read, openFolder, createFolder, move
    }

    case notAStorageRoot(path: String)
    case invalidIdentifier(String)
    case invalidInventory(path: String, reason: String)
    case inventoryDigestMismatch(path: String)
    case copyMismatch(objectID: String, logicalPath: String, expected: String, found: String)
    case sourceChanged(objectID: String, path: String)
    case system(path: String, operation: Operation, errno: Int32)
    case differentFileSystems(staging: String, archive: String)

    /// The errno behind an archive or fixity error, when there is one.
    public static func errno(of error: Error) -> Int32? {
        switch error {
        case OCFLError.system(_, _, let code): return code
        case FixityError.unreadable(_, let code), FixityError.unwritable(_, let code): return code
        default: return nil
        }
    }
}

extension OCFLError: PersonFacingError {
    public var whatHappened: String {
        switch self {
        case .notAStorageRoot(let path):
            return "«\(path)» existe pero no es un archivo OCFL (le falta el archivo 0=ocfl_1.1)"
        case .invalidIdentifier(let id):
            return "«\(id)» no puede ser el identificador de un objeto del archivo"
        case .invalidInventory(let path, _):
            return "el inventario «\(path)» no se puede leer o no es válido"
        case .inventoryDigestMismatch(let path):
            return "el inventario «\(path)» no coincide con su huella (.sha512): se modificó o se dañó"
        case .copyMismatch(let id, let path, _, _):
            return "la copia de «\(path)» de \(id) en la zona de preparación no coincide al releerla; no se archivó nada"
        case .sourceChanged(let id, let path):
            return "«\(path)» cambió mientras se archivaba \(id)"
        case .system(let path, let operation, let code):
            return "no se pudo \(operation.spanishVerb) «\(path)»: \(SystemErrorText.spanish(errno: code))"
        case .differentFileSystems(let staging, let archive):
            return "la carpeta de preparación «\(staging)» no está en el mismo disco que el archivo «\(archive)»"
        }
    }

    public var whatToDo: String {
        switch self {
        case .notAStorageRoot: return "Apunte paths.archive al archivo o a una carpeta nueva y vacía"
        case .invalidIdentifier: return "Use letras sin acentos, números, punto, guion y guion bajo, empezando con letra o número"
        case .invalidInventory, .inventoryDigestMismatch: return "No edite el archivo a mano; restaure el objeto desde la copia de seguridad o una réplica"
        case .copyMismatch: return "Revise el disco del archivo (cable, estado SMART) y vuelva a ejecutar"
        case .sourceChanged: return "El ítem sigue en la bandeja; se archivará en la próxima ejecución"
        case .system(_, _, let code): return SystemErrorText.advice(errno: code)
        case .differentFileSystems: return "Ponga paths.staging en una carpeta del disco del archivo"
        }
    }

    public var technicalDetail: String? {
        switch self {
        case .invalidInventory(_, let reason): return reason
        case .copyMismatch(_, _, let expected, let found): return "expected \(expected), found \(found)"
        case .system(let path, let operation, let code): return "\(operation.rawValue) \(path): \(String(cString: strerror(code)))"
        default: return nil
        }
    }
}

extension OCFLError: SystemCallFailure {
    public var systemErrno: Int32? { OCFLError.errno(of: self) }
}

extension FixityError: SystemCallFailure {
    public var systemErrno: Int32? { OCFLError.errno(of: self) }
}

extension OCFLError: CustomStringConvertible {
    public var description: String { messageForPeople }
}

extension OCFLError.Operation {
    var spanishVerb: String {
        switch self {
        case .create: return "crear"
        case .write: return "escribir"
        case .fsync: return "asegurar en el disco"
        case .rename: return "poner en su lugar"
        case .read: return "leer"
        case .openFolder: return "abrir la carpeta"
        case .createFolder: return "crear la carpeta"
        case .move: return "mover"
        }
    }
}
