import ArgumentParser
import Foundation
import Pipeline

struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Muestra las versiones de un ítem y lo que cambió en cada una (historia).",
        discussion: """
        Para cada versión: fecha (hora local), quién la hizo, el lote u orden, y lo que cambió (páginas \
        añadidas, sustituidas o retiradas, elementos corregidos, decisiones de acceso, restauraciones); \
        después, los registros del objeto (auditorías de fijeza, cuarentena). Se lee del archivo mismo, \
        sin el catálogo. memoria export ID --version vN --bagit CARPETA exporta cualquier versión; \
        memoria restaurar ID --version vN hace una versión nueva igual a vN.

        Códigos de salida: 0 hecho, 2 interrumpido, 64 error de uso (ítem desconocido).
        """,
        aliases: ["historia"])
    @OptionGroup var common: CommonOptions
    @Argument(help: ArgumentHelp("El ítem.", valueName: "identificador")) var item: String
    @Flag(help: "Imprime la historia en JSON por la salida estándar.") var json = false

    func run() async throws {
        let config = try common.load()
        let history = try HistoryRunner(context: common.context(config, quiet: json)).run(item)
        if json { try printJSON(history) } else { printLines(history.linesForPeople) }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Hace una versión nueva de un ítem igual a una versión anterior (restaurar).",
        discussion: """
        La versión nueva toma las páginas, los textos y la descripción de la versión indicada, sin copiar \
        ningún archivo ni reescribir ninguna versión, con un evento PREMIS de restauración. La decisión de \
        acceso vigente se conserva (un ítem retirado sigue retirado; memoria restablecer lo devuelve al sitio).

        Códigos de salida: 0 hecho, 2 interrumpido, 64 error de uso (ítem o versión desconocidos).
        """,
        aliases: ["restaurar"])
    @OptionGroup var common: CommonOptions
    @Argument(help: ArgumentHelp("El ítem.", valueName: "identificador")) var item: String
    @Option(help: ArgumentHelp("La versión que se restaura.", valueName: "vN")) var version: String
    @Option(name: .customLong("motivo"), help: ArgumentHelp("Por qué (queda en el archivo).", valueName: "texto")) var reason: String?
    @Option(help: ArgumentHelp("Persona que restaura, registrada como agente PREMIS (sin ella, el archivo registra a la institución).", valueName: "nombre"))
    var agent: String?
    @Option(help: ArgumentHelp("Carpeta de los esquemas XML oficiales (en lugar de paths.schemas).", valueName: "carpeta"))
    var schemas: String?
    @Flag(help: "Imprime el resumen en JSON por la salida estándar.") var json = false

    func run() async throws {
        let config = try common.load()
        let summary = try RestoreRunner(context: common.context(config, agent: agent, quiet: json), schemasFolder: schemas)
            .run(item, version: version, reason: reason)
        if json { try printJSON(summary) } else { printLines(summary.linesForPeople) }
    }
}
