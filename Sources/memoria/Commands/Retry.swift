import ArgumentParser
import Foundation
import Pipeline

struct Retry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Devuelve a la bandeja los archivos en cuarentena de un lote o de un ítem, para corregirlos (reintentar).",
        discussion: """
        Cada archivo vuelve al lugar del que salió (inbox/<fondo>/<lote>/…) sin su nota .reason.txt; \
        si la carpeta del lote no tiene metadata.csv, se recupera la copia guardada junto a sus informes. \
        Nunca se sobrescribe un archivo de la bandeja. Las entradas de la cuarentena quedan resueltas \
        («devuelto a la bandeja»).

        Códigos de salida: 0 hecho, 1 algún archivo se quedó en la cuarentena, 2 interrumpido, 64 error de uso.
        """,
        aliases: ["reintentar"])
    @OptionGroup var common: CommonOptions
    @Argument(help: ArgumentHelp("El lote, como fondo/lote.", valueName: "fondo/lote")) var batch: String?
    @Option(help: ArgumentHelp("Los archivos de este ítem, de cualquier lote.", valueName: "identificador")) var item: String?
    @Flag(help: "Imprime el resumen en JSON por la salida estándar.") var json = false

    func validate() throws {
        if batch == nil && item == nil { throw ValidationError("indique el lote (fondo/lote) o --item IDENTIFICADOR") }
    }

    func run() async throws {
        let config = try common.load()
        let summary = try RetryRunner(context: common.context(config, quiet: json)).run(batch: batch, itemID: item)
        if json { try printJSON(summary) } else { printLines(summary.linesForPeople) }
        try finish(needsAttention: summary.needsAttention)
    }
}
