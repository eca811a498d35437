import Foundation

/// A page being drawn: RGB floats (0...255) with paper, ink and the marks a scanner leaves.
public final class PageCanvas {
    public let width: Int
    public let height: Int
    private(set) var pixels: [Float]   // RGB interleaved

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = [Float](repeating: 255, count: width * height * 3)
    }

    /// Off-white paper with slow shading (uneven light, ageing), grain and a few fibres and specks,
    /// so compressed sizes behave like real scans rather than flat synthetic images.
    public func paintPaper(tone: (Float, Float, Float), grain: Float, random: inout SeededRandom) {
        let phaseA = Float(random.unit() * 6.28), phaseB = Float(random.unit() * 6.28)
        let w = Float(width), h = Float(height)
        pixels.withUnsafeMutableBufferPointer { p in
            for y in 0..<height {
                let fy = Float(y) / h
                for x in 0..<width {
                    let fx = Float(x) / w
                    let shade = 6 * sinf(fx * 2.1 + phaseA) * cosf(fy * 1.7 + phaseB) - 8 * (fx - 0.5) * (fx - 0.5) * 4
                    let noise = grain * (Float(random.next() & 0xFF) / 127.5 - 1)
                    let i = (y * width + x) * 3
                    p[i] = tone.0 + shade + noise
                    p[i + 1] = tone.1 + shade + noise
                    p[i + 2] = tone.2 + shade * 1.2 + noise
                }
            }
        }
        for _ in 0..<(width * height / 40_000 + 3) {   // fibres
            var x = Float(random.int(0...(width - 1))), y = Float(random.int(0...(height - 1)))
            let angle = Float(random.unit() * 6.28), length = random.int(10...60)
            let delta: Float = random.unit() < 0.5 ? -10 : 8
            for _ in 0..<length {
                darken(x: Int(x), y: Int(y), by: -delta, color: (0, 0, 0))
                x += cosf(angle); y += sinf(angle)
            }
        }
        for _ in 0..<(width * height / 60_000 + 2) {   // specks
            let cx = random.int(0...(width - 1)), cy = random.int(0...(height - 1))
            let r = random.int(1...2)
            fillEllipse(cx: cx, cy: cy, rx: r, ry: r, color: (90, 80, 70), strength: 0.5)
        }
    }

    /// Moves a pixel toward `color` by `amount` (0...1), or lightens by a negative amount in levels.
    @inline(__always)
    func darken(x: Int, y: Int, by amount: Float, color: (Float, Float, Float)) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * 3
        if amount < 0 || amount > 1 {   // level shift (fibres)
            pixels[i] -= amount; pixels[i + 1] -= amount; pixels[i + 2] -= amount
            return
        }
        pixels[i] += (color.0 - pixels[i]) * amount
        pixels[i + 1] += (color.1 - pixels[i + 1]) * amount
        pixels[i + 2] += (color.2 - pixels[i + 2]) * amount
    }

    public func fillEllipse(cx: Int, cy: Int, rx: Int, ry: Int, color: (Float, Float, Float), strength: Float) {
        guard rx > 0, ry > 0 else { return }
        for y in (cy - ry)...(cy + ry) {
            for x in (cx - rx)...(cx + rx) {
                let dx = Float(x - cx) / Float(rx), dy = Float(y - cy) / Float(ry)
                if dx * dx + dy * dy <= 1 { darken(x: x, y: y, by: strength, color: color) }
            }
        }
    }

    public func fillRect(x: Int, y: Int, width w: Int, height h: Int, color: (Float, Float, Float), strength: Float) {
        for yy in max(0, y)..<min(height, y + h) {
            for xx in max(0, x)..<min(width, x + w) { darken(x: xx, y: yy, by: strength, color: color) }
        }
    }

    /// Draws text in ink; the coverage is slightly spread so strokes look printed, not rendered.
    @discardableResult
    public func drawText(_ text: String, x: Int, baseline: Int, font: FontRasterizer,
                         ink: (Float, Float, Float), strength: Float = 0.92) -> Int {
        font.draw(text, x: x, baseline: baseline) { px, py, coverage in
            let amount = min(1, Float(coverage) / 255 * 1.08) * strength
            darken(x: px, y: py, by: amount, color: ink)
        }
    }

    // MARK: output

    public func rgb8() -> [UInt8] {
        pixels.map { UInt8(max(0, min(255, $0.rounded()))) }
    }

    public func gray8() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height)
        for i in 0..<(width * height) {
            let v = 0.299 * pixels[i * 3] + 0.587 * pixels[i * 3 + 1] + 0.114 * pixels[i * 3 + 2]
            out[i] = UInt8(max(0, min(255, v.rounded())))
        }
        return out
    }

    /// 16-bit gray: the 8-bit tone widened, plus sub-level detail a 16-bit scanner would record.
    public func gray16(random: inout SeededRandom) -> [UInt16] {
        gray8().map { UInt16(min(65535, Int($0) * 257 + Int(random.next() % 97))) }
    }

    /// 16-bit RGB, widened the same way.
    public func rgb16(random: inout SeededRandom) -> [UInt16] {
        rgb8().map { UInt16(min(65535, Int($0) * 257 + Int(random.next() % 97))) }
    }

    /// Bitonal (1 = black), thresholded as a fax-mode scan would be.
    public func bitonal(threshold: UInt8 = 150) -> [UInt8] {
        gray8().map { $0 < threshold ? 1 : 0 }
    }
}
