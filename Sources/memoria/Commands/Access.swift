import ArgumentParser
import Foundation
import Pipeline

/// What the four access commands share: the items, who decides, the schemas, JSON output.
struct AccessOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions
    @Argument(help: ArgumentHelp("Identificadores de los ítems.", valueName: "identificador")) var items: [String]
    @Option(help: ArgumentHelp("Persona que decide, registrada como agente PREMIS (sin ella, el archivo registra a la institución).", valueName: "nombre"))
    var agent: String?
    @Option(help: ArgumentHelp("Carpeta de los esquemas XML oficiales (en lugar de paths.schemas).", valueName: "carpeta"))
    var schemas: String?
    @Flag(help: "Imprime el resumen en JSON por la salida estándar.") var json = false

    func validate() throws {
        if items.isEmpty { throw ValidationError("indique al menos un identificador de ítem") }
    }

    func run(_ decision: AccessRunner.Decision) throws {
        let config = try common.load()
        let summary = try AccessRunner(context: common.context(config, agent: agent, quiet: json), schemasFolder: schemas).run(items, decision: decision)
        if json { try printJSON(summary) } else { printLines(summary.linesForPeople) }
        try finish(needsAttention: summary.needsAttention)
    }
}

private let accessExitCodes = "Códigos de salida: 0 hecho, 1 algún ítem no se encontró o no se pudo cambiar, 2 interrumpido, 64 error de uso."

struct Withdraw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Retira ítems del sitio público con un motivo; el archivo los conserva (retirar).",
        discussion: """
        Cada ítem recibe una versión nueva de sus metadatos (metadata/access.json y un evento PREMIS con el \
        motivo y quién decidió); ningún archivo maestro se copia ni se borra. Tras memoria publish, su página \
        deja de mostrarse y su dirección muestra un aviso breve: que el documento fue retirado, cuándo y a \
        quién preguntar (sin el título con --ocultar-titulo). El motivo nunca se publica. memoria restablecer \
        lo devuelve al sitio.

        \(accessExitCodes)
        """,
        aliases: ["retirar"])
    @OptionGroup var options: AccessOptions
    @Option(name: .customLong("motivo"), help: ArgumentHelp("Por qué se retira (queda en el archivo, no se publica).", valueName: "texto"))
    var reason: String
    @Flag(name: .customLong("ocultar-titulo"), help: "El aviso del sitio no muestra el título del documento.")
    var hideTitle = false

    func run() async throws { try options.run(.withdraw(reason: reason, hideTitle: hideTitle)) }
}

struct Reinstate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reinstate",
        abstract: "Devuelve al sitio público ítems retirados, restringidos o en embargo (restablecer).",
        discussion: """
        Cada ítem recibe una versión nueva de sus metadatos con el acceso «público» y un evento PREMIS. \
        Se ve de nuevo en el sitio tras memoria publish.

        \(accessExitCodes)
        """,
        aliases: ["restablecer"])
    @OptionGroup var options: AccessOptions
    @Option(name: .customLong("motivo"), help: ArgumentHelp("Por qué se restablece (queda en el archivo).", valueName: "texto"))
    var reason: String?

    func run() async throws { try options.run(.reinstate(reason: reason)) }
}

struct Restrict: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restrict",
        abstract: "Restringe ítems: se conservan y catalogan, nunca se publican (restringir).",
        discussion: """
        El sitio no muestra nada de un ítem restringido (ni página, ni búsqueda, ni datos abiertos, ni IIIF); \
        memoria search lo muestra al curador marcado como restringido.

        \(accessExitCodes)
        """,
        aliases: ["restringir"])
    @OptionGroup var options: AccessOptions
    @Option(name: .customLong("motivo"), help: ArgumentHelp("Por qué se restringe (queda en el archivo, no se publica).", valueName: "texto"))
    var reason: String

    func run() async throws { try options.run(.restrict(reason: reason)) }
}

struct Embargo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embargo",
        abstract: "Pone ítems en embargo hasta un día; la primera publicación de ese día en adelante los muestra (embargar).",
        discussion: """
        Hasta el día indicado (hora local) el ítem no aparece en el sitio; memoria publish lo publica sola \
        a partir de ese día, sin otra orden.

        \(accessExitCodes)
        """,
        aliases: ["embargar"])
    @OptionGroup var options: AccessOptions
    @Option(name: .customLong("hasta"), help: ArgumentHelp("El día en que termina el embargo.", valueName: "AAAA-MM-DD"))
    var until: String
    @Option(name: .customLong("motivo"), help: ArgumentHelp("Por qué (queda en el archivo, no se publica).", valueName: "texto"))
    var reason: String?

    func run() async throws { try options.run(.embargo(until: until, reason: reason)) }
}
