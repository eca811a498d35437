import ArgumentParser
import Foundation
import Pipeline

struct Statistics: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estadisticas",
        abstract: "Estadísticas de visitantes del sitio a partir del registro del servidor web.",
        discussion: """
        Lee el registro de acceso del servidor (formato «combined» de nginx o Apache) y sus rotaciones \
        (access.log.1, access.log.2.gz...), desde donde se quedó la ejecución anterior, y escribe el informe \
        en español (informe.html con gráficas, un CSV por tabla, informe.json): usuarios, visitas y páginas \
        vistas por mes y por año, documentos y fondos más vistos, descargas, búsquedas, páginas de entrada, \
        sitios de procedencia, enlaces rotos y parte de visitantes con móvil. Los robots no cuentan.

        Privacidad: no se guarda ninguna dirección. Un usuario es una dirección con un navegador durante un \
        día, reconocido por una huella con una sal que cambia cada día y nunca se escribe; por eso solo se \
        cuentan días terminados, y el día en curso se cuenta en la siguiente ejecución.

        Ejecútelo una vez al día (por ejemplo desde cron, después de la rotación del registro).

        Códigos de salida: 0 todo leído; 1 hubo líneas mal formadas, líneas tardías o un archivo ilegible o \
        dañado (se contó lo demás); 2 abortado (no se pudo escribir el estado o el informe); 64 error de uso \
        o de configuración (sin registro, registro inexistente, estado de otro registro).
        """)

    @OptionGroup var common: CommonOptions
    @Argument(help: ArgumentHelp("Registro del servidor (access.log); sus rotaciones se leen también. Por omisión, stats.log de pipeline.yaml.", valueName: "REGISTRO"))
    var logs: [String] = []
    @Option(name: .customLong("salida"), help: ArgumentHelp("Carpeta del informe (por omisión, stats.output o reports/estadisticas).", valueName: "CARPETA"))
    var output: String?
    @Option(name: .customLong("estado"), help: ArgumentHelp("Archivo de estado de la lectura (por omisión, stats.state o estado-de-lectura.json en la carpeta del informe).", valueName: "ARCHIVO"))
    var state: String?
    @Option(name: .customLong("anio"), help: ArgumentHelp("Solo este año en el informe (p. ej. --anio 2026); por omisión, todos.", valueName: "AAAA"))
    var year: Int?
    @Flag(help: "CSV para Excel en español: con marca de orden de bytes y «;» como separador.") var excel = false
    @Flag(help: "Imprime el resumen y el informe en JSON en la salida estándar.") var json = false

    func run() async throws {
        let config = try common.load()
        if let year, !(1990...2200).contains(year) { throw PipelineError.usage("--anio espera un año de cuatro cifras, p. ej. --anio 2026") }
        var options = StatisticsRunner.Options()
        options.logs = logs.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        options.output = output
        options.state = state
        options.year = year
        options.excel = excel
        let summary = try StatisticsRunner(context: common.context(config, quiet: json)).run(options)
        if json { try printJSON(summary) } else { printLines(summary.linesForPeople) }
        try finish(needsAttention: summary.needsAttention)
    }
}
