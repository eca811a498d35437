/// Draws the kinds of pages the archive holds: letters and documents (text), concert programmes and
/// posters (large titles), scores (staves and notes) and photographs/drawings (tonal shapes).
/// Returns the canvas and the words it placed, with their boxes, for ALTO/hOCR sidecars and OCR tests.
public struct PageDesigner {
    public enum Kind: String, Sendable { case letter, score, poster, photograph }

    public struct PlacedWord: Sendable, Equatable {
        public var text: String
        public var x: Int, y: Int, width: Int, height: Int
    }

    public struct Result {
        public var canvas: PageCanvas
        public var lines: [[PlacedWord]]
        /// The text drawn, line by line (what a perfect transcription would say).
        public var text: String { lines.map { $0.map(\.text).joined(separator: " ") }.joined(separator: "\n") }
    }

    let font: FontRasterizer

    public init(font: FontRasterizer) { self.font = font }

    /// `grain` overrides the paper's noise amplitude (levels): small for the committed fixtures, about 4
    /// for benchmark pages, where it makes LZW and JPEG sizes behave like real 300 dpi scans.
    public func draw(_ kind: Kind, width: Int, height: Int, title: String, body: String, grain: Float? = nil,
                     random: inout SeededRandom) -> Result {
        let canvas = PageCanvas(width: width, height: height)
        let tone: (Float, Float, Float) = kind == .photograph ? (236, 232, 222) : (242, 236, 220)
        canvas.paintPaper(tone: tone, grain: grain ?? (kind == .photograph ? 3 : 1.2), random: &random)
        let ink: (Float, Float, Float) = (38, 34, 44)
        let margin = width / 12
        var lines: [[PlacedWord]] = []
        var baseline = margin + width / 30

        func placeLine(_ text: String, size: Int, centered: Bool = false) {
            font.setPixelSize(size)
            var x = centered ? max(margin, (width - font.width(of: text)) / 2) : margin
            var placed: [PlacedWord] = []
            for word in text.split(separator: " ") {
                let w = font.width(of: String(word))
                placed.append(PlacedWord(text: String(word), x: x, y: baseline - font.ascender, width: w, height: font.lineHeight))
                canvas.drawText(String(word), x: x, baseline: baseline, font: font, ink: ink)
                x += w + font.width(of: " ")
            }
            lines.append(placed)
            baseline += font.lineHeight
        }

        let titleSize = max(14, width / (kind == .poster ? 16 : 26))
        let bodySize = max(12, width / 42)
        placeLine(title, size: titleSize, centered: kind != .letter)
        baseline += bodySize / 2

        switch kind {
        case .letter, .poster:
            font.setPixelSize(bodySize)
            for line in SpanishText.wrap(body, width: width - 2 * margin, font: font) {
                if baseline > height - margin { break }
                placeLine(line, size: bodySize, centered: kind == .poster)
            }
            if kind == .poster {
                canvas.fillRect(x: margin, y: baseline + 10, width: width - 2 * margin, height: max(4, height / 120),
                                color: (150, 40, 30), strength: 0.8)
            }
        case .score:
            drawStaves(on: canvas, top: baseline, margin: margin, random: &random)
        case .photograph:
            drawTonalScene(on: canvas, top: baseline, margin: margin, random: &random)
        }
        return Result(canvas: canvas, lines: lines)
    }

    private func drawStaves(on canvas: PageCanvas, top: Int, margin: Int, random: inout SeededRandom) {
        let gap = max(4, canvas.width / 110)
        var y = top + gap * 2
        while y + gap * 10 < canvas.height - margin {
            for line in 0..<5 {
                canvas.fillRect(x: margin, y: y + line * gap, width: canvas.width - 2 * margin, height: max(1, gap / 6),
                                color: (30, 30, 30), strength: 0.85)
            }
            var x = margin + gap * 4
            while x < canvas.width - margin - gap * 2 {
                let step = random.int(-4...8)
                let cy = y + step * gap / 2
                canvas.fillEllipse(cx: x, cy: cy, rx: gap * 2 / 3, ry: gap / 2, color: (20, 20, 20), strength: 0.95)
                canvas.fillRect(x: x + gap * 2 / 3 - 1, y: cy - gap * 3, width: max(1, gap / 5), height: gap * 3,
                                color: (20, 20, 20), strength: 0.9)
                x += gap * random.int(2...4)
            }
            y += gap * 10
        }
    }

    private func drawTonalScene(on canvas: PageCanvas, top: Int, margin: Int, random: inout SeededRandom) {
        let w = canvas.width - 2 * margin, h = canvas.height - top - margin
        canvas.fillRect(x: margin, y: top, width: w, height: h, color: (120, 110, 95), strength: 0.55)
        canvas.fillRect(x: margin, y: top + h * 2 / 3, width: w, height: h / 3, color: (70, 80, 50), strength: 0.6)
        for _ in 0..<12 {   // maguey leaves / figures
            let cx = margin + random.int(0...(w - 1)), cy = top + h / 2 + random.int(0...(h / 2 - 1))
            canvas.fillEllipse(cx: cx, cy: cy, rx: random.int(4...max(5, w / 14)), ry: random.int(4...max(5, h / 8)),
                               color: (40, 60, 45), strength: 0.7)
        }
        canvas.fillEllipse(cx: margin + w * 3 / 4, cy: top + h / 5, rx: w / 12, ry: w / 12, color: (235, 225, 200), strength: 0.8)
    }
}
