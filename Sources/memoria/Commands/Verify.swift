import ArgumentParser
import Foundation
import Pipeline

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Audita la fijeza del archivo contra sus inventarios OCFL (verificar).",
        discussion: """
        Lee cada archivo guardado (o los de --fonds / --item, o una muestra --sample) y compara su huella con \
        la del inventario; informa de archivos que faltan, sobran o cambiaron, registra un evento PREMIS \
        «fixity check» por objeto y escribe un informe JSON y HTML en reports/auditorias/. Audita igual cada \
        réplica de pipeline.yaml (replicas:) y dice en qué difiere del archivo; una réplica que solo va \
        atrasada se menciona sin contar como problema (memoria replicar la pone al día).

        Códigos de salida: 0 sin problemas, 1 se encontraron problemas en el archivo o en una réplica (cada uno con su nombre), \
        2 interrumpido, 64 error de uso.
        """,
        aliases: ["verificar"])
    @OptionGroup var common: CommonOptions
    @Option(help: ArgumentHelp("Solo los ítems de este fondo (slug o código); se puede repetir.", valueName: "fondo")) var fonds: [String] = []
    @Option(help: ArgumentHelp("Solo este ítem; se puede repetir.", valueName: "identificador")) var item: [String] = []
    @Option(help: ArgumentHelp("Solo una muestra del N % de los objetos (distinta cada día).", valueName: "porcentaje")) var sample: Double?
    @Flag(help: "Imprime el resumen en JSON por la salida estándar.") var json = false

    func validate() throws {
        if let sample, !(0 < sample && sample <= 100) {
            throw ValidationError("--sample recibe un porcentaje mayor que 0 y hasta 100 (por ejemplo --sample 10)")
        }
    }

    func run() async throws {
        let config = try common.load()
        let context = common.context(config, quiet: json)
        let summary = try await VerifyRunner(context: context).run(fonds: fonds, items: item, samplePercent: sample)
        await AfterRun.audit(summary, context: context)
        if json { try printJSON(summary) } else { printLines(summary.linesForPeople) }
        try finish(needsAttention: summary.needsAttention)
    }
}
