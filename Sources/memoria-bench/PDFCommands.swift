import ArgumentParser
import Foundation
import Imaging

/// An item's download PDF made the way publishing makes it (bench/pdf.sh, against img2pdf).
extension Bench {
    struct PDFOne: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pdf",
            abstract: "Write one PDF from JPEG files (one page each, embedded unchanged, sized from their JFIF resolution).")
        @Argument(help: "PDF to write") var output: String
        @Argument(help: "JPEG pages, in order") var jpegs: [String]
        @Option(help: "a text file whose lines become every page's invisible text layer") var text: String?

        func run() throws {
            let body = try text.map { try String(contentsOfFile: $0, encoding: .utf8) }
            let info = PDFDocumentInfo(title: "Memoria benchmark", producer: "memoria-bench", created: Date(timeIntervalSince1970: 0))
            let summary = try PDFWriter.write(to: URL(fileURLWithPath: output), info: info, pageCount: jpegs.count) { index in
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: jpegs[index])))
                return PDFPage(jpeg: bytes, resolution: nil, text: body.map { PDFPageText.plain($0) })
            }
            print("{\"pages\": \(summary.pages), \"bytes\": \(summary.bytes)}")
        }
    }
}
