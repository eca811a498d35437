import Foundation

/// The invisible text of a page (text rendering mode 3): drawn nowhere, but found by search,
/// selected and copied over the image where the words are.
///
/// The font is Helvetica in WinAnsiEncoding with every glyph declared 500/1000 em wide (the font
/// dictionary's Widths), so a word's width in the PDF is exactly known and each word is stretched
/// horizontally to its box. Invisible text needs no embedded font program.
enum PDFTextLayer {
    /// Glyph advance declared in the font dictionary, in text space units per unit of font size.
    static let advance = 0.5

    /// Content stream operators for `text` on a page of `width × height` points.
    static func operators(_ text: PDFPageText, pageWidth: Double, pageHeight: Double) -> String {
        var ops = "BT\n3 Tr\n/F1 1 Tf\n"
        let n = PDFStrings.number
        switch text {
        case .words(let words, let imageWidth, let imageHeight):
            guard imageWidth > 0, imageHeight > 0 else { return "" }
            let sx = pageWidth / Double(imageWidth), sy = pageHeight / Double(imageHeight)
            var placed = 0
            for word in words {
                let bytes = PDFStrings.winAnsiBytes(word.text.trimmingCharacters(in: .whitespacesAndNewlines))
                guard !bytes.isEmpty, word.width > 0, word.height > 0 else { continue }
                let size = Double(word.height) * sy
                let stretch = Double(word.width) * sx / (advance * Double(bytes.count))
                let left = Double(word.x) * sx
                let baseline = pageHeight - Double(word.y + word.height) * sy + 0.15 * size
                ops += "\(n(stretch)) 0 0 \(n(size)) \(n(left)) \(n(baseline)) Tm \(PDFStrings.literal(bytes)) Tj\n"
                placed += 1
            }
            if placed == 0 { return "" }
        case .plain(let body):
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { PDFStrings.winAnsiBytes(String($0)) }
            guard lines.contains(where: { !$0.isEmpty }) else { return "" }
            let margin = min(pageWidth, pageHeight) * 0.05
            let size = min(12, (pageHeight - 2 * margin) / Double(lines.count))
            for (index, bytes) in lines.enumerated() where !bytes.isEmpty {
                let stretch = min(size, (pageWidth - 2 * margin) / (advance * Double(bytes.count)))
                let baseline = pageHeight - margin - Double(index + 1) * size
                ops += "\(n(stretch)) 0 0 \(n(size)) \(n(margin)) \(n(baseline)) Tm \(PDFStrings.literal(bytes)) Tj\n"
            }
        }
        return ops + "ET\n"
    }
}
