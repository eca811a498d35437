import ArgumentParser
import Foundation
import Pipeline

struct ValidateConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-config",
        abstract: "Check pipeline.yaml: unknown keys (with \"did you mean\"), types, values, required fonds fields.",
        discussion: "Exit codes: 0 valid, 64 invalid (every problem is listed with its line).")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Print the effective configuration (every default filled in) as JSON.")
    var print = false
    @Flag(help: "Print the JSON Schema of pipeline.yaml (Schemas/pipeline.schema.json) and exit.")
    var jsonSchema = false

    func run() async throws {
        try await runCommand {
            if jsonSchema {
                Swift.print(ConfigLoader.jsonSchema, terminator: "")
                return 0
            }
            let config = try common.load()
            if print {
                Swift.print(ConfigLoader.effectiveJSON(config))
            } else if !common.quiet {
                Swift.print("\(common.config): válido (\(config.fonds.count) fondos: \(config.fonds.map(\.code).joined(separator: ", ")))")
            }
            return 0
        }
    }
}
