import Foundation
import Metadata

/// Writes an `InboxPlan` to disk: images, sidecars, metadata.csv per batch, bad files and LISTO
/// markers. Same plan and seed, same bytes.
public struct InboxWriter {
    public let seed: UInt64
    let designer: PageDesigner

    public init(seed: UInt64 = 1954) throws {
        self.seed = seed
        designer = PageDesigner(font: try FontRasterizer())
    }

    public func write(_ plan: InboxPlan, to root: URL) throws {
        let files = FileManager.default
        for batch in plan.batches {
            let folder = root.appendingPathComponent(batch.fonds).appendingPathComponent(batch.name)
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            var random = SeededRandom(seed: seed).derived("\(batch.fonds)/\(batch.name)")
            for item in batch.items {
                let itemFolder = item.folder ? folder.appendingPathComponent(item.id) : folder
                try files.createDirectory(at: itemFolder, withIntermediateDirectories: true)
                for page in item.pages {
                    var pageRandom = random.derived("\(item.id)/\(page.name)")
                    try writePage(page, in: itemFolder, random: &pageRandom)
                }
            }
            for (bad, _) in batch.badFiles {
                try writeBadFile(bad, in: folder, random: &random)
            }
            let rows = batch.items.map(\.row) + batch.badFiles.map(\.1)
            try writeCSV(rows: rows, style: batch.csv, to: folder.appendingPathComponent("metadata.csv"))
            if let chart = batch.chart { try writeCSV(rows: chart, style: batch.csv, to: folder.appendingPathComponent("cuadro.csv")) }
            if batch.readyMarker {
                try Data("Lote listo para ingresar.\n".utf8).write(to: folder.appendingPathComponent("LISTO"))
            }
        }
    }

    private func writePage(_ page: InboxPlan.Page, in folder: URL, random: inout SeededRandom) throws {
        let file = folder.appendingPathComponent("\(page.name).\(page.format.fileExtension)")
        let drawn = designer.draw(page.kind, width: page.width, height: page.height, title: page.title,
                                  body: page.body, random: &random)
        let canvas = drawn.canvas
        let dpi = 150
        switch page.format {
        case .tiffRGB(let encoding, let tiled):
            var p = TIFFWriter.Page(width: canvas.width, height: canvas.height, pixels: .rgb8(canvas.rgb8()), dpi: dpi, encoding: encoding)
            if tiled { p.tileSize = 256 }
            try TIFFWriter.write([p], to: file)
        case .tiffGray(let encoding):
            try TIFFWriter.write([.init(width: canvas.width, height: canvas.height, pixels: .gray8(canvas.gray8()), dpi: dpi, encoding: encoding)], to: file)
        case .tiffGray16(let encoding):
            try TIFFWriter.write([.init(width: canvas.width, height: canvas.height, pixels: .gray16(canvas.gray16(random: &random)),
                                        dpi: dpi, encoding: encoding)], to: file, bigEndian: true)
        case .tiffBitonalG4:
            try TIFFWriter.write([.init(width: canvas.width, height: canvas.height, pixels: .bitonal(canvas.bitonal()), dpi: 300, encoding: .group4)], to: file)
        case .tiffMultiPage(let count):
            var pages = [TIFFWriter.Page(width: canvas.width, height: canvas.height, pixels: .gray8(canvas.gray8()), dpi: dpi, encoding: .lzw)]
            for n in 1..<max(1, count) {
                let next = designer.draw(page.kind, width: page.width, height: page.height, title: "\(page.title) (\(n + 1))",
                                         body: SpanishText.paragraph(&random, characters: 300), random: &random)
                pages.append(.init(width: next.canvas.width, height: next.canvas.height, pixels: .gray8(next.canvas.gray8()), dpi: dpi, encoding: .lzw))
            }
            try TIFFWriter.write(pages, to: file)
        case .jpeg(let quality, let gray, let orientation):
            var pixels = gray ? canvas.gray8() : canvas.rgb8()
            var (w, h) = (canvas.width, canvas.height)
            if orientation == 6 {   // store rotated 90° counter-clockwise; orientation 6 turns it upright
                pixels = Self.rotateCounterClockwise(pixels, width: w, height: h, channels: gray ? 1 : 3)
                (w, h) = (h, w)
            }
            try FixtureImageWriter.writeJPEG(pixels, width: w, height: h, channels: gray ? 1 : 3, quality: quality,
                                             dpi: dpi, exifOrientation: orientation, to: file)
        case .png(let gray):
            try FixtureImageWriter.writePNG(gray ? canvas.gray8() : canvas.rgb8(), width: canvas.width, height: canvas.height,
                                            channels: gray ? 1 : 3, dpi: dpi, to: file)
        }
        let base = folder.appendingPathComponent(page.name)
        let imageName = file.lastPathComponent
        switch page.sidecar {
        case .plainUTF8?:
            try TextSidecarWriter.writePlain(page.sidecarOverride ?? drawn.text, windows1252: false, to: base.appendingPathExtension("txt"))
        case .plainWindows1252?:
            try TextSidecarWriter.writePlain(page.sidecarOverride ?? drawn.text, windows1252: true, to: base.appendingPathExtension("txt"))
        case .alto?:
            try Data(TextSidecarWriter.alto(lines: drawn.lines, imageName: imageName, width: canvas.width, height: canvas.height).utf8)
                .write(to: URL(fileURLWithPath: base.path + ".alto.xml"))
        case .hocr?:
            try Data(TextSidecarWriter.hocr(lines: drawn.lines, imageName: imageName, width: canvas.width, height: canvas.height).utf8)
                .write(to: base.appendingPathExtension("hocr"))
        case nil:
            break
        }
    }

