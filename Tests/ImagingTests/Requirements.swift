import Foundation
import Testing
import TestSupport

/// What some Imaging tests need from outside the repository. Absent on a developer's machine, the
/// test says why it is skipped; absent on CI (`CI=true`), the test fails: a skipped case is not a pass.
enum Requirements {
    static var onCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// ../shared (the real-world corpus), or nil.
    static func sharedCorpus(_ test: String = #function) -> URL? {
        if let shared = TestPaths.shared { return shared }
        missing("../shared is not beside the repository (it holds the real-world corpus)", test: test)
        return nil
    }

    /// True when every command is on PATH (or is an absolute path that exists).
    static func commands(_ names: [String], install: String, _ test: String = #function) -> Bool {
        let absent = names.filter { $0.hasPrefix("/") ? !FileManager.default.isExecutableFile(atPath: $0) : !ProcessRunner.exists($0) }
        guard !absent.isEmpty else { return true }
        missing("\(absent.joined(separator: ", ")) not installed (Debian: \(install))", test: test)
        return false
    }

    private static func missing(_ why: String, test: String) {
        if onCI {
            Issue.record("\(test) cannot run on CI: \(why)")
        } else {
            print("SKIPPED \(test): \(why)")
        }
    }
}
