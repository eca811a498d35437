import Foundation
import Yams

/// Reads pipeline.yaml: YAML → schema validation (every problem, with its line) → defaults →
/// semantic checks (unique fonds codes and slugs, title required) → absolute paths.
public enum ConfigLoader {
    public static func load(_ url: URL) throws -> PipelineConfig {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigError.unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
        return try parse(text, file: url.path, baseDirectory: url.deletingLastPathComponent())
    }

    public static func parse(_ text: String, file: String, baseDirectory: URL) throws -> PipelineConfig {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError.notYAML(file: file, line: Self.line(of: error), reason: Self.reason(of: error))
        } catch {
            throw ConfigError.notYAML(file: file, line: nil, reason: "\(error)")
        }
        var validator = ConfigValidator(file: file)
        let effective = validator.validate(node, against: PipelineSchema.root)
        var problems = validator.problems
        guard problems.isEmpty, let effective else { throw ConfigError.invalid(problems) }

        let data = try JSONSerialization.data(withJSONObject: effective)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var config = try decoder.decode(PipelineConfig.self, from: data)

        // Checks the schema cannot express.
        let fondsLines = (node?.mapping?["fonds"]?.sequence).map { $0.map { $0.mark?.line } } ?? []
        func fondsProblem(_ index: Int, _ key: String, _ message: String) {
            problems.append(ConfigProblem(file: file, line: index < fondsLines.count ? fondsLines[index] : nil,
                                          keyPath: "fonds[\(index)].\(key)", message: message))
        }
        var codes: [String: Int] = [:], slugs: [String: Int] = [:]
        for (index, fonds) in config.fonds.enumerated() {
            if let other = codes[fonds.code] { fondsProblem(index, "code", "\"\(fonds.code)\" is already used by fonds[\(other)]") }
            if let other = slugs[fonds.slug] { fondsProblem(index, "slug", "\"\(fonds.slug)\" is already used by fonds[\(other)]") }
            codes[fonds.code] = index
            slugs[fonds.slug] = index
            if !fonds.requiredFields.contains("title") {
                fondsProblem(index, "required_fields", "must include \"title\": every item needs a title")
            }
        }
        guard problems.isEmpty else { throw ConfigError.invalid(problems) }

        func absolute(_ path: String) -> String {
            guard !path.isEmpty else { return "" }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
            return url.standardizedFileURL.path
        }
        config.paths = .init(inbox: absolute(config.paths.inbox), archive: absolute(config.paths.archive),
                             staging: absolute(config.paths.staging), quarantine: absolute(config.paths.quarantine),
                             processed: absolute(config.paths.processed), derivatives: absolute(config.paths.derivatives),
                             catalog: absolute(config.paths.catalog), reports: absolute(config.paths.reports),
                             site: absolute(config.paths.site), schemas: absolute(config.paths.schemas))
        config.sourceFile = file
        let layout = Self.layoutProblems(config.paths, lines: node?.mapping?["paths"]?.mapping, file: file)
        guard layout.isEmpty else { throw ConfigError.invalid(layout) }
        return config
    }

    /// Folders that must not sit inside one another: the scanner would take anything inside the inbox
    /// for a fonds or a batch, and an OCFL storage root holds only objects. Staging must share the
    /// archive's file system (checked when both exist), or moving a version into place is not atomic.
    static func layoutProblems(_ paths: PipelineConfig.Paths, lines: Node.Mapping?, file: String) -> [ConfigProblem] {
        func line(_ key: String) -> Int? { lines?.first { $0.key.string == key }?.value.mark?.line }
        func contains(_ outer: String, _ inner: String) -> Bool { !outer.isEmpty && !inner.isEmpty && (inner == outer || inner.hasPrefix(outer + "/")) }
        let written: [(String, String)] = [("archive", paths.archive), ("staging", paths.staging), ("quarantine", paths.quarantine),
                                           ("processed", paths.processed), ("derivatives", paths.derivatives), ("catalog", paths.catalog),
                                           ("reports", paths.reports), ("site", paths.site)]
        var problems: [ConfigProblem] = []
        for (key, path) in written where contains(paths.inbox, path) {
            problems.append(ConfigProblem(file: file, line: line(key), keyPath: "paths.\(key)",
                                          message: "\(path) is inside the inbox (\(paths.inbox)); it would be scanned as a deposit. Put it outside paths.inbox"))
        }
        if contains(paths.archive, paths.inbox) {
            problems.append(ConfigProblem(file: file, line: line("inbox"), keyPath: "paths.inbox",
                                          message: "\(paths.inbox) is inside the archive; the inbox must be outside paths.archive"))
        }
        for (key, path) in written where key != "archive" && contains(paths.archive, path) {
            problems.append(ConfigProblem(file: file, line: line(key), keyPath: "paths.\(key)",
                                          message: "\(path) is inside the archive (\(paths.archive)), which holds only OCFL objects. Put it beside paths.archive"))
        }
        var archiveInfo = stat(), stagingInfo = stat()
        if stat(paths.archive, &archiveInfo) == 0, stat(paths.staging, &stagingInfo) == 0, archiveInfo.st_dev != stagingInfo.st_dev {
            problems.append(ConfigProblem(file: file, line: line("staging"), keyPath: "paths.staging",
                                          message: "\(paths.staging) is on another file system than the archive (\(paths.archive)); versions are renamed from staging into the archive, which is only atomic on the same file system"))
        }
        return problems
    }

    /// The JSON Schema of pipeline.yaml (Schemas/pipeline.schema.json).
    public static var jsonSchema: String { JSONSchemaExporter.export() }

    /// The effective configuration as YAML-like JSON, for `validate-config --print`.
    public static func effectiveJSON(_ config: PipelineConfig) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(config)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    private static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): return problem
        case .duplicatedKeysInMapping(let duplicates, _): return "the key \(duplicates.joined(separator: ", ")) appears twice"
        default: return "\(error)"
        }
    }
}
