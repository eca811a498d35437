import Metadata
import Support

/// The description of an item's next version. A new item takes its row. An archived item keeps its
/// description except for the elements the sheet has a column for: a present column replaces the
/// element (an empty cell clears it), an absent column changes nothing. So a correction sheet with
/// only identifier, dc.title and dc.date corrects those two and erases nothing.
enum DescriptionMerge {
    static func merge(prior: DublinCoreRecord?, row: DublinCoreRecord, present: Set<String>) -> DublinCoreRecord {
        guard var merged = prior else { return row }
        for element in present where element != "identifier" {
            merged[element] = row[element]
        }
        return merged
    }

    /// One element that changed: its values before and after.
    struct Change: Equatable {
        var element: String
        var before: [String]
        var after: [String]

        /// "dc.title: «Canción de mayo» → «Canción de mayo (arreglo)»", "dc.subject: «x» → (vacío)".
        var line: String {
            func shown(_ values: [String]) -> String { values.isEmpty ? "(vacío)" : values.map { "«\($0)»" }.joined(separator: " | ") }
            return "dc.\(element): \(shown(before)) → \(shown(after))"
        }
    }

    static func changes(from old: DublinCoreRecord, to new: DublinCoreRecord) -> [Change] {
        DublinCoreRecord.elements.compactMap { element in
            old[element] == new[element] ? nil : Change(element: element, before: old[element], after: new[element])
        }
    }
}
