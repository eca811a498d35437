import ArgumentParser
import Foundation
import Pipeline

struct Derive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild access images and thumbnails from the archived masters.",
        discussion: "Pages whose derivatives match the master's digest and the current settings are skipped. Exit codes: 0 done, 1 some masters failed, 2 aborted, 64 usage.")
    @OptionGroup var common: CommonOptions
    @Option(help: "Only this item; repeatable.") var item: [String] = []
    @Option(help: "Only this fonds (slug or code); repeatable.") var fonds: [String] = []
    @Flag(help: "Rebuild even derivatives that are up to date.") var force = false
    @Flag(help: "Print the summary as JSON on stdout.") var json = false

    func run() async throws {
        try await runCommand {
            let config = try common.load()
            let context = StageContext(config: config, reporter: Terminal.reporter(quiet: common.quiet || json))
            let summary = try await DeriveRunner(context: context).run(items: item, fonds: fonds, force: force)
            if json { printJSON(summary) } else {
                print("\(summary.pagesDerived) páginas derivadas de \(summary.mastersDecoded) másters en \(String(format: "%.1f", summary.seconds)) s; \(summary.pagesUpToDate) ya estaban al día.")
                for failure in summary.failures { print("ERROR \(failure)") }
            }
            return summary.exitCode
        }
    }
}
