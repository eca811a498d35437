import ArgumentParser
import Foundation
import Pipeline

struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Reconstruye el catálogo (y su índice de texto completo) solo a partir del archivo (reindexar).",
        discussion: """
        Lee el METS, el inventario y los textos de cada objeto. Hasta que termina, las búsquedas ven el \
        catálogo anterior; si se interrumpe, no cambia nada.

        Códigos de salida: 0 hecho, 1 algún objeto no se pudo leer, 2 interrumpido, 64 error de uso.
        """,
        aliases: ["reindexar"])
    @OptionGroup var common: CommonOptions
    @Flag(help: "Imprime el resumen en JSON por la salida estándar.") var json = false

    func run() async throws {
        let config = try common.load()
        let summary = try ReindexRunner(context: common.context(config, quiet: json)).run()
        if json { try printJSON(summary) } else { printLines(summary.linesForPeople) }
        try finish(needsAttention: summary.needsAttention)
    }
}
