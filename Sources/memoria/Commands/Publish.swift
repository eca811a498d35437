import ArgumentParser
import Foundation
import Pipeline
import Site

struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the static site Memoria de Hidalgo from the catalog and the derivatives.",
        discussion: """
        By default only what changed since the last publish is rewritten (items, the lists that include them, \
        the search shards of their words) and pages of withdrawn items are removed; --full rebuilds everything \
        in a new folder and swaps it in. Exit codes: 0 published, 2 aborted, 64 usage.
        """)
    @OptionGroup var common: CommonOptions
    @Flag(help: "Rebuild the whole site.") var full = false
    @Flag(help: "Print the summary as JSON on stdout.") var json = false

    func run() async throws {
        try await runCommand {
            let config = try common.load()
            let context = StageContext(config: config, reporter: Terminal.reporter(quiet: common.quiet || json))
            let summary = try PublishRunner(context: context).run(full: full)
            if json { printJSON(summary) } else if !common.quiet {
                print("Sitio publicado (\(summary.mode == "full" ? "completo" : "incremental")): \(summary.items) documentos, \(summary.itemsRendered) renderizados, \(summary.itemsRemoved) retirados; \(summary.filesWritten) archivos escritos, \(summary.filesUnchanged) sin cambios; índice de búsqueda \(summary.searchIndexBytes / 1024) KiB; \(String(format: "%.2f", summary.seconds)) s")
                print("Sitio: \(summary.path)/index.html")
            }
            return 0
        }
    }
}
