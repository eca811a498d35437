import Foundation

/// Writes `ConfigSchema` as JSON Schema (draft 2020-12), for editors; committed as Schemas/pipeline.schema.json.
enum JSONSchemaExporter {
    static func export(_ schema: ConfigSchema = PipelineSchema.root) -> String {
        var root = node(schema)
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = "https://memoria.hidalgo.gob.mx/schemas/pipeline.schema.json"
        root["title"] = "Memoria pipeline.yaml"
        let data = try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return (data.map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }

    private static func node(_ schema: ConfigSchema) -> [String: Any] {
        var out: [String: Any] = ["description": schema.description]
        switch schema {
        case .object(let fields, _):
            out["type"] = "object"
            out["additionalProperties"] = false
            out["properties"] = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, node($0.schema)) })
            let required = fields.filter(\.required).map(\.name)
            if !required.isEmpty { out["required"] = required }
        case .array(let element, _, let minItems):
            out["type"] = "array"
            out["items"] = node(element)
            if minItems > 0 { out["minItems"] = minItems }
        case .string(_, let d, let allowed, let pattern):
            out["type"] = "string"
            if let d { out["default"] = d }
            if let allowed { out["enum"] = allowed }
            if let pattern { out["pattern"] = pattern }
        case .integer(_, let d, let minimum, let maximum):
            out["type"] = "integer"
            if let d { out["default"] = d }
            if let minimum { out["minimum"] = minimum }
            if let maximum { out["maximum"] = maximum }
        case .boolean(_, let d):
            out["type"] = "boolean"
            if let d { out["default"] = d }
        case .stringList(_, let d, let allowed):
            out["type"] = "array"
            var items: [String: Any] = ["type": "string"]
            if let allowed { items["enum"] = allowed }
            out["items"] = items
            if let d { out["default"] = d }
        }
        return out
    }
}
