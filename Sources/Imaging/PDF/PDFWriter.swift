import Foundation

/// Writes an item's download PDF: one page per image, each JPEG embedded unchanged (DCTDecode: no
/// second decode, no quality loss), the page sized from the image's resolution, and an invisible
/// text layer where the page has text. Pages are asked for one at a time, so an item of hundreds of
/// pages never sits in memory at once.
///
/// The file is plain PDF 1.7. It does not claim PDF/A: no validator (veraPDF) was available to
/// check that claim (see bench/README.md).
public enum PDFWriter {
    public struct Summary: Sendable, Equatable {
        public var pages: Int
        public var bytes: Int
        /// Page sizes in points (1/72 inch).
        public var pageSizes: [PageSize]
    }

    public struct PageSize: Sendable, Equatable {
        public var width: Double
        public var height: Double
    }

    /// A4 in points, the frame for pages whose image states no usable resolution.
    static let a4 = PageSize(width: 595.276, height: 841.89)

    /// Writes `pageCount` pages, asking `page(i)` for each, to `url` (replaced when complete).
    /// Throws `ImagingError.corrupt` for bytes that are not a JPEG a PDF can hold, naming the page,
    /// and `derivativeWriteFailed` when the file cannot be written. `durable: false` leaves out the
    /// file's fsync, for a caller that makes many PDFs and syncs the file system once after them.
    @discardableResult
    public static func write(to url: URL, info: PDFDocumentInfo, pageCount: Int, durable: Bool = true,
                             page: (Int) throws -> PDFPage) throws -> Summary {
        let out = try PDFOutput(url: url)
        // Objects: 1 catalog, 2 page tree, 3 font, 4 information; then page i is 5+3i, its content
        // stream 6+3i and its image 7+3i.
        try out.write("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".unicodeScalars.map { UInt8($0.value) })
        try out.begin(object: 1)
        try out.write("<< /Type /Catalog /Pages 2 0 R /Lang \(PDFStrings.text(info.language)) /ViewerPreferences << /DisplayDocTitle true >> >>\nendobj\n")
        let kids = (0..<pageCount).map { "\(5 + 3 * $0) 0 R" }.joined(separator: " ")
        try out.begin(object: 2)
        try out.write("<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>\nendobj\n")
        try out.begin(object: 3)
        let widths = Array(repeating: "500", count: 224).joined(separator: " ")
        try out.write("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [\(widths)] >>\nendobj\n")
        try out.begin(object: 4)
        var fields = ["/Title \(PDFStrings.text(info.title))", "/Producer \(PDFStrings.text(info.producer))",
                      "/Creator \(PDFStrings.text(info.producer))", "/CreationDate \(PDFStrings.date(info.created))"]
        if let author = info.author { fields.append("/Author \(PDFStrings.text(author))") }
        if let subject = info.subject { fields.append("/Subject \(PDFStrings.text(subject))") }
        try out.write("<< \(fields.joined(separator: " ")) >>\nendobj\n")

        var sizes: [PageSize] = []
        var fingerprint = Fingerprint()
        for index in 0..<pageCount {
            let current = try page(index)
            let frame: JPEGFrameHeader
            do { frame = try JPEGFrameHeader(current.jpeg) } catch {
                throw ImagingError.corrupt(path: url.path, library: "Memoria PDF", message: "page \(index + 1): \(describe(error))")
            }
            let size = pageSize(frame: frame, resolution: current.resolution)
            sizes.append(size)
            fingerprint.add(current.jpeg)
            let (w, h) = (PDFStrings.number(size.width), PDFStrings.number(size.height))
            let number = 5 + 3 * index
            try out.begin(object: number)
            try out.write("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(w) \(h)] /Resources << /XObject << /Im0 \(number + 2) 0 R >> /Font << /F1 3 0 R >> /ProcSet [/PDF /Text /ImageB /ImageC] >> /Contents \(number + 1) 0 R >>\nendobj\n")
            var content = "q \(w) 0 0 \(h) 0 0 cm /Im0 Do Q\n"
            if let text = current.text { content += PDFTextLayer.operators(text, pageWidth: size.width, pageHeight: size.height) }
            let plain = Array(content.utf8)
            if let packed = PDFOutput.deflate(plain), packed.count < plain.count {
                try out.stream(object: number + 1, dictionary: "/Filter /FlateDecode", data: packed)
            } else {
                try out.stream(object: number + 1, dictionary: "", data: plain)
            }
            let space: String
            switch frame.components {
            case 1: space = "/DeviceGray"
            case 4: space = frame.adobe ? "/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]" : "/DeviceCMYK"
            default: space = "/DeviceRGB"
            }
            try out.stream(object: number + 2, dictionary: "/Type /XObject /Subtype /Image /Width \(frame.width) /Height \(frame.height) /ColorSpace \(space) /BitsPerComponent 8 /Filter /DCTDecode",
                           data: current.jpeg)
        }

        let count = 5 + 3 * pageCount
        let xref = out.offset
        var table = "xref\n0 \(count)\n0000000000 65535 f \n"
        for number in 1..<count {
            table += String(format: "%010d 00000 n \n", out.objectOffsets[number] ?? 0)
        }
        let id = fingerprint.hex
        table += "trailer\n<< /Size \(count) /Root 1 0 R /Info 4 0 R /ID [<\(id)> <\(id)>] >>\nstartxref\n\(xref)\n%%EOF\n"
        try out.write(table)
        try out.finish(sync: durable)
        return Summary(pages: pageCount, bytes: out.offset, pageSizes: sizes)
    }

    /// Pixels ÷ resolution inches (the page's, else the JPEG's JFIF density), or the image fitted
    /// inside A4 when neither is usable.
    static func pageSize(frame: JPEGFrameHeader, resolution: (x: Double, y: Double)?) -> PageSize {
        let w = Double(frame.width), h = Double(frame.height)
        let plausible = { (r: (x: Double, y: Double)) in (10...10000).contains(r.x) && (10...10000).contains(r.y) }
        if let r = resolution.flatMap({ plausible($0) ? $0 : nil }) ?? frame.density.map({ (x: $0.x, y: $0.y) }).flatMap({ plausible($0) ? $0 : nil }) {
            return PageSize(width: w * 72 / r.x, height: h * 72 / r.y)
        }
        let scale = min(a4.width / w, a4.height / h)
        return PageSize(width: w * scale, height: h * scale)
    }

    private static func describe(_ error: JPEGFrameHeader.Problem) -> String {
        switch error {
        case .notJPEG: return "not a JPEG (no start-of-image marker)"
        case .noFrame: return "no readable JPEG frame header"
        case .unsupported(let what): return "\(what) cannot be embedded"
        }
    }
}

/// The file identifier of the trailer: a hash of the pages' JPEG bytes (two 64-bit FNV-1a lanes),
/// so the same item gives the same identifier.
private struct Fingerprint {
    private var a: UInt64 = 0xCBF2_9CE4_8422_2325
    private var b: UInt64 = 0x8422_2325_CBF2_9CE4

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01B3
            b = (b ^ UInt64(byte ^ 0x5A)) &* 0x100_0000_01B3
        }
    }

    var hex: String { String(format: "%016llX%016llX", a, b) }
}
