import ArgumentParser
import FixtureKit
import Foundation

/// `memoria-fixtures`: writes the sample inbox and benchmark corpora (deterministic: same seed, same bytes).
struct FixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memoria-fixtures",
        abstract: "Writes Memoria's deterministic sample inbox or benchmark corpora.",
        subcommands: [SampleInbox.self, Corpus.self, Quirks.self, SoakBatch.self],
        defaultSubcommand: SampleInbox.self)

    struct SampleInbox: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sample-inbox", abstract: "Writes the sample inbox (Fixtures/sample-inbox is this, committed).")
        @Argument(help: "Folder to write into (created; must be empty or absent).") var output: String
        @Option(help: "Random seed.") var seed: UInt64 = 1954

        func run() throws {
            let url = URL(fileURLWithPath: output)
            try InboxWriter(seed: seed).write(SampleInboxPlan.make(), to: url)
            print("sample inbox written to \(url.path)")
        }
    }

    struct Corpus: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "corpus", abstract: "Writes large benchmark pages (A4 300 dpi and bigger).")
        @Argument(help: "Folder to write into.") var output: String
        @Option(help: "Which kinds, comma-separated (default: all). See --list.") var only: String?
        @Option(help: "Extra A4 RGB LZW pages for batch benchmarks.") var count: Int = 0
        @Flag(help: "List the kinds and exit.") var list = false
        @Option(help: "Random seed.") var seed: UInt64 = 1605

        func run() throws {
            if list {
                for kind in BenchmarkCorpus.Kind.allCases { print("\(kind.fileName)\t\(kind.summary)") }
                return
            }
            let kinds = try only.map { names in
                try names.split(separator: ",").map { name in
                    guard let kind = BenchmarkCorpus.Kind.allCases.first(where: { $0.fileName == name || $0.rawValue == name }) else {
                        throw ValidationError("unknown kind \(name); see --list")
                    }
                    return kind
                }
            } ?? BenchmarkCorpus.Kind.allCases
            let corpus = try BenchmarkCorpus(seed: seed)
            try corpus.write(kinds, extraPages: count, to: URL(fileURLWithPath: output)) { print($0) }
        }
    }
}

extension FixturesCommand {
    struct Quirks: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quirks", abstract: "Writes the small quirk, damage and unsupported-sample fixtures of issue 17.")
        @Argument(help: "Folder to write into (created).") var output: String
        @Flag(help: "List the fixtures and exit.") var list = false

        func run() throws {
            if list {
                for fixture in QuirkFixture.allCases { print("\(fixture.fileName)\t\(fixture.summary)") }
                return
            }
            let urls = try QuirkFixture.writeAll(to: URL(fileURLWithPath: output))
            print("\(urls.count) fixtures written to \(output)")
        }
    }
}

extension FixturesCommand {
    struct SoakBatch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "soak-batch",
            abstract: "Writes one batch of the soak test (bench/soak.sh) into an inbox and prints its manifest.",
            discussion: "Manifest lines on standard output: path relative to the inbox, TAB, good | quarantine:<kind> | archive:<kind>.")
        @Argument(help: "Inbox folder to write into (the batch goes in <fonds>/soak-<batch>/).") var inbox: String
        @Option(help: "Batch number.") var batch: Int
        @Option(help: "Files in the batch.") var files: Int = 500
        @Option(help: "One odd file every this many files (0: none).") var badEvery: Int = 50
        @Option(help: "Pages per item.") var pagesPerItem: Int = 5
        @Option(help: "Page width in pixels.") var width: Int = 620
        @Option(help: "Page height in pixels.") var height: Int = 860
        @Option(help: "Fonds slug (a fonds of the deployment's pipeline.yaml).") var fonds: String = "banda-sinfonica"
        @Option(help: "Random seed.") var seed: UInt64 = 1717

        func run() throws {
            let shape = SoakInboxPlan.Shape(fonds: fonds, batch: batch, files: files, pagesPerItem: pagesPerItem, badEvery: badEvery,
                                            width: width, height: height)
            let (plan, entries) = SoakInboxPlan.make(shape, seed: seed)
            try InboxWriter(seed: seed).write(plan, to: URL(fileURLWithPath: inbox))
            for entry in entries {
                let label = entry.oddity.map { (entry.quarantined ? "quarantine:" : "archive:") + $0 } ?? "good"
                print("\(entry.path)\t\(label)")
            }
        }
    }
}

FixturesCommand.main()
