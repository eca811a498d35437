import ArgumentParser
import Foundation
import Pipeline
import Preservation

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit the fixity of the archive against its OCFL inventories.",
        discussion: """
        Reads every stored file (or those of --fonds / --item, or a --sample) and compares its digest with the \
        inventory; reports missing, extra and altered files, records a PREMIS "fixity check" event per object \
        in the catalog, and writes a JSON and HTML report in reports/auditorias/.
        Exit codes: 0 no problem, 1 problems found (each named), 2 aborted, 64 usage error.
        """)
    @OptionGroup var common: CommonOptions
    @Option(help: "Only items of this fonds (slug or code); repeatable.") var fonds: [String] = []
    @Option(help: "Only this item; repeatable.") var item: [String] = []
    @Option(help: "Only a sample of N percent of the objects (different each day).") var sample: Double?
    @Flag(help: "Print the summary as JSON on stdout.") var json = false

    func run() async throws {
        try await runCommand {
            let config = try common.load()
            if let sample, !(0 < sample && sample <= 100) { throw CLIFailure(message: "--sample takes a percentage above 0 and at most 100 (e.g. --sample 10)", code: ExitCodes.usage) }
            let context = StageContext(config: config, reporter: Terminal.reporter(quiet: common.quiet || json))
            let summary = try await VerifyRunner(context: context).run(fonds: fonds, items: item, samplePercent: sample)
            if json { printJSON(summary) } else {
                print("\(summary.objectsChecked) objetos, \(summary.filesChecked) archivos, \(summary.bytesChecked) bytes en \(String(format: "%.1f", summary.seconds)) s (\(String(format: "%.0f", summary.megabytesPerSecond)) MB/s)")
                for problem in summary.problems { print("PROBLEMA \(problem.kind.rawValue): \(problem.message)") }
                print(summary.problems.isEmpty ? "Fijeza correcta." : "\(summary.problems.count) problema(s). Informe: \(summary.report)")
            }
            return summary.exitCode
        }
    }
}
