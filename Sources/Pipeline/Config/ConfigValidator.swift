import Foundation
import Support
import Yams

/// Checks a YAML tree against `ConfigSchema`, collecting every problem with its line, and produces the
/// effective configuration as JSON-compatible values with every default filled in.
struct ConfigValidator {
    let file: String
    private(set) var problems: [ConfigProblem] = []

    init(file: String) { self.file = file }

    mutating func validate(_ node: Node?, against schema: ConfigSchema, path: String = "") -> Any? {
        guard let node else {
            problem(nil, path, "está vacío; se esperaba \(schema.expectation)")
            return nil
        }
        switch schema {
        case .object(let fields, _):
            guard let mapping = node.mapping else {
                problem(node, path, "se esperaba \(schema.expectation) y hay \(describe(node))")
                return nil
            }
            var result: [String: Any] = [:]
            let known = Set(fields.map(\.name))
            for (key, _) in mapping {
                guard let name = key.string else { problem(key, path, "las claves deben ser texto"); continue }
                if !known.contains(name) {
                    let suggestion = Self.closest(to: name, among: Array(known)).map { " ¿Quiso decir «\($0)»?" } ?? ""
                    problem(key, join(path, name), "esta clave no existe.\(suggestion) Las claves posibles aquí son: \(fields.map(\.name).joined(separator: ", "))")
                }
            }
            for field in fields {
                let childPath = join(path, field.name)
                if let value = mapping[field.name], !(value.scalar.map { $0.string.isEmpty || $0.string == "~" || $0.string == "null" } ?? false) {
                    if let checked = validate(value, against: field.schema, path: childPath) { result[field.name] = checked }
                } else if field.required {
                    problem(node, childPath, "falta; se esperaba \(field.schema.expectation) (\(field.schema.description))")
                } else if let filled = Self.defaultValue(of: field.schema) {
                    result[field.name] = filled
                }
            }
            return result
        case .array(let element, _, let minItems):
            guard let sequence = node.sequence else {
                problem(node, path, "se esperaba \(schema.expectation) y hay \(describe(node))")
                return nil
            }
            if sequence.count < minItems { problem(node, path, "necesita al menos \(SpanishText.count(minItems, "elemento", "elementos"))") }
            return sequence.enumerated().compactMap { index, item in
                let itemPath = "\(path)[\(index)]"
                labels[itemPath] = Self.label(of: item, index: index, in: path)
                return validate(item, against: element, path: itemPath)
            }
        case .string(_, _, let allowed, let pattern):
            guard let scalar = node.scalar else {
                problem(node, path, "se esperaba \(schema.expectation) y hay \(describe(node))")
                return nil
            }
            let value = scalar.string
            if let allowed, !allowed.contains(value) {
                let suggestion = Self.closest(to: value, among: allowed).map { " ¿Quiso decir «\($0)»?" } ?? ""
                problem(node, path, "«\(value)» no es un valor admitido.\(suggestion) Se esperaba \(schema.expectation)")
                return nil
            }
            if let pattern, value.range(of: pattern, options: .regularExpression) == nil {
                problem(node, path, "«\(value)» no sirve: \(ConfigSchema.patternHint(pattern))")
                return nil
            }
            return value
        case .integer(_, _, let minimum, let maximum):
            guard let scalar = node.scalar, let value = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
                problem(node, path, "se esperaba \(schema.expectation) y hay \(describe(node))")
                return nil
            }
            if let minimum, value < minimum { problem(node, path, "\(value) es demasiado pequeño; se esperaba \(schema.expectation)"); return nil }
            if let maximum, value > maximum { problem(node, path, "\(value) es demasiado grande; se esperaba \(schema.expectation)"); return nil }
            return value
        case .boolean:
            guard let value = node.bool else {
                problem(node, path, "se esperaba \(schema.expectation) y hay \(describe(node))")
                return nil
            }
            return value
        case .stringList(_, _, let allowed):
            guard let sequence = node.sequence else {
                problem(node, path, "se esperaba \(schema.expectation) y hay \(describe(node))")
                return nil
            }
            var values: [String] = []
            for (index, item) in sequence.enumerated() {
                guard let text = item.scalar?.string else { problem(item, "\(path)[\(index)]", "se esperaba un texto"); continue }
                if let allowed, !allowed.contains(text) {
                    let suggestion = Self.closest(to: text, among: allowed).map { " ¿Quiso decir «\($0)»?" } ?? ""
                    problem(item, "\(path)[\(index)]", "«\(text)» no es un valor admitido.\(suggestion) Se esperaba uno de: \(allowed.joined(separator: ", "))")
                    continue
                }
                values.append(text)
            }
            return values
        }
    }

    static func defaultValue(of schema: ConfigSchema) -> Any? {
        switch schema {
        case .object(let fields, _):
            var result: [String: Any] = [:]
            for field in fields where !field.required {
                if let value = defaultValue(of: field.schema) { result[field.name] = value }
            }
            return result
        case .array: return []
        case .string(_, let d, _, _): return d
        case .integer(_, let d, _, _): return d
        case .boolean(_, let d): return d
        case .stringList(_, let d, _): return d
        }
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "un grupo de claves"
        case .sequence: return "una lista"
        case .scalar(let scalar): return "«\(scalar.string)»"
        case .alias: return "un alias"
        }
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private mutating func problem(_ node: Node?, _ path: String, _ message: String) {
        problems.append(ConfigProblem(file: file, line: node?.mark?.line, keyPath: path, place: place(of: path), message: message))
    }

    /// Labels of list elements seen so far ("fonds[3]" → "4.º fondo («Maguey Blanco»)").
    private var labels: [String: String] = [:]

    /// A key path in words: "fonds[3].slug" → "slug del 4.º fondo («Maguey Blanco»)".
    func place(of path: String) -> String {
        guard let open = path.lastIndex(of: "["), let close = path[open...].firstIndex(of: "]") else { return path }
        let element = String(path[..<path.index(after: close)])
        guard let label = labels[element] else { return path }
        let rest = path[path.index(after: close)...].drop { $0 == "." }
        let feminine = label.contains(" réplica")
        return rest.isEmpty ? "\(feminine ? "la" : "el") \(label)" : "\(rest) \(feminine ? "de la" : "del") \(label)"
    }

    /// "4.º fondo («Maguey Blanco»)" for the 4th element of `fonds`, named by its title, code or slug.
    static func label(of node: Node, index: Int, in path: String) -> String {
        let (noun, feminine) = ["fonds": ("fondo", false), "replicas": ("réplica", true)][path] ?? ("elemento de \(path)", false)
        let name = ["title", "code", "slug", "name"].lazy.compactMap { node.mapping?[$0]?.string }.first
        return "\(SpanishText.ordinal(index + 1, feminine: feminine)) \(noun)" + (name.map { " («\($0)»)" } ?? "")
    }

    /// The candidate nearest to `word` by edit distance, if near enough to be a likely typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, best.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
