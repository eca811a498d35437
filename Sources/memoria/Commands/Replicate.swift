import ArgumentParser
import Foundation
import Pipeline

struct Replicate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replicar",
        abstract: "Pone al día las réplicas del archivo (replicas: en pipeline.yaml) como copias OCFL exactas (replicate).",
        discussion: """
        Cada versión nueva de un objeto se copia una sola vez: se prepara junto a la réplica, se asegura en \
        su disco, se relee de él y se compara con las huellas del inventario, y solo entonces se pone en su \
        lugar (primero las carpetas de versión, al final el inventario), así que una copia interrumpida se \
        retoma donde quedó. Lo que en el archivo no coincide con su inventario nunca se copia, y una \
        versión de la réplica que difiere de la del archivo nunca se sobrescribe. Copia también los \
        registros (logs/) de cada objeto. Mientras trabaja, ningún ingreso cambia el archivo.

        Códigos de salida: 0 réplicas al día, 1 algún objeto no se pudo copiar (cada uno con su motivo), \
        2 una réplica no está disponible o su disco falló, 64 error de uso.
        """,
        aliases: ["replicate"])
    @OptionGroup var common: CommonOptions
    @Option(help: ArgumentHelp("Solo esta réplica (su name en pipeline.yaml); se puede repetir.", valueName: "nombre")) var replica: [String] = []
    @Option(help: ArgumentHelp("Aparta la copia de este ítem en la réplica (a <preparación>/apartados/, sin borrarla) y lo copia de nuevo; se puede repetir.",
                               valueName: "identificador")) var rehacer: [String] = []
    @Flag(help: "Imprime el resumen en JSON por la salida estándar.") var json = false

    func run() async throws {
        let config = try common.load()
        let context = common.context(config, quiet: json)
        let summary = try await ReplicateRunner(context: context).run(names: replica, rebuild: rehacer)
        await AfterRun.replication(summary, context: context)
        if json { try printJSON(summary) } else { printLines(summary.linesForPeople) }
        if summary.aborted { throw ExitCode(ExitCodes.aborted) }
        try finish(needsAttention: summary.needsAttention)
    }
}
