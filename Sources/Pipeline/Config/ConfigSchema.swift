/// A small declarative schema for pipeline.yaml: the loader validates against it (with line numbers
/// and "did you mean"), fills defaults from it, and `Schemas/pipeline.schema.json` is generated from it,
/// so the editor's schema, the defaults and the validation can never disagree.
indirect enum ConfigSchema: Sendable {
    case object([Field], description: String)
    case array(of: ConfigSchema, description: String, minItems: Int = 0)
    case string(description: String, default: String? = nil, allowed: [String]? = nil, pattern: String? = nil)
    case integer(description: String, default: Int? = nil, minimum: Int? = nil, maximum: Int? = nil)
    case boolean(description: String, default: Bool? = nil)
    case stringList(description: String, default: [String]? = nil, allowed: [String]? = nil)

    struct Field: Sendable {
        var name: String
        var required: Bool
        var schema: ConfigSchema

        static func required(_ name: String, _ schema: ConfigSchema) -> Field { Field(name: name, required: true, schema: schema) }
        static func optional(_ name: String, _ schema: ConfigSchema) -> Field { Field(name: name, required: false, schema: schema) }
    }

    var description: String {
        switch self {
        case .object(_, let d), .array(_, let d, _), .string(let d, _, _, _), .integer(let d, _, _, _),
             .boolean(let d, _), .stringList(let d, _, _):
            return d
        }
    }

    /// What a value of this schema looks like, in Spanish, for error messages.
    var expectation: String {
        switch self {
        case .object: return "un grupo de claves"
        case .array: return "una lista"
        case .string(_, _, let allowed?, _): return "uno de " + allowed.map { "«\($0)»" }.joined(separator: ", ")
        case .string(_, _, _, let pattern?): return "un texto que \(Self.patternHint(pattern))"
        case .string: return "un texto"
        case .integer(_, _, let minimum, let maximum):
            switch (minimum, maximum) {
            case let (lo?, hi?): return "un número entero de \(lo) a \(hi)"
            case let (lo?, nil): return "un número entero igual o mayor que \(lo)"
            default: return "un número entero"
            }
        case .boolean: return "true o false"
        case .stringList(_, _, let allowed?): return "una lista de valores entre " + allowed.joined(separator: ", ")
        case .stringList: return "una lista de textos"
        }
    }

    /// What a pattern asks for, in words (people are never shown a regular expression).
    static func patternHint(_ pattern: String) -> String {
        let hints = [
            "^[a-z0-9]+(-[a-z0-9]+)*$": "use solo minúsculas sin acentos, números y guiones entre palabras (por ejemplo maguey-blanco)",
            "^[A-Z][A-Z0-9]{1,9}$": "use de 2 a 10 mayúsculas sin acentos o números, empezando con una letra (por ejemplo BSH)",
            "^[A-Za-z0-9_-]{2,20}$": "use de 2 a 20 letras sin acentos, números, guiones o guiones bajos (por ejemplo SCEH)",
            "^[^/]+$": "debe ser un nombre de archivo, sin «/»",
            "^[a-z_]+(\\+[a-z_]+)*$": "use códigos de idioma de Tesseract unidos con «+» (por ejemplo spa o spa+eng)",
        ]
        return hints[pattern] ?? "no tiene la forma esperada"
    }
}
