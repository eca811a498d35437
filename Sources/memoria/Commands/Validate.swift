import ArgumentParser
import Foundation
import Metadata
import Pipeline

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate METS and Dublin Core files against the official schemas (and the Memoria METS profile).",
        discussion: "Exit codes: 0 every file valid, 1 some file invalid (each problem with its line), 2 no schema folder (none configured or not found), 64 usage.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "METS or OAI-DC files.") var files: [String]
    @Option(help: "Folder of the official XML schemas (overrides paths.schemas).") var schemas: String?
    @Flag(help: "Print the results as JSON on stdout.") var json = false

    func run() async throws {
        try await runCommand {
            let folder: String
            if let schemas { folder = schemas } else { folder = try common.load().paths.schemas }
            let validator = try XMLFileValidator(schemasFolder: folder)
            let results = files.map { validator.validate(URL(fileURLWithPath: $0)) }
            if json { printJSON(results) } else {
                for result in results {
                    print("\(result.file): \(result.kind) \(result.valid ? "válido" : "NO válido")")
                    for problem in result.problems.prefix(20) { print("  línea \(problem.line): \(problem.message)") }
                }
            }
            return results.allSatisfy(\.valid) ? 0 : 1
        }
    }
}
