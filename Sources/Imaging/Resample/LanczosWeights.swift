import Foundation

/// Filter taps of a Lanczos-3 reduction along one axis: for each output sample, the first input
/// index and normalised weights (support widened by the reduction factor, as an anti-aliasing filter).
struct LanczosWeights {
    let starts: [Int]
    let counts: [Int]
    /// `maxCount` weights per output sample, unused ones zero.
    let weights: [Float]
    let maxCount: Int

    init(inputSize: Int, outputSize: Int) {
        let scale = Double(inputSize) / Double(outputSize)
        let filterScale = max(scale, 1)
        let support = 3 * filterScale
        let maxCount = Int(ceil(support)) * 2 + 1
        var starts = [Int](repeating: 0, count: outputSize)
        var counts = [Int](repeating: 0, count: outputSize)
        var weights = [Float](repeating: 0, count: outputSize * maxCount)
        for j in 0..<outputSize {
            let center = (Double(j) + 0.5) * scale
            let first = max(Int((center - support + 0.5).rounded(.down)), 0)
            let last = min(Int((center + support + 0.5).rounded(.down)), inputSize)
            var taps: [Double] = []
            for i in first..<max(first, last) {
                taps.append(Self.lanczos3((Double(i) - center + 0.5) / filterScale))
            }
            let total = taps.reduce(0, +)
            starts[j] = first
            counts[j] = taps.count
            for (k, w) in taps.enumerated() where k < maxCount {
                weights[j * maxCount + k] = Float(total != 0 ? w / total : 0)
            }
            counts[j] = min(counts[j], maxCount)
        }
        self.starts = starts
        self.counts = counts
        self.weights = weights
        self.maxCount = maxCount
    }

    /// The weights of three-channel rows as the horizontal kernel reads them: for each output sample
    /// and each pair of taps (k, k + 1), k even, the 8 floats {w[k] ×3, w[k+1] ×3, 0, 0};
    /// `maxCount / 2` pairs per sample (an odd last tap is read from `weights`).
    func rgbPairs() -> [Float] {
        let pairs = maxCount / 2
        let outputSize = starts.count
        var table = [Float](repeating: 0, count: outputSize * pairs * 8)
        for j in 0..<outputSize {
            for pair in 0..<pairs {
                let first = weights[j * maxCount + 2 * pair], second = weights[j * maxCount + 2 * pair + 1]
                let base = (j * pairs + pair) * 8
                for lane in 0..<3 {
                    table[base + lane] = first
                    table[base + 3 + lane] = second
                }
            }
        }
        return table
    }

    static func lanczos3(_ x: Double) -> Double {
        if x == 0 { return 1 }
        guard abs(x) < 3 else { return 0 }
        let px = Double.pi * x
        return 3 * sin(px) * sin(px / 3) / (px * px)
    }
}
