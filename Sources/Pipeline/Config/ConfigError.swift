/// A problem in pipeline.yaml: where (file, line, key path), what was found, what is expected.
public struct ConfigProblem: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var keyPath: String
    public var message: String

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}

/// The configuration cannot be used. Exit code 64 (usage or configuration error).
public enum ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case notYAML(file: String, line: Int?, reason: String)
    case invalid([ConfigProblem])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the configuration (\(reason)). Check the path given with --config."
        case .notYAML(let file, let line, let reason):
            return "\(file)\(line.map { ":\($0)" } ?? ""): not valid YAML: \(reason). Check indentation (spaces, not tabs) and quotes."
        case .invalid(let problems):
            return problems.map(\.description).joined(separator: "\n")
        }
    }

    public var problems: [ConfigProblem] {
        if case .invalid(let problems) = self { return problems }
        return []
    }
}
