import ArgumentParser
import Catalog
import Foundation
import Pipeline

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export an item as a BagIt 1.0 bag, or the catalogue as CSV or JSON.",
        discussion: """
        memoria export BSH-0001 --bagit /media/usb/BSH-0001   (the latest version, SHA-512 manifests)
        memoria export --csv catalogo.csv                     (cells that look like formulas are neutralised)
        memoria export --csv catalogo.csv --excel             (byte order mark and ';', for Excel in Spanish)
        Exit codes: 0 done, 2 aborted, 64 usage (unknown item, folder not empty).
        """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "The item to export as a bag.") var item: String?
    @Option(help: "Folder for the bag (absent or empty).") var bagit: String?
    @Option(help: "Write the catalogue of archived items as CSV to this file.") var csv: String?
    @Flag(help: "With --csv: a byte order mark and ';' between cells, for Excel in a Spanish locale.") var excel = false
    @Option(name: .customLong("catalog-json"), help: "Write the catalogue of archived items as JSON to this file.") var catalogJSON: String?

    func run() async throws {
        try await runCommand {
            let config = try common.load()
            let context = StageContext(config: config)
            if let item {
                guard let bagit else { throw CLIFailure(message: "give --bagit DIR for the bag of \(item)", code: ExitCodes.usage) }
                let folder = try ExportRunner(context: context).bag(itemID: item, to: URL(fileURLWithPath: bagit))
                if !common.quiet { print("Bolsa BagIt de \(item) escrita en \(folder.path)") }
                return 0
            }
            guard csv != nil || catalogJSON != nil else {
                throw CLIFailure(message: "nothing to export: give ITEM --bagit DIR, --csv FILE or --catalog-json FILE", code: ExitCodes.usage)
            }
            let rows = try CatalogueDump.rows(CatalogDatabase(path: config.paths.catalog))
            if let csv { try Data(CatalogueDump.csv(rows, forExcel: excel).utf8).write(to: URL(fileURLWithPath: csv)) }
            if let catalogJSON { try CatalogueDump.json(rows).write(to: URL(fileURLWithPath: catalogJSON)) }
            if !common.quiet { print("\(rows.count) ítems exportados.") }
            return 0
        }
    }
}
