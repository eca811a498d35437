import ArgumentParser
import Foundation
import Pipeline

struct ValidateConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-config",
        abstract: "Revisa pipeline.yaml: claves desconocidas (con «¿quiso decir…?»), tipos, valores y campos obligatorios de los fondos (validar-config).",
        discussion: "Códigos de salida: 0 válido, 64 inválido (cada problema con su línea).",
        aliases: ["validar-config"])

    @OptionGroup var common: CommonOptions
    @Flag(help: "Imprime la configuración efectiva (con todos los valores predeterminados) en JSON.")
    var print = false
    @Flag(help: "Imprime el JSON Schema de pipeline.yaml (Schemas/pipeline.schema.json) y termina.")
    var jsonSchema = false

    func run() async throws {
        if jsonSchema {
            Swift.print(ConfigLoader.jsonSchema, terminator: "")
            return
        }
        let config = try common.load()
        if print {
            Swift.print(try ConfigLoader.effectiveJSON(config))
        } else if !common.quiet {
            Swift.print("\(common.config): válido (\(SpanishText.count(config.fonds.count, "fondo", "fondos")): \(config.fonds.map(\.code).joined(separator: ", ")))")
        }
    }
}
