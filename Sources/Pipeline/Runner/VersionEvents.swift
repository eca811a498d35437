import Foundation
import Metadata
import Preservation
import Support

/// The events a new version of an item records besides its files' own: ingestion when its pages or
/// texts change (with what was added, replaced, retired or reordered), metadata modification when its
/// description changes (naming the elements), each in Spanish.
enum VersionEvents {
    static func forNewVersion(plan: VersionPlan, newText: Bool, description: [DescriptionMerge.Change], version: Int, batch: String,
                              line: Int, itemID: String, dates: [String], now: String) -> [PendingEvent] {
        var events: [PendingEvent] = []
        let contentChanged = !plan.added.isEmpty || !plan.replaced.isEmpty || !plan.retired.isEmpty || plan.reordered || newText
        if contentChanged {
            let what = plan.changes.isEmpty ? "textos nuevos de páginas ya archivadas" : plan.changes.joined(separator: "; ")
            events.append(PendingEvent(type: .ingestion, dateTime: now, detail: "versión v\(version) desde el lote \(batch): \(what)",
                                       outcome: .success, outcomeDetail: SpanishText.count(plan.files.reduce(0) { $0 + $1.pages.count }, "página", "páginas"),
                                       objects: [itemID]))
        }
        if !description.isEmpty {
            let elements = description.map(\.element)
            events.append(PendingEvent(type: .metadataModification, dateTime: now,
                detail: "descripción corregida desde metadata.csv del lote \(batch), línea \(line): \(SpanishText.list(elements))",
                outcome: .success, outcomeDetail: (["metadata/dc.xml"] + dates).joined(separator: "; "), objects: [itemID]))
        }
        return events
    }

    static func forFirstVersion(batch: String, fondsTitle: String, pages: Int, itemID: String, dates: [String], now: String) -> [PendingEvent] {
        [PendingEvent(type: .ingestion, dateTime: now, detail: "ingreso desde el lote \(batch) (fondo \(fondsTitle))",
                      outcome: .success, outcomeDetail: ([SpanishText.count(pages, "página", "páginas")] + dates).joined(separator: "; "),
                      objects: [itemID])]
    }

    /// "fecha de metadata.csv «14/03/1954» normalizada como 1954-03-14": the value as written stays on record.
    static func dateNotes(_ row: MetadataSheet.Row) -> [String] {
        row.normalizedDates.map { "\($0.column) escrita «\($0.written)», normalizada como \($0.normalized)" }
    }
}
