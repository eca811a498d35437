import ArgumentParser
import Foundation
import Pipeline

struct Derive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Rehace las copias de consulta y las miniaturas a partir de los másters archivados (derivar).",
        discussion: """
        Las páginas cuyas copias corresponden a la huella del máster y a la configuración actual se dejan \
        como están (salvo con --force).

        Un disco lleno o de solo lectura detiene la ejecución; lo ya derivado se conserva y la siguiente \
        ejecución sigue con lo que falta.

        Códigos de salida: 0 hecho, 1 algún máster no se pudo derivar, 2 interrumpido, 64 error de uso.
        """,
        aliases: ["derivar"])
    @OptionGroup var common: CommonOptions
    @Option(help: ArgumentHelp("Solo este ítem; se puede repetir.", valueName: "identificador")) var item: [String] = []
    @Option(help: ArgumentHelp("Solo este fondo (slug o código); se puede repetir.", valueName: "fondo")) var fonds: [String] = []
    @Flag(help: "Rehace también las copias que están al día.") var force = false
    @Flag(help: "Imprime el resumen en JSON por la salida estándar.") var json = false

    func run() async throws {
        let config = try common.load()
        let summary = try await DeriveRunner(context: common.context(config, quiet: json)).run(items: item, fonds: fonds, force: force)
        if json { try printJSON(summary) } else { printLines(summary.linesForPeople) }
        try finish(needsAttention: summary.needsAttention)
    }
}
