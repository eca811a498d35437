import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// The codes the JSON reports and the catalog carry are the ones the README explains, with the same
/// Spanish label, and the states and outcomes the README names are the ones the code has.
@Suite struct ReasonCodeTests {
    static let readme = (try? String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    @Test(arguments: ReasonCode.allCases)
    func everyReasonIsInTheREADMEWithItsLabel(_ code: ReasonCode) {
        let row = Self.readme.split(separator: "\n").first { $0.contains("| `\(code.rawValue)` |") }
        #expect(row != nil, "README's table «Cuando algo sale mal» has no row for \(code.rawValue)")
        #expect(row?.hasPrefix("| \(code.label) |") == true, "README row for \(code.rawValue) should start with «\(code.label)»: \(row ?? "")")
    }

    @Test func outcomesAndStatesAreNamedInTheREADME() {
        for outcome in ItemOutcome.allCases {
            #expect(Self.readme.contains("*\(outcome.label)* (`\(outcome.rawValue)`)"), "README does not name \(outcome.rawValue)")
        }
        for state in BatchState.allCases {
            #expect(Self.readme.contains("*\(state.label)* (`\(state.rawValue)`)"), "README does not name \(state.rawValue)")
        }
    }

    @Test func labelsAreSpanishAndDistinct() {
        let labels = ReasonCode.allCases.map(\.label)
        #expect(Set(labels).count == labels.count)
        for label in labels { #expect(label.range(of: "[A-Z]{2}", options: .regularExpression) == nil || label.contains("CRC")) }
    }
}
