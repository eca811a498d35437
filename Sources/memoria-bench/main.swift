import ArgumentParser
import Foundation

/// `memoria-bench`: the single operations the benchmarks time, one process per run (like the
/// reference tools they are compared with), and the synthetic corpora they need. Not part of the
/// product; see bench/README.md.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memoria-bench",
        abstract: "Operations timed by Memoria's benchmarks (bench/*.sh).",
        subcommands: [DeriveOne.self, TilesOne.self, PDFOne.self, ValidateOne.self, DigestFiles.self, FTSBuild.self, FTSQuery.self, SynthesizeSite.self,
                      SynthesizeLogs.self, SynthesizeArchive.self])
}

Bench.main()
