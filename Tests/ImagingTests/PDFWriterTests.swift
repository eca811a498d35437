import FixtureKit
import Foundation
@testable import Imaging
import Testing
import TestSupport

/// The download PDF, checked with poppler's pdfinfo and pdftotext (independent readers).
@Suite struct PDFWriterTests {
    static let created = Date(timeIntervalSince1970: 1_767_225_600)   // 2026-01-01 00:00 UTC

    /// Three JPEG pages: an RGB access copy of an A4 page (1414 × 2000 at 171 dpi), a gray page at
    /// 300 dpi given by the caller, and one whose JPEG states no resolution.
    static func pages(in folder: TemporaryDirectory) throws -> [PDFPage] {
        let rgb = TilePyramidTests.chart(width: 1414, height: 2000)
        let a = folder.path("a.jpg"), b = folder.path("b.jpg"), c = folder.path("c.jpg")
        try FixtureImageWriter.writeJPEG(rgb, width: 1414, height: 2000, channels: 3, quality: 85, dpi: 171, to: a)
        let gray = (0..<(600 * 900)).map { UInt8(truncatingIfNeeded: $0 % 600 / 3 + $0 / 600 / 5) }
        try FixtureImageWriter.writeJPEG(gray, width: 600, height: 900, channels: 1, quality: 85, dpi: 72, to: b)
        try FixtureImageWriter.writeJPEG(Array(rgb.prefix(1414 * 800 * 3)), width: 1414, height: 800, channels: 3, quality: 85, dpi: 0, to: c)
        let words = [PDFWord(text: "Partitura", x: 300, y: 400, width: 900, height: 120),
                     PDFWord(text: "Tulancingo", x: 1300, y: 400, width: 1000, height: 120),
                     PDFWord(text: "señor", x: 300, y: 700, width: 500, height: 110),
                     PDFWord(text: "año", x: 900, y: 700, width: 330, height: 110)]
        return [
            PDFPage(jpeg: [UInt8](try Data(contentsOf: a)), resolution: nil, text: .words(words, imageWidth: 2480, imageHeight: 3508)),
            PDFPage(jpeg: [UInt8](try Data(contentsOf: b)), resolution: (x: 300, y: 300), text: .plain("Canción de mayo\nsegunda línea (copia) \\ fin")),
            PDFPage(jpeg: [UInt8](try Data(contentsOf: c)), resolution: nil, text: nil),
        ]
    }

    static func write(_ pages: [PDFPage], to url: URL) throws -> PDFWriter.Summary {
        try PDFWriter.write(to: url, info: PDFDocumentInfo(title: "Partituras de la Banda Sinfónica", author: "Banda Sinfónica de Hidalgo",
                                                           producer: "Memoria test", created: created), pageCount: pages.count) { pages[$0] }
    }

