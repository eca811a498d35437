import ArgumentParser
import Foundation
import Pipeline

struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Escribe el sitio estático Memoria de Hidalgo a partir del catálogo y las copias de consulta (publicar).",
        discussion: """
        Sin --full solo se reescribe lo que cambió desde la última publicación (los ítems, las listas que \
        los incluyen y las partes del índice de búsqueda con sus palabras), y se quitan las páginas de los \
        ítems retirados; --full lo rehace todo en una carpeta nueva y la pone en su lugar al terminar.

        Códigos de salida: 0 publicado, 2 interrumpido (el sitio anterior queda intacto), 64 error de uso.
        """,
        aliases: ["publicar"])
    @OptionGroup var common: CommonOptions
    @Flag(help: "Rehace el sitio completo.") var full = false
    @Flag(help: "Imprime el resumen en JSON por la salida estándar.") var json = false

    func run() async throws {
        let config = try common.load()
        let context = common.context(config, quiet: json)
        let summary: PublishSummary
        do {
            summary = try PublishRunner(context: context).run(full: full)
        } catch {
            await AfterRun.publishFailed(context.displayPaths.scrub((error as? PersonFacingError)?.messageForPeople ?? "\(error)"), context: context)
            throw error
        }
        if json { try printJSON(summary) } else if !common.quiet { printLines(summary.linesForPeople) }
    }
}
