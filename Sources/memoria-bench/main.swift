import ArgumentParser
import Foundation
import Imaging

/// `memoria-bench`: the single operations the benchmarks time, one process per run (like the
/// reference tools they are compared with). Not part of the product; see bench/README.md.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memoria-bench",
        abstract: "Operations timed by Memoria's benchmarks (bench/*.sh).",
        subcommands: [DeriveOne.self, ValidateOne.self])

    struct DeriveOne: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "derive",
            abstract: "Decode a master once (validating it) and write its access copy and thumbnail, as ingest does.")
        @Argument var file: String
        @Argument var output: String
        @Option var long: Int = 2000
        @Option var thumb: Int = 400

        func run() throws {
            let url = URL(fileURLWithPath: file)
            let format = try FormatIdentifier.identify(fileAt: url)
            let spec = DerivativeSpec(accessLongEdge: long, accessQuality: 85, thumbnailLongEdge: thumb, thumbnailQuality: 85, progressive: true)
            try MasterDecoder.decode(url, format: format, limits: DecodeLimits(), derivatives: spec) { page in
                try Data(page.access!.jpeg).write(to: URL(fileURLWithPath: "\(output)-\(page.indexInFile)-access.jpg"))
                try Data(page.thumbnail!.jpeg).write(to: URL(fileURLWithPath: "\(output)-\(page.indexInFile)-thumb.jpg"))
            }
        }
    }

    struct ValidateOne: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "validate", abstract: "Decode every strip/tile/scan of masters (validation only).")
        @Argument var files: [String]

        func run() throws {
            for file in files {
                let url = URL(fileURLWithPath: file)
                try MasterDecoder.decode(url, format: try FormatIdentifier.identify(fileAt: url), limits: DecodeLimits(), derivatives: nil) { _ in }
            }
        }
    }
}

Bench.main()
