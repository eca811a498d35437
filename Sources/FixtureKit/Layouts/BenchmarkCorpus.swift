import Foundation

/// Large, scan-like pages for benchmarks (generated on demand, never committed): A4 at 300 dpi in
/// the encodings masters arrive in, a 600 dpi gray page, a bitonal G4 page, and a 9000×12000 poster.
public struct BenchmarkCorpus {
    public enum Kind: String, CaseIterable, Sendable {
        case a4RGBLZW, a4RGBUncompressed, a4Gray600LZW, a4BitonalG4, a4JPEGq92, a4PNG, poster

        public var fileName: String {
            switch self {
            case .a4RGBLZW: return "a4_rgb8_lzw.tif"
            case .a4RGBUncompressed: return "a4_rgb8_none.tif"
            case .a4Gray600LZW: return "a4_gray8_600dpi_lzw.tif"
            case .a4BitonalG4: return "a4_bitonal_g4.tif"
            case .a4JPEGq92: return "a4_rgb8_q92.jpg"
            case .a4PNG: return "a4_rgb8.png"
            case .poster: return "poster_9000x12000_rgb8_lzw.tif"
            }
        }

        public var summary: String {
            switch self {
            case .a4RGBLZW: return "A4 300 dpi RGB, LZW (2480×3508)"
            case .a4RGBUncompressed: return "A4 300 dpi RGB, uncompressed"
            case .a4Gray600LZW: return "A4 600 dpi gray, LZW (4960×7016)"
            case .a4BitonalG4: return "A4 300 dpi bitonal, CCITT G4"
            case .a4JPEGq92: return "A4 300 dpi RGB JPEG q92"
            case .a4PNG: return "A4 300 dpi RGB PNG"
            case .poster: return "poster 9000×12000 RGB, LZW"
            }
        }
    }

    public let seed: UInt64
    let designer: PageDesigner

    public init(seed: UInt64 = 1605) throws {
        self.seed = seed
        designer = PageDesigner(font: try FontRasterizer())
    }

    private func page(width: Int, height: Int, label: String, kind: PageDesigner.Kind = .letter) -> PageCanvas {
        var random = SeededRandom(seed: seed).derived(label)
        let body = SpanishText.paragraph(&random, characters: width * height / 2500)
        return designer.draw(kind, width: width, height: height, title: "Memoria de Hidalgo — \(label)", body: body, grain: 4,
                             random: &random).canvas
    }

    /// Writes the chosen kinds, plus `extraPages` A4 RGB LZW pages in `batch/`.
    public func write(_ kinds: [Kind], extraPages: Int, to folder: URL, log: (String) -> Void) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for kind in kinds {
            let url = folder.appendingPathComponent(kind.fileName)
            if FileManager.default.fileExists(atPath: url.path) { log("exists: \(url.lastPathComponent)"); continue }
            switch kind {
            case .a4RGBLZW, .a4RGBUncompressed:
                let c = page(width: 2480, height: 3508, label: "a4")
                try TIFFWriter.write([.init(width: c.width, height: c.height, pixels: .rgb8(c.rgb8()), dpi: 300,
                                            encoding: kind == .a4RGBLZW ? .lzw : .uncompressed)], to: url)
            case .a4Gray600LZW:
                let c = page(width: 4960, height: 7016, label: "a4-600")
                try TIFFWriter.write([.init(width: c.width, height: c.height, pixels: .gray8(c.gray8()), dpi: 600, encoding: .lzw)], to: url)
            case .a4BitonalG4:
                let c = page(width: 2480, height: 3508, label: "a4")
                try TIFFWriter.write([.init(width: c.width, height: c.height, pixels: .bitonal(c.bitonal()), dpi: 300, encoding: .group4)], to: url)
            case .a4JPEGq92:
                let c = page(width: 2480, height: 3508, label: "a4")
                try FixtureImageWriter.writeJPEG(c.rgb8(), width: c.width, height: c.height, channels: 3, quality: 92, dpi: 300, to: url)
            case .a4PNG:
                let c = page(width: 2480, height: 3508, label: "a4")
                try FixtureImageWriter.writePNG(c.rgb8(), width: c.width, height: c.height, channels: 3, dpi: 300, to: url)
            case .poster:
                let c = page(width: 9000, height: 12000, label: "poster", kind: .poster)
                try TIFFWriter.write([.init(width: c.width, height: c.height, pixels: .rgb8(c.rgb8()), dpi: 300, encoding: .lzw)], to: url)
            }
            log("wrote \(url.lastPathComponent)")
        }
        if extraPages > 0 {
            let batch = folder.appendingPathComponent("batch")
            try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
            for n in 1...extraPages {
                let url = batch.appendingPathComponent(String(format: "page_%04d.tif", n))
                if FileManager.default.fileExists(atPath: url.path) { continue }
                let c = page(width: 2480, height: 3508, label: "page-\(n)")
                try TIFFWriter.write([.init(width: c.width, height: c.height, pixels: .rgb8(c.rgb8()), dpi: 300, encoding: .lzw)], to: url)
            }
            log("wrote \(extraPages) pages in batch/")
        }
    }
}
