/// SplitMix64: a small, fast, fully deterministic generator, so the same seed writes the same bytes
/// on every machine (Swift's SystemRandomNumberGenerator is deliberately not reproducible).
import Support
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform integer in range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A derived generator for a sub-task, so adding output elsewhere does not shift this one.
    public func derived(_ label: String) -> SeededRandom {
        SeededRandom(seed: state ^ StableHash.fnv1a(label))
    }
}
