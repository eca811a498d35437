import Foundation
import Support

/// A problem in pipeline.yaml: where (file, line, key path), what was found, what is expected.
public struct ConfigProblem: Equatable, Sendable, CustomStringConvertible, Codable {
    public var file: String
    public var line: Int?
    /// The key as written in the file (`fonds[3].slug`), for scripts and tests.
    public var keyPath: String
    /// The same place in words: "slug del 4.º fondo («Maguey Blanco»)".
    public var place: String
    /// Spanish: what is wrong and what is expected.
    public var message: String

    public init(file: String, line: Int?, keyPath: String, place: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.place = place ?? keyPath
        self.message = message
    }

    public var description: String {
        let name = (file as NSString).lastPathComponent
        let location = line.map { "\(name), línea \($0)" } ?? name
        return place.isEmpty ? "\(location): \(message)" : "\(location), \(place): \(message)"
    }
}

/// The configuration cannot be used. Exit code 64 (usage or configuration error).
public enum ConfigError: Error, Equatable, Sendable, PersonFacingError, CustomStringConvertible {
    case missing(file: String)
    case unreadable(file: String, reason: String)
    case notUTF8(file: String, line: Int)
    case notYAML(file: String, line: Int?, problem: String, detail: String)
    case invalid([ConfigProblem])

    private func name(_ file: String) -> String { (file as NSString).lastPathComponent }

    public var whatHappened: String {
        switch self {
        case .missing(let file):
            return "No existe el archivo de configuración «\(file)»"
        case .unreadable(let file, _):
            return "No se pudo leer el archivo de configuración «\(file)»"
        case .notUTF8(let file, let line):
            return "«\(name(file))» no está guardado como UTF-8 (línea \(line): un acento o una ñ escritos en otra codificación, como la ANSI del Bloc de notas)"
        case .notYAML(let file, let line, let problem, _):
            return "\(name(file))\(line.map { ", línea \($0)" } ?? ""): no es YAML válido: \(problem)"
        case .invalid(let problems):
            return problems.map(\.description).joined(separator: "\n")
        }
    }

    public var whatToDo: String {
        switch self {
        case .missing: return "Indique el archivo con --config ARCHIVO o ejecute el comando desde la carpeta que tiene pipeline.yaml"
        case .unreadable: return "Revise los permisos del archivo"
        case .notUTF8: return "Ábralo en el editor y guárdelo como UTF-8 («Guardar como…», codificación UTF-8)"
        case .notYAML: return "Revise la sangría (con espacios, no tabuladores) y las comillas"
        case .invalid: return ""
        }
    }

    public var technicalDetail: String? {
        switch self {
        case .unreadable(_, let reason): return reason
        case .notYAML(_, _, _, let detail): return detail
        default: return nil
        }
    }

    public var description: String { messageForPeople }

    public var problems: [ConfigProblem] {
        if case .invalid(let problems) = self { return problems }
        return []
    }
}
