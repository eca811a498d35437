import ArgumentParser
import Foundation
import Pipeline

struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "informe",
        abstract: "Escribe el informe para la dirección: crecimiento, formatos, acceso, cuarentena, auditorías y réplicas (dashboard).",
        discussion: """
        Una página HTML en español con gráficas (SVG dentro de la página; no carga nada de fuera) y un CSV \
        por tabla: el crecimiento del archivo por fondo y mes (documentos, páginas, tamaño), los formatos de \
        los másteres con su identificador PRONOM, los estados de acceso, la cuarentena pendiente por motivo, \
        las auditorías de fijeza a lo largo del tiempo y el atraso de cada réplica. Se escribe en \
        reports/direccion/ (informe.html, informe.json y los CSV), y también después de cada ingreso y de cada \
        auditoría (service.dashboard_after_changes). Solo lee el archivo y el catálogo.

        Códigos de salida: 0 escrito, 2 interrumpido (catálogo ilegible, disco), 64 error de uso.
        """,
        aliases: ["dashboard"])

    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("salida"), help: ArgumentHelp("Carpeta del informe (en lugar de reports/direccion/).", valueName: "carpeta"))
    var output: String?
    @Flag(help: "Imprime las cifras del informe en JSON por la salida estándar.")
    var json = false

    func run() async throws {
        let config = try common.load()
        let context = common.context(config, quiet: json)
        let runner = DashboardRunner(context: context)
        let written = try runner.run(folder: output.map { URL(fileURLWithPath: $0) })
        if json {
            try printJSON(try runner.collect())
        } else if !common.quiet {
            printLines(["Informe para la dirección: \(written.html) (\(SpanishText.count(written.files.count - 2, "tabla", "tablas")) también en CSV en \(written.folder))"])
        }
    }
}