    @Test func oneUnchangedJPEGPerPageSizedFromItsResolution() throws {
        guard let pdfinfo = ExternalTools.pathOrSkip("pdfinfo", package: "poppler-utils") else { return }
        let folder = TemporaryDirectory("pdf-pages")
        let pages = try Self.pages(in: folder)
        let url = folder.path("item.pdf")
        let summary = try Self.write(pages, to: url)
        #expect(summary.pages == 3)
        let info = try ExternalTools.run(pdfinfo, ["-f", "1", "-l", "3", url.path])
        #expect(info.stderr.isEmpty, "pdfinfo complained: \(info.stderr)")
        #expect(info.stdout.contains("Pages:           3"))
        #expect(info.stdout.contains("Title:           Partituras de la Banda Sinfónica"))
        #expect(info.stdout.contains("Author:          Banda Sinfónica de Hidalgo"))
        // 1414 px at 171 dpi is 595.4 pt (A4, says pdfinfo), 600 px at the given 300 dpi 144 pt, and the
        // page without a resolution is fitted inside A4.
        #expect(info.stdout.contains("Page    1 size:  595.368 x 842.105 pts (A4)"))
        #expect(info.stdout.contains("Page    2 size:  144 x 216 pts"))
        #expect(info.stdout.contains("Page    3 size:  595.276 x 336.79 pts"))
        // The JPEGs are inside byte for byte (passed through, not re-encoded).
        let pdf = try Data(contentsOf: url)
        for page in pages { #expect(pdf.range(of: Data(page.jpeg)) != nil) }
        #expect(pdf.count == summary.bytes)
        #expect(!FileManager.default.fileExists(atPath: url.path + ".partial"))
        // The same pages make the same file.
        let again = folder.path("again.pdf")
        _ = try Self.write(pages, to: again)
        #expect(try Data(contentsOf: again) == pdf)
    }

    @Test func pdftotextFindsTheWordsWhereTheyAreAndThePlainText() throws {
        guard let pdftotext = ExternalTools.pathOrSkip("pdftotext", package: "poppler-utils") else { return }
        let folder = TemporaryDirectory("pdf-text")
        let url = folder.path("item.pdf")
        _ = try Self.write(try Self.pages(in: folder), to: url)
        let text = try ExternalTools.run(pdftotext, ["-enc", "UTF-8", url.path, "-"]).stdout
        for word in ["Partitura", "Tulancingo", "señor", "año", "Canción de mayo", "segunda línea (copia) \\ fin"] {
            #expect(text.contains(word), "pdftotext did not find «\(word)» in: \(text)")
        }
        #expect(text.components(separatedBy: "\u{0C}").count == 4, "three pages, each ended by a form feed")
        // Word boxes: the master is 2480 × 3508 px on a 595.37 × 842.11 pt page (0.24 pt per pixel).
        let boxes = try ExternalTools.run(pdftotext, ["-bbox", "-f", "1", "-l", "1", url.path, "-"]).stdout
        let line = try #require(boxes.split(separator: "\n").first { $0.contains(">Tulancingo<") })
        func value(_ name: String) -> Double? {
            guard let range = line.range(of: "\(name)=\"") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        let scale = 595.37 / 2480
        let xMin = try #require(value("xMin")), xMax = try #require(value("xMax")), yMax = try #require(value("yMax"))
        #expect(abs(xMin - 1300 * scale) < 1, "left edge \(xMin)")
        #expect(abs(xMax - 2300 * scale) < 1, "right edge \(xMax)")
        #expect(abs(yMax - 520 * scale) < 0.3 * 120 * scale, "bottom \(yMax)")
    }

    @Test func bytesThatAreNotAJPEGStopThePDFAndLeaveNoFile() throws {
        let folder = TemporaryDirectory("pdf-bad")
        var pages = try Self.pages(in: folder)
        pages[1].jpeg = Array("%PDF-1.4 not an image".utf8)
        let url = folder.path("item.pdf")
        do {
            _ = try Self.write(pages, to: url)
            Issue.record("a PDF was written with a page that is not a JPEG")
        } catch let error as ImagingError {
            #expect(error.code == "corrupt")
            #expect(error.logDescription.contains("page 2"))
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(!FileManager.default.fileExists(atPath: url.path + ".partial"))
        // A 12-bit JPEG frame is refused by name, not embedded as something a reader cannot show.
        var twelve: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC1, 0x00, 0x11, 12, 0, 16, 0, 16, 3]
        twelve += [UInt8](repeating: 0, count: 9) + [0xFF, 0xD9]
        #expect(throws: JPEGFrameHeader.Problem.unsupported("12-bit samples")) { try JPEGFrameHeader(twelve) }
    }

    @Test func textOutsideWinAnsiKeepsItsBaseLetters() {
        #expect(PDFStrings.winAnsiBytes("Cañón ¿sí? – “ok” €") == [UInt8]([0x43, 0x61, 0xF1, 0xF3, 0x6E, 0x20, 0xBF, 0x73, 0xED, 0x3F, 0x20,
                                                                          0x96, 0x20, 0x93, 0x6F, 0x6B, 0x94, 0x20, 0x80]))
        #expect(PDFStrings.winAnsiBytes("Tlāloc ǧ 中") == Array("Tlaloc g ?".utf8))
        #expect(PDFStrings.literal(Array("a(b)\\c".utf8) + [0xF1]) == "(a\\(b\\)\\\\c\\361)")
        #expect(PDFStrings.number(595.27559) == "595.276" && PDFStrings.number(144) == "144" && PDFStrings.number(0.5) == "0.5")
    }
}
