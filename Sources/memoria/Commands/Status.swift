import ArgumentParser
import Foundation
import Pipeline

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the archive, the catalog, the inbox and the quarantine hold.",
        discussion: "Exit codes: 0 (always, when the configuration is valid), 64 usage.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Print as JSON on stdout.") var json = false

    func run() async throws {
        try await runCommand {
            let config = try common.load()
            let status = try StatusService(context: StageContext(config: config)).run()
            if json { printJSON(status); return 0 }
            print("Archivo: \(status.archiveObjects) objetos · catálogo: \(status.catalogItems) ítems, \(status.pages) páginas, \(status.files) archivos (\(status.bytes) bytes), \(status.events) eventos PREMIS")
            for (slug, count) in status.itemsByFonds.sorted(by: { $0.key < $1.key }) { print("  \(slug): \(count) ítems") }
            print("Cuarentena: \(status.quarantineFilesNow) archivos en la carpeta (\(status.quarantinedFiles) registrados desde el principio)")
            print("Bandeja: \(status.inboxReady.count) lotes listos, \(status.inboxWaiting.count) en espera")
            for line in status.inboxReady { print("  listo: \(line)") }
            for line in status.inboxWaiting { print("  en espera: \(line)") }
            for line in status.inboxUndeclared { print("  aviso: \(line)") }
            if let last = status.lastPublish { print("Última publicación: \(last)") }
            for line in status.recentBatches { print("  lote: \(line)") }
            return 0
        }
    }
}
