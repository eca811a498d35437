import ArgumentParser
import Foundation
import Imaging

/// Deep-zoom tiles made the way the Derive stage makes them (bench/tiles.sh, against vips dzsave).
extension Bench {
    struct TilesOne: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "tiles",
            abstract: "Decode a master once (validating it) and write its IIIF level-0 tile pyramid; prints files and bytes as JSON.")
        @Argument(help: "master file") var file: String
        @Argument(help: "output folder (replaced); page N's pyramid goes to <folder>/<N>") var output: String
        @Option var tileSize = 512
        @Option var quality = 80
        @Flag(help: "also make the access copy and thumbnail in the same pass, as the Derive stage does") var derive = false

        func run() throws {
            let url = URL(fileURLWithPath: file)
            let root = URL(fileURLWithPath: output)
            try? FileManager.default.removeItem(at: root)
            let format = try FormatIdentifier.identify(fileAt: url)
            let access = DerivativeSpec()
            let request = TileRequest(spec: TileSpec(tileSize: tileSize, quality: quality), policy: .always,
                                      accessLongEdge: access.accessLongEdge) { root.appendingPathComponent("\($0)") }
            var lines: [String] = []
            try MasterDecoder.decode(url, format: format, limits: DecodeLimits(), derivatives: derive ? access : nil, tiles: request) { page in
                guard let tiles = page.tiles else { return }
                lines.append("{\"page\": \(page.indexInFile), \"width\": \(tiles.width), \"height\": \(tiles.height), \"files\": \(tiles.fileCount), \"bytes\": \(tiles.byteCount), \"scale_factors\": \(tiles.scaleFactors), \"sizes\": \(tiles.sizes.map { [$0.width, $0.height] })}")
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