    private func writeBadFile(_ bad: InboxPlan.BadFile, in folder: URL, random: inout SeededRandom) throws {
        switch bad {
        case .truncatedTIFF(let name):
            let drawn = designer.draw(.letter, width: 500, height: 650, title: "Carta incompleta",
                                      body: SpanishText.letters[0], random: &random)
            let url = folder.appendingPathComponent(name)
            try TIFFWriter.write([.init(width: 500, height: 650, pixels: .gray8(drawn.canvas.gray8()), dpi: 150, encoding: .lzw)], to: url)
            let data = try Data(contentsOf: url)
            try data.prefix(data.count / 2).write(to: url)   // a copy interrupted half-way
        case .jpegNamedTIF(let name):
            let drawn = designer.draw(.photograph, width: 600, height: 400, title: "Tarjeta postal", body: "", random: &random)
            try FixtureImageWriter.writeJPEG(drawn.canvas.rgb8(), width: 600, height: 400, channels: 3, quality: 85, dpi: 150,
                                             to: folder.appendingPathComponent(name))
        case .empty(let name):
            try Data().write(to: folder.appendingPathComponent(name))
        case .damagedFixture(let fixture, let name):
            try Data(fixture.bytes()).write(to: folder.appendingPathComponent(name))
        }
    }

    /// metadata.csv: columns in first-seen order (repeated columns kept), values quoted when needed.
    private func writeCSV(rows: [[(String, String)]], style: InboxPlan.CSVStyle, to url: URL) throws {
        var header: [String] = []
        for row in rows {
            var seen: [String: Int] = [:]
            for (column, _) in row {
                seen[column, default: 0] += 1
                let needed = seen[column]!
                if header.filter({ $0 == column }).count < needed { header.append(column) }
            }
        }
        let delimiter: Character = style == .windows1252Semicolon ? ";" : ","
        func quote(_ value: String) -> String {
            if value.contains(delimiter) || value.contains("\"") || value.contains("\n") || value.contains("\r") {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }
        var lines = [header.map(quote).joined(separator: String(delimiter))]
        for row in rows {
            var used: [String: Int] = [:]
            let cells = header.map { column -> String in
                let occurrence = used[column, default: 0]
                used[column] = occurrence + 1
                let values = row.filter { $0.0 == column }.map(\.1)
                return occurrence < values.count ? quote(values[occurrence]) : ""
            }
            lines.append(cells.joined(separator: String(delimiter)))
        }
        switch style {
        case .utf8BOMComma:
            try Data([0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\n") + "\n").utf8)).write(to: url)
        case .windows1252Semicolon:
            try Data(Windows1252.encode(lines.joined(separator: "\r\n") + "\r\n")).write(to: url)
        }
    }

    static func rotateCounterClockwise(_ pixels: [UInt8], width: Int, height: Int, channels: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: pixels.count)
        // Output is height × width; output (x, y) takes input (width - 1 - y, x).
        for y in 0..<width {
            for x in 0..<height {
                let source = (x * width + (width - 1 - y)) * channels
                let target = (y * height + x) * channels
                for c in 0..<channels { out[target + c] = pixels[source + c] }
            }
        }
        return out
    }
}
