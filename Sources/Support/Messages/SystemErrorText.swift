import Foundation

/// The system's and Foundation's failures (errno values, CocoaError codes) said in Spanish, with the
/// original text kept for records. `NSCocoaErrorDomain Code=640` becomes "el disco está lleno".
public enum SystemErrorText {
    /// What an errno value means, in Spanish (without naming the file).
    public static func spanish(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "el disco está lleno"
        case EDQUOT: return "se agotó la cuota de espacio del usuario en el disco"
        case EACCES, EPERM: return "no hay permiso para acceder"
        case EROFS: return "el disco es de solo lectura"
        case EIO: return "el disco devolvió un error de lectura o escritura (puede estar dañado o desconectado)"
        case ENOENT: return "no existe"
        case EEXIST: return "ya existe"
        case ENOTDIR: return "una parte de la ruta no es una carpeta"
        case EISDIR: return "es una carpeta, no un archivo"
        case ENOTEMPTY: return "la carpeta no está vacía"
        case EXDEV: return "está en otro disco"
        case EMFILE, ENFILE: return "hay demasiados archivos abiertos"
        case ENAMETOOLONG: return "el nombre es demasiado largo"
        case ELOOP: return "es un enlace simbólico que no se sigue"
        case EBUSY: return "está en uso por otro programa"
        case ENOMEM: return "no hay memoria suficiente"
        case ESTALE, ENOTCONN, EHOSTDOWN: return "la unidad de red no responde"
        default: return "error del sistema número \(code)"
        }
    }

    /// What to do about an errno value, in Spanish.
    public static func advice(errno code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: return "Libere espacio en ese disco (o amplíelo) y vuelva a ejecutar la misma orden: lo que quedó a medias se retoma o se hace de nuevo"
        case EACCES, EPERM: return "Pida al equipo de sistemas que revise los permisos de esa carpeta para el usuario que ejecuta Memoria"
        case EROFS: return "Revise que el disco esté montado con escritura y vuelva a ejecutar"
        case EIO: return "Revise el disco (cable, estado SMART) y vuelva a ejecutar; si se repite, avise al equipo de sistemas"
        case ESTALE, ENOTCONN, EHOSTDOWN: return "Revise la conexión de la unidad de red y vuelva a ejecutar"
        default: return "Vuelva a ejecutar; si se repite, avise al equipo de sistemas con el informe JSON"
        }
    }

    /// The errno behind a Swift or Foundation error, or a room's error that carries one, when there is one.
    public static func errno(of error: Error) -> Int32? {
        if let failure = error as? SystemCallFailure, let code = failure.systemErrno { return code }
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case CocoaError.fileWriteOutOfSpace.rawValue: return ENOSPC
            case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue: return EACCES
            case CocoaError.fileWriteVolumeReadOnly.rawValue: return EROFS
            case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue: return ENOENT
            case CocoaError.fileWriteFileExists.rawValue: return EEXIST
            default: return nil
            }
        }
        return nil
    }

    /// A Foundation or system error in Spanish (what happened, without the file) plus its original words.
    public static func describe(_ error: Error) -> (spanish: String, technical: String) {
        let technical = "\(error)"
        if let person = error as? PersonFacingError { return (person.whatHappened, person.technicalDetail ?? technical) }
        if let code = errno(of: error) { return (spanish(errno: code), technical) }
        return ("falló una operación del sistema", technical)
    }
}

/// An error of a room that may carry the errno of the system call that failed (archive, fixity,
/// site), so that a full disk is said, advised and handled as a full disk wherever it is caught.
public protocol SystemCallFailure: Error {
    var systemErrno: Int32? { get }
}
