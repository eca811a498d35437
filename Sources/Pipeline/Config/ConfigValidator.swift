import Foundation
import Yams

/// Checks a YAML tree against `ConfigSchema`, collecting every problem with its line, and produces the
/// effective configuration as JSON-compatible values with every default filled in.
struct ConfigValidator {
    let file: String
    private(set) var problems: [ConfigProblem] = []

    init(file: String) { self.file = file }

    mutating func validate(_ node: Node?, against schema: ConfigSchema, path: String = "") -> Any? {
        guard let node else {
            problem(nil, path, "is empty; expected \(schema.expectation)")
            return nil
        }
        switch schema {
        case .object(let fields, _):
            guard let mapping = node.mapping else {
                problem(node, path, "expected \(schema.expectation), found \(describe(node))")
                return nil
            }
            var result: [String: Any] = [:]
            let known = Set(fields.map(\.name))
            for (key, _) in mapping {
                guard let name = key.string else { problem(key, path, "keys must be text"); continue }
                if !known.contains(name) {
                    let suggestion = Self.closest(to: name, among: Array(known)).map { "; did you mean \"\($0)\"?" } ?? ""
                    problem(key, join(path, name), "unknown key\(suggestion) Expected keys here: \(fields.map(\.name).joined(separator: ", "))")
                }
            }
            for field in fields {
                let childPath = join(path, field.name)
                if let value = mapping[field.name], !(value.scalar.map { $0.string.isEmpty || $0.string == "~" || $0.string == "null" } ?? false) {
                    if let checked = validate(value, against: field.schema, path: childPath) { result[field.name] = checked }
                } else if field.required {
                    problem(node, childPath, "is missing; expected \(field.schema.expectation) (\(field.schema.description))")
                } else if let filled = Self.defaultValue(of: field.schema) {
                    result[field.name] = filled
                }
            }
            return result
        case .array(let element, _, let minItems):
            guard let sequence = node.sequence else {
                problem(node, path, "expected \(schema.expectation), found \(describe(node))")
                return nil
            }
            if sequence.count < minItems { problem(node, path, "needs at least \(minItems) entries") }
            return sequence.enumerated().compactMap { index, item in validate(item, against: element, path: "\(path)[\(index)]") }
        case .string(_, _, let allowed, let pattern):
            guard let scalar = node.scalar else {
                problem(node, path, "expected \(schema.expectation), found \(describe(node))")
                return nil
            }
            let value = scalar.string
            if let allowed, !allowed.contains(value) {
                let suggestion = Self.closest(to: value, among: allowed).map { "; did you mean \"\($0)\"?" } ?? ""
                problem(node, path, "\"\(value)\" is not allowed\(suggestion) Expected \(schema.expectation)")
                return nil
            }
            if let pattern, value.range(of: pattern, options: .regularExpression) == nil {
                problem(node, path, "\"\(value)\" does not match \(pattern)")
                return nil
            }
            return value
        case .integer(_, _, let minimum, let maximum):
            guard let scalar = node.scalar, let value = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
                problem(node, path, "expected \(schema.expectation), found \(describe(node))")
                return nil
            }
            if let minimum, value < minimum { problem(node, path, "\(value) is too small; expected \(schema.expectation)"); return nil }
            if let maximum, value > maximum { problem(node, path, "\(value) is too large; expected \(schema.expectation)"); return nil }
            return value
        case .boolean:
            guard let value = node.bool else {
                problem(node, path, "expected \(schema.expectation), found \(describe(node))")
                return nil
            }
            return value
        case .stringList(_, _, let allowed):
            guard let sequence = node.sequence else {
                problem(node, path, "expected \(schema.expectation), found \(describe(node))")
                return nil
            }
            var values: [String] = []
            for (index, item) in sequence.enumerated() {
                guard let text = item.scalar?.string else { problem(item, "\(path)[\(index)]", "expected text"); continue }
                if let allowed, !allowed.contains(text) {
                    let suggestion = Self.closest(to: text, among: allowed).map { "; did you mean \"\($0)\"?" } ?? ""
                    problem(item, "\(path)[\(index)]", "\"\(text)\" is not allowed\(suggestion) Expected one of: \(allowed.joined(separator: ", "))")
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
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return "\"\(scalar.string)\""
        case .alias: return "an alias"
        }
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private mutating func problem(_ node: Node?, _ path: String, _ message: String) {
        problems.append(ConfigProblem(file: file, line: node?.mark?.line, keyPath: path, message: message))
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
