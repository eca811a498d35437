import ArgumentParser
import Foundation
import Pipeline

struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Busca en el catálogo: títulos, autores, temas, descripciones y el texto completo de cada página (buscar).",
        discussion: """
        No distingue mayúsculas ni acentos (canción = cancion = CANCIÓN), pero la ñ es su propia letra \
        (año ≠ ano). Una palabra encuentra también sus otras formas (cartas encuentra carta; cantó, \
        cantar), y las coincidencias exactas salen primero. Las palabras se combinan con Y; use \
        "comillas" para una frase (también con de, la…) o una palabra exacta, mich* para un prefijo, \
        O (u OR) para alternativas y NO (o -palabra) para excluir. Los identificadores se buscan como \
        se escriben (BSH-0001). Si nada coincide, se sugiere una palabra del índice (¿Quiso decir «año»?).

        Códigos de salida: 0 hubo resultados, 1 sin resultados, 64 error de uso.
        """,
        aliases: ["buscar"])
    @OptionGroup var common: CommonOptions
    @Argument(help: ArgumentHelp("Las palabras que se buscan.", valueName: "palabras")) var query: [String]
    @Option(help: ArgumentHelp("Solo este fondo (slug o código); se puede repetir.", valueName: "fondo")) var fonds: [String] = []
    @Option(help: ArgumentHelp("Ítems fechados en este año o después.", valueName: "año")) var from: Int?
    @Option(help: ArgumentHelp("Ítems fechados en este año o antes.", valueName: "año")) var to: Int?
    @Option(help: ArgumentHelp("Solo este tipo DCMI (Text, StillImage…); se puede repetir.", valueName: "tipo")) var type: [String] = []
    @Option(help: ArgumentHelp("Cuántos resultados mostrar.", valueName: "n")) var limit: Int = 20
    @Flag(help: "Imprime los resultados en JSON por la salida estándar.") var json = false

    func run() async throws {
        let config = try common.load()
        let report = try SearchRunner(context: common.context(config, quiet: true))
            .run(query, fonds: fonds, from: from, to: to, types: type, limit: limit)
        if json {
            try printJSON(report)
        } else {
            let bold = Terminal.isTerminal && isatty(STDOUT_FILENO) == 1
            var lines = report.notes.map { "nota: \($0)" }
            for (index, hit) in report.hits.enumerated() {
                lines.append("\(index + 1). \(hit.itemID) — \(hit.title) (\(hit.date.isEmpty ? "sin fecha" : hit.date)) · página \(hit.page) · coincide en \(hit.matchedIn)\(hit.notPublic.map { " · NO PÚBLICO: \($0)" } ?? "")")
                let snippet = hit.segments.map { bold && $0.isMatch ? "\u{1B}[1m\($0.text)\u{1B}[0m" : ($0.isMatch ? "«\($0.text)»" : $0.text) }.joined()
                lines.append("   \(snippet.replacingOccurrences(of: "\n", with: " "))")
            }
            lines.append(report.summaryLine)
            printLines(lines)
        }
        try finish(needsAttention: report.hits.isEmpty)
    }
}
