import Foundation
@testable import Pipeline
import Support
import Testing

/// `verify --sample`: the choice made with each object's hash computed once is the choice the hash of
/// the day and the identifier made at every comparison, and it stays fair (every object's turn comes).
struct VerifySampleTests {
    /// The definition the sample had when each comparison hashed the day and the identifier again.
    func reference(_ ids: [String], percent: Double, day: String) -> [String] {
        func key(_ id: String) -> UInt64 { StableHash.fnv1a(day + id) }
        let count = max(1, Int((Double(ids.count) * percent / 100).rounded(.up)))
        return Array(ids.sorted { key($0) < key($1) }.prefix(count)).sorted()
    }

    let ids = (0..<5_000).map { String(format: "GVI-S%06d", $0) } + ["BSH-0001", "BSH-0002", "maguey-blanco-1"]

    @Test(arguments: [0.01, 1, 5, 33.3, 100])
    func theSampleIsTheOneTheDayAndTheIdentifierChose(percent: Double) {
        for day in ["2026-12-03", "2026-12-04", "2027-01-01"] {
            let chosen = VerifySample.choose(from: ids, percent: percent, day: day)
            #expect(chosen == reference(ids, percent: percent, day: day), "\(percent) % on \(day)")
            #expect(chosen.count == max(1, Int((Double(ids.count) * percent / 100).rounded(.up))))
        }
    }

    @Test func anotherDayAnotherSampleAndEveryObjectsTurnComes() {
        let few = Array(ids.prefix(200))
        var audited = Set<String>()
        var previous: [String] = []
        for day in 1...28 {
            let chosen = VerifySample.choose(from: few, percent: 10, day: String(format: "2026-02-%02d", day))
            #expect(chosen != previous)
            previous = chosen
            audited.formUnion(chosen)
        }
        // 28 daily samples of 10 %: an object missed by all of them has a chance of 0.9^28 ≈ 5 %.
        #expect(audited.count > 170, "\(audited.count) of 200 audited in four weeks")
    }

    @Test func anEmptyArchiveGivesAnEmptySample() {
        #expect(VerifySample.choose(from: [], percent: 1, day: "2026-12-03").isEmpty)
    }
}
