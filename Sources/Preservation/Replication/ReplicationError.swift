import Foundation
import Support

/// Faults that stop the copy to one replica (the replica is absent, is something else, or its disk
/// failed). Problems of a single object are `ReplicaProblem`s, not errors: the other objects go on.
public enum ReplicationError: Error, Equatable, Sendable {
    /// The replica's folder does not exist (a disk or a share that is not mounted).
    case replicaAbsent(path: String)
    /// The folder holds files but no OCFL storage root.
    case notAStorageRoot(path: String)
    /// The replica is an OCFL root with another storage layout than the archive's.
    case differentLayout(path: String)
    /// The replica is the archive itself, or inside it.
    case sameAsArchive(path: String)
    /// The replica's staging folder is on another file system than the replica.
    case differentFileSystems(staging: String, replica: String)
    /// A system call on the replica failed (disk full, I/O error, permissions).
    case system(path: String, operation: OCFLError.Operation, errno: Int32)
}

extension ReplicationError: PersonFacingError {
    public var whatHappened: String {
        switch self {
        case .replicaAbsent(let path):
            return "la carpeta de la réplica «\(path)» no existe (¿el disco o la unidad de red no está montado?)"
        case .notAStorageRoot(let path):
            return "la carpeta de la réplica «\(path)» tiene archivos pero no es un archivo OCFL (le falta 0=ocfl_1.1)"
        case .differentLayout(let path):
            return "la réplica «\(path)» es un archivo OCFL con otra disposición (ocfl_layout.json) que el archivo principal"
        case .sameAsArchive(let path):
            return "la réplica «\(path)» es el archivo principal o está dentro de él"
        case .differentFileSystems(let staging, let replica):
            return "la carpeta de preparación de la réplica «\(staging)» no está en el mismo disco que la réplica «\(replica)»"
        case .system(let path, let operation, let code):
            return "no se pudo \(operation.spanishVerb) «\(path)» en la réplica: \(SystemErrorText.spanish(errno: code))"
        }
    }

    public var whatToDo: String {
        switch self {
        case .replicaAbsent: return "Monte el disco de la réplica, o cree la carpeta vacía si es una réplica nueva, y vuelva a ejecutar memoria replicar"
        case .notAStorageRoot: return "Apunte la réplica (replicas[].path en pipeline.yaml) a una carpeta nueva y vacía o a una réplica existente"
        case .differentLayout: return "Use una carpeta nueva y vacía para la réplica"
        case .sameAsArchive: return "Ponga la réplica en otro disco, fuera de paths.archive"
        case .differentFileSystems: return "Deje vacía replicas[].staging (se usa una carpeta junto a la réplica) o póngala en el disco de la réplica"
        case .system(_, _, let code): return SystemErrorText.advice(errno: code) + "; lo que quedó a medias se retoma en la próxima ejecución"
        }
    }

    public var technicalDetail: String? {
        if case .system(let path, let operation, let code) = self { return "\(operation.rawValue) \(path): \(String(cString: strerror(code)))" }
        return nil
    }
}

extension ReplicationError: CustomStringConvertible {
    public var description: String { messageForPeople }
}

extension ReplicationError {
    /// The replica-side reading of an archive-room error (a copy failed on the replica's disk).
    static func onReplica(_ error: Error, path: String) -> ReplicationError {
        switch error {
        case let failure as ReplicationError: return failure
        case OCFLError.system(let p, let operation, let code): return .system(path: p, operation: operation, errno: code)
        case FixityError.unwritable(let p, let code): return .system(path: p, operation: .write, errno: code)
        case FixityError.unreadable(let p, let code): return .system(path: p, operation: .read, errno: code)
        default: return .system(path: path, operation: .write, errno: EIO)
        }
    }
}
