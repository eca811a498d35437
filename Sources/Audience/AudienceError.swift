/// Faults of the statistics room. Each case carries the file and the values involved; the Spanish
/// sentence a person reads says what happened and what to do. `detail` is the library's own text,
/// for the JSON summary only.
public enum AudienceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No log was given and none is configured.
    case noLog
    /// A log named on the command line or in pipeline.yaml does not exist.
    case logMissing(path: String)
    /// The logs given belong to different series (access.log and other.log).
    case severalLogs([String])
    /// The state file belongs to another log.
    case stateOfAnotherLog(state: String, log: String, expected: String)
    case stateUnreadable(path: String, detail: String)
    case stateUnwritable(path: String, detail: String)
    case reportUnwritable(path: String, detail: String)

    public var description: String {
        switch self {
        case .noLog:
            return "no se indicó ningún registro del servidor web. Escriba su ruta (memoria estadisticas /var/log/nginx/access.log) o póngala en pipeline.yaml, en stats.log"
        case .logMissing(let path):
            return "no existe el registro \(path). Revise la ruta (el registro del servidor, en formato «combined»)"
        case .severalLogs(let bases):
            return "los archivos dados son de registros distintos (\(bases.joined(separator: ", "))). Ejecute una vez por registro, cada uno con su archivo de estado (--estado)"
        case .stateOfAnotherLog(let state, let log, let expected):
            return "el archivo de estado \(state) es del registro \(expected), no de \(log). Use otro archivo de estado (--estado) para este registro"
        case .stateUnreadable(let path, _):
            return "no se pudo leer el archivo de estado \(path) (dañado o de otra versión). Restáurelo desde la copia de seguridad o bórrelo para contar de nuevo todos los registros disponibles"
        case .stateUnwritable(let path, _):
            return "no se pudo escribir el archivo de estado \(path). Revise el espacio libre y los permisos de la carpeta; no se guardó nada de esta lectura"
        case .reportUnwritable(let path, _):
            return "no se pudo escribir el informe en \(path). Revise el espacio libre y los permisos de la carpeta; los datos ya están guardados y el informe se rehace en la próxima ejecución"
        }
    }
}
