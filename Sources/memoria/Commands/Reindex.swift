import ArgumentParser
import Foundation
import Pipeline

struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the catalog (and its full-text index) from the archive alone.",
        discussion: "Reads every object's METS, inventory and text files. Exit codes: 0 done, 1 some objects could not be read, 2 aborted, 64 usage.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Print the summary as JSON on stdout.") var json = false

    func run() async throws {
        try await runCommand {
            let config = try common.load()
            let summary = try ReindexRunner(context: StageContext(config: config, reporter: Terminal.reporter(quiet: common.quiet || json))).run()
            if json { printJSON(summary) } else {
                print("Catálogo reconstruido: \(summary.items) ítems, \(summary.pages) páginas.")
                for failure in summary.failures { print("ERROR \(failure)") }
            }
            return summary.exitCode
        }
    }
}
