import Foundation
import Metadata

/// The word boxes of one page for the viewer's search highlights: `w/<page>.js`, a script that hands
/// the page's words to the viewer (`MemoriaPalabras(page, {a: [width, height], p: [word, x, y, w, h,
/// ...]})`), so it loads from `file://` too and only when a visitor searches. Boxes are in the pixels of
/// the archived ALTO/hOCR, which describe the page at its full size (`a`); the viewer scales them to
/// whatever zoom it shows.
enum WordBoxScript {
    /// The script of a page, or nil when its text source has no word coordinates (a plain
    /// transcription) or its file cannot be read (then the page simply shows no boxes).
    static func script(page: CatalogPageText, file: String?, width: Int, height: Int, ocrWordConfidenceFloor: Double) -> String? {
        guard let file, let data = FileManager.default.contents(atPath: file) else { return nil }
        let bytes = [UInt8](data)
        let text: PageText
        do {
            switch page.source {
            case "alto": text = try TextSidecarReader.alto(bytes, file: page.path)
            case "hocr": text = try TextSidecarReader.hocr(bytes, file: page.path)
            case "ocr" where page.path.hasSuffix(".xml"):
                text = try TextSidecarReader.alto(bytes, file: page.path, minimumWordConfidence: ocrWordConfidenceFloor)
            default: return nil
            }
        } catch {
            // The same file was read at ingest; a damaged copy shows no boxes and `memoria verify` reports it.
            return nil
        }
        let words = text.words.filter { $0.width > 0 && $0.height > 0 && !$0.text.isEmpty }
        guard !words.isEmpty else { return nil }
        let flat: [Any] = words.flatMap { word -> [Any] in [word.text, word.x, word.y, word.width, word.height] }
        return "MemoriaPalabras(\(page.sequence),\(ScriptJSON.encode(["a": [width, height], "p": flat] as [String: Any])));\n"
    }

    /// What the builder knows of a page's text: its number, source and archived logical path.
    struct CatalogPageText {
        var sequence: Int
        var source: String
        var path: String
    }
}
