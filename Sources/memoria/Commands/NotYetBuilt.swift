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

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit the fixity of the archive.")
    @OptionGroup var common: CommonOptions
    func run() async throws { try await runCommand { try notBuilt("verify") } }
}

struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rebuild the catalog from the archive.")
    @OptionGroup var common: CommonOptions
    func run() async throws { try await runCommand { try notBuilt("reindex") } }
}

struct Derive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rebuild access images and thumbnails from the archive.")
    @OptionGroup var common: CommonOptions
    func run() async throws { try await runCommand { try notBuilt("derive") } }
}

struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Search the catalog's full text.")
    @OptionGroup var common: CommonOptions
    func run() async throws { try await runCommand { try notBuilt("search") } }
}

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show what the archive and the inbox hold.")
    @OptionGroup var common: CommonOptions
    func run() async throws { try await runCommand { try notBuilt("status") } }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export an item (BagIt).")
    @OptionGroup var common: CommonOptions
    func run() async throws { try await runCommand { try notBuilt("export") } }
}

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate METS and Dublin Core files against the schemas.")
    @OptionGroup var common: CommonOptions
    func run() async throws { try await runCommand { try notBuilt("validate") } }
}
