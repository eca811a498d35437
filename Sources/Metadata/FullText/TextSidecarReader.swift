/// Reads text sidecars: plain transcriptions (UTF-8, UTF-16 or Windows-1252, detected), ALTO (any
/// version) and hOCR. Text comes out NFC-normalised with Unix line ends.
public enum TextSidecarReader {
    public static func plain(_ bytes: [UInt8], file: String) throws -> (PageText, TextDecoder.Encoding) {
        switch TextDecoder.decode(bytes) {
        case .success(let decoded):
            let text = decoded.text.precomposedStringWithCanonicalMapping
                .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            return (PageText(text: text.trimmingCharacters(in: .whitespacesAndNewlines)), decoded.encoding)
        case .failure(let failure):
            throw FullTextError.undecodable(file: file, line: failure.line, reason: failure.reason)
        }
    }

    /// ALTO: TextBlock → TextLine → String (CONTENT) with SP/HYP between; reading order as written.
    /// Words whose confidence (`WC`, 0...1) is below `minimumWordConfidence` are left out: OCR of a
    /// music score or a drawing is mostly such noise, while its printed title is read with confidence.
    public static func alto(_ bytes: [UInt8], file: String, minimumWordConfidence: Double = 0) throws -> PageText {
        let tree: XMLTree
        do { tree = try XMLTree(bytes: bytes, name: file) } catch let MetadataXMLError.notWellFormed(_, problems) {
            throw FullTextError.malformed(file: file, problems: problems)
        }
        guard let root = tree.root, root.localName == "alto" else {
            throw FullTextError.notALTO(file: file, found: tree.root?.localName ?? "")
        }
        var blocks: [String] = []
        var words: [PageText.Word] = []
        for block in root.descendants("TextBlock") {
            var lines: [String] = []
            for line in block.descendants("TextLine") {
                var text = ""
                for part in line.children {
                    switch part.localName {
                    case "String":
                        if minimumWordConfidence > 0, let confidence = part.attribute("WC").flatMap(Double.init),
                           confidence < minimumWordConfidence { continue }
                        let content = (part.attribute("CONTENT") ?? "").precomposedStringWithCanonicalMapping
                        text += content
                        if let x = coordinate(part.attribute("HPOS")), let y = coordinate(part.attribute("VPOS")),
                           let w = coordinate(part.attribute("WIDTH")), let h = coordinate(part.attribute("HEIGHT")) {
                            words.append(.init(text: content, x: x, y: y, width: w, height: h))
                        }
                    case "SP": text += " "
                    case "HYP": text += part.attribute("CONTENT") ?? "-"
                    default: break
                    }
                }
                // Left-out words leave runs of spaces behind.
                let trimmed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                if !trimmed.isEmpty { lines.append(trimmed) }
            }
            if !lines.isEmpty { blocks.append(lines.joined(separator: "\n")) }
        }
        return PageText(text: blocks.joined(separator: "\n\n"), words: words)
    }

    /// A position or size in pixels, or nil when it is not a finite number within ±1,000,000,000
    /// (an ALTO HPOS of 1e300 made the conversion to Int trap: fuzz-alto).
    static func coordinate(_ text: String?) -> Int? {
        guard let text, let value = Double(text), value.isFinite, abs(value) <= 1_000_000_000 else { return nil }
        return Int(value)
    }

    /// hOCR: ocr_line / ocrx_word spans with "bbox x0 y0 x1 y1" in their title; HTML parsed leniently.
    public static func hocr(_ bytes: [UInt8], file: String) throws -> PageText {
        let tree = try XMLTree(html: bytes, name: file)
        guard let root = tree.root else { throw FullTextError.notHOCR(file: file) }
        func classes(_ element: XMLElement) -> [String] { (element.attribute("class") ?? "").split(separator: " ").map(String.init) }
        let all = root.descendants("span") + root.descendants("div") + root.descendants("p")
        guard all.contains(where: { classes($0).contains { $0.hasPrefix("ocr") } }) else { throw FullTextError.notHOCR(file: file) }
        var words: [PageText.Word] = []
        var lines: [String] = []
        func bbox(_ element: XMLElement) -> (Int, Int, Int, Int)? {
            guard let title = element.attribute("title") else { return nil }
            for field in title.split(separator: ";") {
                let parts = field.trimmingCharacters(in: .whitespaces).split(separator: " ")
                if parts.first == "bbox", parts.count == 5, let x0 = coordinate(String(parts[1])), let y0 = coordinate(String(parts[2])),
                   let x1 = coordinate(String(parts[3])), let y1 = coordinate(String(parts[4])) {
                    return (x0, y0, x1 - x0, y1 - y0)
                }
            }
            return nil
        }
        func walk(_ element: XMLElement) {
            let kind = classes(element)
            if kind.contains("ocr_line") || kind.contains("ocrx_line") || kind.contains("ocr_header") || kind.contains("ocr_caption") || kind.contains("ocr_textfloat") {
                let lineWords = element.descendants("span").filter { classes($0).contains("ocrx_word") }
                if lineWords.isEmpty {
                    let text = element.trimmedText.precomposedStringWithCanonicalMapping
                    if !text.isEmpty { lines.append(text) }
                } else {
                    var texts: [String] = []
                    for word in lineWords {
                        let text = word.trimmedText.precomposedStringWithCanonicalMapping
                        guard !text.isEmpty else { continue }
                        texts.append(text)
                        if let (x, y, w, h) = bbox(word) { words.append(.init(text: text, x: x, y: y, width: w, height: h)) }
                    }
                    if !texts.isEmpty { lines.append(texts.joined(separator: " ")) }
                }
                return
            }
            element.children.forEach(walk)
        }
        walk(root)
        return PageText(text: lines.joined(separator: "\n"), words: words)
    }
}

import Foundation
