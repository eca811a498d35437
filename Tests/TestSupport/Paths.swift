import Foundation

/// Where things are, for tests: the package root, its fixtures, and ../shared when it is present.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static var fixtures: URL { packageRoot.appendingPathComponent("Fixtures") }
    public static var sampleInbox: URL { fixtures.appendingPathComponent("sample-inbox") }

    /// ../shared beside the repository (official schemas, real-world corpus), or nil when absent.
    public static var shared: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("corpus").path) ? url.standardizedFileURL : nil
    }

    /// True in CI (the environment variable CI=true): there a test that needs ../shared must fail, not skip.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    /// ../shared is missing where it must be (CI).
    public struct SharedMissing: Error, CustomStringConvertible {
        public var test: String
        public var description: String {
            "\(test) needs ../shared (corpus and official schemas) beside the repository, and CI=true: failing instead of skipping"
        }
    }

    /// The shared folder; or, outside CI, nil after printing why the calling test is skipped; in CI
    /// (CI=true) a missing ../shared throws, so the test fails.
    public static func sharedOrSkip(_ test: String = #function) throws -> URL? {
        if let shared { return shared }
        if isCI { throw SharedMissing(test: test) }
        print("SKIPPED \(test): ../shared is not beside the repository (it holds the corpus and official schemas)")
        return nil
    }

    /// The built `memoria` executable (tests depend on its target, so `swift test` builds it).
    public static var memoriaExecutable: URL {
        productsDirectory.appendingPathComponent("memoria")
    }

    public static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }
}
