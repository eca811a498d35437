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

    /// What a value of this schema looks like, for error messages.
    var expectation: String {
        switch self {
        case .object: return "a mapping of keys"
        case .array: return "a list"
        case .string(_, _, let allowed?, _): return "one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", ")
        case .string(_, _, _, let pattern?): return "text matching \(pattern)"
        case .string: return "text"
        case .integer(_, _, let minimum, let maximum):
            switch (minimum, maximum) {
            case let (lo?, hi?): return "a whole number from \(lo) to \(hi)"
            case let (lo?, nil): return "a whole number ≥ \(lo)"
            default: return "a whole number"
            }
        case .boolean: return "true or false"
        case .stringList(_, _, let allowed?): return "a list of values among " + allowed.joined(separator: ", ")
        case .stringList: return "a list of texts"
        }
    }
}
