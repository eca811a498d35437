import ArgumentParser
import Foundation
import Pipeline

/// Commands whose stage is being built say so and exit 2; they never pretend.
func notBuilt(_ name: String) throws -> Int32 {
    throw CLIFailure(message: "`memoria \(name)` is not built yet in this version.", code: ExitCodes.aborted)
}

struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the static site Memoria de Hidalgo.")
    @OptionGroup var common: CommonOptions
    func run() async throws { try await runCommand { try notBuilt("publish") } }
}
