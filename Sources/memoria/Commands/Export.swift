import ArgumentParser
import Foundation
import Pipeline

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exporta un ítem como bolsa BagIt 1.0, el catálogo como CSV o JSON, o el inventario EAD3 de un fondo (exportar).",
        discussion: """
        memoria export BSH-0001 --bagit /media/usb/BSH-0001
            bolsa BagIt de la última versión (manifiestos SHA-512)
        memoria export BSH-0001 --version v1 --bagit /media/usb/BSH-0001-v1
            bolsa de una versión anterior (memoria historia BSH-0001 las lista)
        memoria export --csv hoja.csv --fonds banda-sinfonica --excel
            hoja de correcciones de un fondo, con BOM y «;» para Excel en español
        memoria export --ead inventario.xml --fonds margarita-michelena
            inventario EAD3 del fondo (cuadro de clasificación e ítems publicados)

        La hoja de --csv tiene las mismas columnas que metadata.csv: corrija las celdas en Excel, guárdela
        como metadata.csv en una carpeta de lote nueva del fondo y ejecute memoria ingest; solo cambian
        las celdas editadas (cada ítem cambiado es una versión nueva, sin copiar sus imágenes).

        Códigos de salida: 0 hecho, 2 interrumpido, 64 error de uso (ítem desconocido, carpeta no vacía).
        """,
        aliases: ["exportar"])
    @OptionGroup var common: CommonOptions
    @Argument(help: ArgumentHelp("El ítem que se exporta como bolsa.", valueName: "identificador")) var item: String?
    @Option(help: ArgumentHelp("Carpeta de la bolsa (que no exista o esté vacía).", valueName: "carpeta")) var bagit: String?
    @Option(help: ArgumentHelp("Con --bagit: esta versión del ítem en lugar de la última.", valueName: "vN")) var version: String?
    @Option(help: ArgumentHelp("Escribe la hoja de correcciones de los ítems archivados (columnas de metadata.csv) en este archivo CSV.", valueName: "archivo"))
    var csv: String?
    @Flag(help: "Con --csv: marca de orden de bytes y «;» entre celdas, para Excel en español.") var excel = false
    @Option(help: ArgumentHelp("Con --csv o --catalog-json: solo los ítems de este fondo (slug o código); se puede repetir.", valueName: "fondo"))
    var fonds: [String] = []
    @Option(name: .customLong("catalog-json"), help: ArgumentHelp("Escribe el catálogo de ítems archivados como JSON en este archivo.", valueName: "archivo"))
    var catalogJSON: String?
    @Option(help: ArgumentHelp("Escribe el inventario EAD3 del fondo de --fonds (cuadro de clasificación e ítems publicados) en este archivo XML.", valueName: "archivo"))
    var ead: String?

    func validate() throws {
        if version != nil && bagit == nil { throw ValidationError("--version va con IDENTIFICADOR --bagit CARPETA") }
        if item != nil && bagit == nil { throw ValidationError("indique --bagit CARPETA para la bolsa de \(item ?? "")") }
        if item == nil && csv == nil && catalogJSON == nil && ead == nil {
            throw ValidationError("no hay nada que exportar: indique IDENTIFICADOR --bagit CARPETA, --csv ARCHIVO, --catalog-json ARCHIVO o --ead ARCHIVO --fonds FONDO")
        }
        if ead != nil && fonds.count != 1 { throw ValidationError("--ead necesita un solo fondo: indique --fonds FONDO (slug o código)") }
    }

    func run() async throws {
        let config = try common.load()
        let context = common.context(config)
        let runner = ExportRunner(context: context)
        if let item, let bagit {
            let folder = try runner.bag(itemID: item, version: version, to: URL(fileURLWithPath: bagit))
            if !common.quiet { printLines(["Bolsa BagIt de \(item)\(version.map { " (versión \($0))" } ?? "") escrita en \(bagit.hasPrefix("/") ? context.displayPath(folder.path) : bagit)"]) }
            return
        }
        if let ead {
            let summary = try FindingAidExport(context: context).write(fonds: fonds[0], to: URL(fileURLWithPath: ead))
            if !common.quiet {
                printLines(["Inventario EAD3 escrito en \(ead.hasPrefix("/") ? context.displayPath(ead) : ead): \(SpanishText.count(summary.units, "unidad", "unidades")) y \(SpanishText.count(summary.items, "ítem publicado", "ítems publicados"))"
                            + (summary.validated ? "; válido contra el esquema EAD3." : "; sin validar (paths.schemas no tiene ead3/ead3.xsd).")])
            }
            if csv == nil && catalogJSON == nil { return }
        }
        let count = try runner.catalogue(csv: csv.map { URL(fileURLWithPath: $0) }, forExcel: excel, json: catalogJSON.map { URL(fileURLWithPath: $0) },
                                         fonds: fonds)
        if !common.quiet { printLines(["\(SpanishText.count(count, "ítem exportado", "ítems exportados"))."]) }
    }
}
