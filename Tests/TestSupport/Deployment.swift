import Foundation

/// A throw-away deployment for end-to-end tests: a temporary folder with a pipeline.yaml (relative
/// paths), an inbox copied from a fixture, and helpers to run the `memoria` binary in it.
public final class TestDeployment: @unchecked Sendable {
    public let directory: TemporaryDirectory
    public var root: URL { directory.url }
    public var configURL: URL { root.appendingPathComponent("pipeline.yaml") }
    public var inbox: URL { root.appendingPathComponent("inbox") }
    public var archive: URL { root.appendingPathComponent("archive") }

    /// - Parameters:
    ///   - inboxFixture: folder copied as the inbox (nil: an empty inbox).
    ///   - ocr: text.ocr value ("never" keeps tests fast and independent of Tesseract).
    ///   - schemas: whether to point paths.schemas at ../shared/standards/xsd when present.
    public init(label: String = "deployment", inboxFixture: URL? = TestPaths.sampleInbox, ocr: String = "never",
                schemas: Bool = true, extraYAML: String = "") throws {
        directory = TemporaryDirectory(label)
        var yaml = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        let schemaFolder = schemas ? (TestPaths.shared?.appendingPathComponent("standards/xsd").path ?? "") : ""
        yaml = yaml.replacingOccurrences(of: "  schemas: \"\"", with: "  schemas: \"\(schemaFolder)\"")
        yaml = yaml.replacingOccurrences(of: "  ocr: auto", with: "  ocr: \(ocr)")
        yaml = yaml.replacingOccurrences(of: "  workers: 0", with: "  workers: 2")
        // Fixtures are copied just before the ingest: not a copy in progress (tests of copying set it back).
        yaml = yaml.replacingOccurrences(of: "  copy_quiet_seconds: 10", with: "  copy_quiet_seconds: 0")
        yaml += extraYAML
        try yaml.write(to: configURL, atomically: true, encoding: .utf8)
        if let inboxFixture {
            try FileManager.default.copyItem(at: inboxFixture, to: inbox)
        } else {
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        }
    }

    /// Runs `memoria <arguments>` with this deployment's configuration.
    @discardableResult
    public func memoria(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        guard let command = arguments.first else { return try ProcessRunner.run(TestPaths.memoriaExecutable.path, []) }
        return try ProcessRunner.run(TestPaths.memoriaExecutable.path, [command, "--config", configURL.path] + arguments.dropFirst(),
                                     currentDirectory: root, environment: environment)
    }

    /// The absolute path of a path shown in a report (`quarantine/…`, relative to the deployment).
    public func resolve(_ shown: String) -> String { root.appendingPathComponent(shown).path }

    /// Files under a folder, relative paths, sorted.
    public func files(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var result: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                result.append(String(url.path.dropFirst(folder.path.count + 1)))
            }
        }
        return result.sorted()
    }
}

/// External validators from PyPI (ocfl-py, bagit), installed by scripts/test.sh into .venv/.
public enum PythonTools {
    public static func path(_ tool: String) -> String? {
        let venv = TestPaths.packageRoot.appendingPathComponent(".venv/bin/\(tool)")
        if FileManager.default.isExecutableFile(atPath: venv.path) { return venv.path }
        if ProcessRunner.exists(tool) { return tool }
        return nil
    }

    public static func pathOrSkip(_ tool: String, _ test: String = #function) -> String? {
        if let path = path(tool) { return path }
        print("SKIPPED \(test): \(tool) is not installed; run the README's test command (scripts/test.sh), which installs it into .venv")
        return nil
    }
}

extension TestDeployment {
    /// A copy of this deployment (archive, catalog, inbox...) in a new temporary folder.
    public func copy(label: String) throws -> TestDeployment {
        let other = try TestDeployment(label: label, inboxFixture: nil)
        try FileManager.default.removeItem(at: other.root)
        try FileManager.default.copyItem(at: root, to: other.root)
        return other
    }

    public static func listFiles(_ folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var result: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                result.append(String(url.path.dropFirst(folder.path.count + 1)))
            }
        }
        return result.sorted()
    }
}
