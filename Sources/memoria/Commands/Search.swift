import ArgumentParser
import Catalog
import Foundation
import Pipeline

struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the catalog: titles, creators, subjects, descriptions and the full text of every page.",
        discussion: """
        Case and accents are ignored (canción = cancion = CANCIÓN), but ñ is its own letter (año ≠ ano).
        Words are combined with AND; use "quotes" for a phrase, mich* for a prefix, OR (or O), and NOT or -word.
        Exit codes: 0 results found, 1 no results, 64 usage error.
        """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "The words to look for.") var query: [String]
    @Option(help: "Only this fonds (slug or code); repeatable.") var fonds: [String] = []
    @Option(help: "Items dated in or after this year.") var from: Int?
    @Option(help: "Items dated in or before this year.") var to: Int?
    @Option(help: "Only this DCMI type (Text, StillImage...); repeatable.") var type: [String] = []
    @Option(help: "How many results.") var limit: Int = 20
    @Flag(help: "Print the results as JSON on stdout.") var json = false

    func run() async throws {
        try await runCommand {
            let config = try common.load()
            let codes = try fonds.map { name -> String in
                guard let code = config.fonds(slug: name)?.code ?? config.fonds(code: name)?.code else {
                    throw CLIFailure(message: "unknown fonds \(name) (known: \(config.fonds.map(\.slug).joined(separator: ", ")))", code: ExitCodes.usage)
                }
                return code
            }
            if let from, let to, from > to {
                throw CLIFailure(message: "--from \(from) is after --to \(to): the years are swapped (e.g. --from \(to) --to \(from))", code: ExitCodes.usage)
            }
            let catalog = try CatalogDatabase(path: config.paths.catalog)
            let results = try catalog.search(query.joined(separator: " "),
                                             filters: SearchFilters(fondsCodes: codes, fromYear: from, toYear: to, types: type), limit: max(1, limit))
            if json { printJSON(results); return results.hits.isEmpty ? 1 : 0 }
            for note in results.notes { print("nota: \(note)") }
            let bold = Terminal.isTerminal && isatty(STDOUT_FILENO) == 1
            for (index, hit) in results.hits.enumerated() {
                print("\(index + 1). \(hit.itemID) — \(hit.title) (\(hit.date.isEmpty ? "s. f." : hit.date)) · página \(hit.page) · coincide en \(hit.matchedIn)")
                let snippet = bold ? hit.snippet.replacingOccurrences(of: "«", with: "\u{1B}[1m").replacingOccurrences(of: "»", with: "\u{1B}[0m") : hit.snippet
                print("   \(snippet.replacingOccurrences(of: "\n", with: " "))")
            }
            let more = results.countIsLowerBound ? "más de " : ""
            print(results.hits.isEmpty ? "Sin resultados." : "\(results.hits.count) ítems mostrados; \(more)\(results.matchingPages) páginas coinciden.")
            return results.hits.isEmpty ? 1 : 0
        }
    }
}
