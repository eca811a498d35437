import ArgumentParser
import Foundation
import Pipeline

/// `memoria`: the command line of the Memoria preservation pipeline. It only parses arguments, calls
/// the Pipeline room and prints what comes back; exit codes are chosen here from typed results.
struct MemoriaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memoria",
        abstract: "Preservación digital para el archivo Memoria de Hidalgo.",
        discussion: """
        Los archivistas dejan escaneos y una hoja metadata.csv en la bandeja; «memoria ingest» los valida, \
        calcula su huella y los guarda en el archivo OCFL con METS/PREMIS/MIX y texto completo; «memoria \
        publish» escribe el sitio estático. Cada subcomando acepta también su nombre en español (entre \
        paréntesis).

        CÓDIGOS DE SALIDA
          0   todo salió bien
          1   algo quedó en cuarentena, en la bandeja o con error, o (verify) se encontró un problema de fijeza
          2   interrumpido: falla del entorno (disco lleno, archivo bloqueado por otro proceso, esquemas ausentes)
          64  error de uso o de configuración (opción desconocida, pipeline.yaml inválido)
        """,
        version: "\(StageContext.softwareName) \(StageContext.softwareVersion)",
        subcommands: [Ingest.self, Retry.self, Publish.self, Verify.self, Reindex.self, Derive.self, Search.self, Status.self, Export.self,
                      Validate.self, ValidateConfig.self, Statistics.self, Withdraw.self, Reinstate.self, Restrict.self, Embargo.self, History.self, Restore.self, Replicate.self, Watch.self, DashboardCommand.self])
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("El archivo de configuración.", valueName: "archivo"))
    var config: String = "pipeline.yaml"

    @Flag(name: .shortAndLong, help: "Solo avisos y errores en la terminal.")
    var quiet = false

    func load() throws -> PipelineConfig {
        try ConfigLoader.load(URL(fileURLWithPath: config))
    }

    /// The run's context: the configuration, the person (for PREMIS) and the terminal reporter.
    func context(_ config: PipelineConfig, agent: String? = nil, quiet extraQuiet: Bool = false) -> StageContext {
        let context = StageContext(config: config, operatorName: agent, reporter: Terminal.reporter(quiet: quiet || extraQuiet))
        Terminal.display = context.displayPaths
        return context
    }
}
