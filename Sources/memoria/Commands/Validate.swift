import ArgumentParser
import Foundation
import Pipeline

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Valida archivos METS y Dublin Core contra los esquemas oficiales (y el perfil METS de Memoria) (validar).",
        discussion: "Códigos de salida: 0 todos válidos, 1 alguno no es válido (cada problema con su línea), 2 sin carpeta de esquemas (no configurada o inexistente), 64 error de uso.",
        aliases: ["validar"])
    @OptionGroup var common: CommonOptions
    @Argument(help: ArgumentHelp("Archivos METS u OAI-DC.", valueName: "archivos")) var files: [String]
    @Option(help: ArgumentHelp("Carpeta de los esquemas XML oficiales (en lugar de paths.schemas).", valueName: "carpeta")) var schemas: String?
    @Flag(help: "Imprime los resultados en JSON por la salida estándar.") var json = false

    func run() async throws {
        let report = try XMLFileValidator.check(files: files, schemas: schemas, configFile: common.config)
        if json { try printJSON(report.results) } else { printLines(report.linesForPeople) }
        try finish(needsAttention: !report.allValid)
    }
}
