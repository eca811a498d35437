import ArgumentParser
import Foundation
import Pipeline

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Muestra lo que contienen el archivo, el catálogo, la bandeja y la cuarentena (estado).",
        discussion: "Códigos de salida: 0 (siempre que la configuración sea válida), 2 el archivo o el catálogo no se pueden leer, 64 error de uso.",
        aliases: ["estado"])
    @OptionGroup var common: CommonOptions
    @Flag(help: "Imprime el estado en JSON por la salida estándar.") var json = false

    func run() async throws {
        let config = try common.load()
        let status = try StatusService(context: common.context(config, quiet: true)).run()
        if json { try printJSON(status) } else { printLines(status.linesForPeople) }
    }
}
