import Foundation
import Metadata
import Support

/// Writes text sidecars the way scanning and OCR stations do: plain text (UTF-8 or Windows-1252),
/// ALTO 4 and hOCR with the real word boxes of the page that was drawn.
public enum TextSidecarWriter {
    public static func writePlain(_ text: String, windows1252: Bool, to url: URL) throws {
        let bytes = windows1252 ? Windows1252.encode(text) : Array(text.utf8)
        try Data(bytes).write(to: url)
    }

    static func escape(_ s: String) -> String { MarkupEscaping.escape(s) }

    public static func alto(lines: [[PageDesigner.PlacedWord]], imageName: String, width: Int, height: Int) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">
          <Description>
            <MeasurementUnit>pixel</MeasurementUnit>
            <sourceImageInformation><fileName>\(escape(imageName))</fileName></sourceImageInformation>
          </Description>
          <Layout>
            <Page ID="page1" PHYSICAL_IMG_NR="1" WIDTH="\(width)" HEIGHT="\(height)">
              <PrintSpace HPOS="0" VPOS="0" WIDTH="\(width)" HEIGHT="\(height)">
                <TextBlock ID="block1">

        """
        for (l, line) in lines.enumerated() where !line.isEmpty {
            let x0 = line.map(\.x).min()!, y0 = line.map(\.y).min()!
            let x1 = line.map { $0.x + $0.width }.max()!, y1 = line.map { $0.y + $0.height }.max()!
            out += "            <TextLine ID=\"line\(l + 1)\" HPOS=\"\(x0)\" VPOS=\"\(y0)\" WIDTH=\"\(x1 - x0)\" HEIGHT=\"\(y1 - y0)\">\n"
            for (w, word) in line.enumerated() {
                if w > 0 { out += "              <SP/>\n" }
                out += "              <String ID=\"w\(l + 1)_\(w + 1)\" CONTENT=\"\(escape(word.text))\" HPOS=\"\(word.x)\" VPOS=\"\(word.y)\" WIDTH=\"\(word.width)\" HEIGHT=\"\(word.height)\"/>\n"
            }
            out += "            </TextLine>\n"
        }
        out += """
                </TextBlock>
              </PrintSpace>
            </Page>
          </Layout>
        </alto>

        """
        return out
    }

    public static func hocr(lines: [[PageDesigner.PlacedWord]], imageName: String, width: Int, height: Int) -> String {
        var out = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="es" lang="es">
        <head><meta charset="utf-8"/><title>\(escape(imageName))</title>
        <meta name="ocr-system" content="memoria-fixtures"/><meta name="ocr-capabilities" content="ocr_page ocr_line ocrx_word"/></head>
        <body>
        <div class="ocr_page" id="page_1" title="image &quot;\(escape(imageName))&quot;; bbox 0 0 \(width) \(height)">

        """
        for (l, line) in lines.enumerated() where !line.isEmpty {
            let x0 = line.map(\.x).min()!, y0 = line.map(\.y).min()!
            let x1 = line.map { $0.x + $0.width }.max()!, y1 = line.map { $0.y + $0.height }.max()!
            out += "<span class=\"ocr_line\" id=\"line_\(l + 1)\" title=\"bbox \(x0) \(y0) \(x1) \(y1)\">"
            out += line.enumerated().map { w, word in
                "<span class=\"ocrx_word\" id=\"word_\(l + 1)_\(w + 1)\" title=\"bbox \(word.x) \(word.y) \(word.x + word.width) \(word.y + word.height); x_wconf 95\">\(escape(word.text))</span>"
            }.joined(separator: " ")
            out += "</span>\n"
        }
        out += "</div>\n</body>\n</html>\n"
        return out
    }
}
