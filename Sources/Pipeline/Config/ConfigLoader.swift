import Foundation
import Support
import Yams

/// Reads pipeline.yaml: YAML → schema validation (every problem, with its line) → defaults →
/// semantic checks (unique fonds codes and slugs, title required) → absolute paths.
public enum ConfigLoader {
    public static func load(_ url: URL) throws -> PipelineConfig {
        guard FileManager.default.fileExists(atPath: url.path) else { throw ConfigError.missing(file: url.relativePath) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError.unreadable(file: url.relativePath, reason: "\(error)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError.notUTF8(file: url.path, line: firstInvalidLine(data))
        }
        return try parse(text, file: url.path, baseDirectory: url.deletingLastPathComponent())
    }

    /// The line of the first byte sequence that is not UTF-8.
    static func firstInvalidLine(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if String(data: data[start..<index], encoding: .utf8) == nil { return line }
            line += 1
            start = data.index(after: index)
        }
        return line
    }

    public static func parse(_ text: String, file: String, baseDirectory: URL) throws -> PipelineConfig {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError.notYAML(file: file, line: Self.line(of: error), problem: Self.reason(of: error), detail: "\(error)")
        } catch {
            throw ConfigError.notYAML(file: file, line: nil, problem: "el texto no se pudo interpretar", detail: "\(error)")
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
            let fonds = config.fonds[index]
            problems.append(ConfigProblem(file: file, line: index < fondsLines.count ? fondsLines[index] : nil,
                                          keyPath: "fonds[\(index)].\(key)",
                                          place: "\(key) del \(SpanishText.ordinal(index + 1)) fondo («\(fonds.title)»)", message: message))
        }
        var codes: [String: Int] = [:], slugs: [String: Int] = [:]
        for (index, fonds) in config.fonds.enumerated() {
            if let other = codes[fonds.code] {
                fondsProblem(index, "code", "«\(fonds.code)» ya es el código del \(SpanishText.ordinal(other + 1)) fondo; cada fondo necesita un código propio")
            }
            if let other = slugs[fonds.slug] {
                fondsProblem(index, "slug", "«\(fonds.slug)» ya es el slug del \(SpanishText.ordinal(other + 1)) fondo; cada fondo necesita una carpeta propia")
            }
            codes[fonds.code] = index
            slugs[fonds.slug] = index
            if !fonds.requiredFields.contains("title") {
                fondsProblem(index, "required_fields", "debe incluir «title»: todo ítem necesita un título")
            }
        }
        let mailLine = node?.mapping?["notices"]?.mapping?["mail_to"]?.mark?.line
        for (index, address) in config.notices.mailTo.enumerated() where !Self.isMailAddress(address) {
            problems.append(ConfigProblem(file: file, line: mailLine, keyPath: "notices.mail_to[\(index)]",
                                          message: "«\(address)» no es una dirección de correo (nombre@dominio, sin espacios ni comas)"))
        }
        if !config.notices.mailFrom.isEmpty && !Self.isMailAddress(config.notices.mailFrom) {
            problems.append(ConfigProblem(file: file, line: node?.mapping?["notices"]?.mapping?["mail_from"]?.mark?.line, keyPath: "notices.mail_from",
                                          message: "«\(config.notices.mailFrom)» no es una dirección de correo (nombre@dominio, sin espacios ni comas)"))
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
        config.replicas = config.replicas.map { .init(name: $0.name, path: absolute($0.path), staging: absolute($0.staging)) }
        config.sourceFile = file
        let layout = Self.layoutProblems(config.paths, lines: node?.mapping?["paths"]?.mapping, file: file)
            + ReplicaLayout.problems(config.replicas, paths: config.paths, lines: (node?.mapping?["replicas"]?.sequence).map { $0.map { $0.mark?.line } } ?? [],
                                     file: file)
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
                                          message: "la carpeta está dentro de la bandeja (paths.inbox) y se tomaría por un depósito; póngala fuera de la bandeja"))
        }
        if contains(paths.archive, paths.inbox) {
            problems.append(ConfigProblem(file: file, line: line("inbox"), keyPath: "paths.inbox",
                                          message: "la bandeja está dentro del archivo (paths.archive); debe estar fuera"))
        }
        for (key, path) in written where key != "archive" && contains(paths.archive, path) {
            problems.append(ConfigProblem(file: file, line: line(key), keyPath: "paths.\(key)",
                                          message: "la carpeta está dentro del archivo (paths.archive), que solo guarda objetos OCFL; póngala al lado"))
        }
        var archiveInfo = stat(), stagingInfo = stat()
        if stat(paths.archive, &archiveInfo) == 0, stat(paths.staging, &stagingInfo) == 0, archiveInfo.st_dev != stagingInfo.st_dev {
            problems.append(ConfigProblem(file: file, line: line("staging"), keyPath: "paths.staging",
                                          message: "la carpeta de preparación está en otro disco que el archivo; las versiones se mueven de una a otro y eso solo es seguro en el mismo disco. Póngala en el disco del archivo"))
        }
        return problems
    }

    /// One plain address (name@domain): nothing a mail header could be split on.
    static func isMailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters).union(CharacterSet(charactersIn: ",;<>()\"\\"))
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty } && text.unicodeScalars.allSatisfy { !forbidden.contains($0) } && parts[1].contains(".")
    }

    /// The JSON Schema of pipeline.yaml (Schemas/pipeline.schema.json).
    public static var jsonSchema: String { JSONSchemaExporter.export() }

    /// The effective configuration as YAML-like JSON, for `validate-config --print`.
    public static func effectiveJSON(_ config: PipelineConfig) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(config), as: UTF8.self)
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
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): return YAMLProblemTranslation.spanish(problem)
        case .duplicatedKeysInMapping(let duplicates, _):
            return "\(SpanishText.form(duplicates.count, "la clave", "las claves")) \(SpanishText.list(duplicates.map { "«\($0)»" })) \(SpanishText.form(duplicates.count, "aparece", "aparecen")) dos veces"
        default: return "el texto no se pudo interpretar"
        }
    }
}
