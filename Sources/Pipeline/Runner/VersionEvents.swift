import Foundation
import Metadata
import Preservation
import Support

/// The events a new version of an item records besides its files' own (ingestion for new content,
/// metadata modification for a changed description), with Spanish details of what changed.
enum VersionEvents {
    struct Changes {
        var newMasters: Int
        var removedMasters: Int
        var newText: Bool
        var descriptionChanged: Bool
        var contentChanged: Bool { newMasters > 0 || removedMasters > 0 || newText }
    }

    /// What differs between the archived version and the next one.
    static func changes(prior: PriorObject, files: [ProcessedFile], dcXML: [UInt8]) -> Changes {
        let priorMasters = Set(prior.mets.files.filter { $0.use == .master }.map(\.logicalPath))
        let removed = priorMasters.subtracting(files.map(\.logicalPath))
        let newText = files.contains { $0.pages.contains { $0.text?.files.contains { if case .existing = $0.source { return false }; return true } ?? false } }
        return Changes(newMasters: files.filter { !$0.carriedOver }.count, removedMasters: removed.count, newText: newText,
                       descriptionChanged: prior.dcBytes != dcXML)
    }

    static func forNewVersion(_ changes: Changes, version: Int, batch: String, line: Int, itemID: String, now: String) -> [PendingEvent] {
        var events: [PendingEvent] = []
        if changes.contentChanged {
            events.append(PendingEvent(type: .ingestion, dateTime: now,
                detail: "versión v\(version) desde el lote \(batch): \(SpanishText.count(changes.newMasters, "archivo nuevo o sustituido", "archivos nuevos o sustituidos")), \(SpanishText.count(changes.removedMasters, "retirado", "retirados"))",
                outcome: .success, outcomeDetail: "", objects: [itemID]))
        }
        if changes.descriptionChanged {
            events.append(PendingEvent(type: .metadataModification, dateTime: now,
                detail: "descripción actualizada desde metadata.csv del lote \(batch), línea \(line)",
                outcome: .success, outcomeDetail: "metadata/dc.xml", objects: [itemID]))
        }
        return events
    }

    static func forFirstVersion(batch: String, fondsTitle: String, pages: Int, itemID: String, now: String) -> [PendingEvent] {
        [PendingEvent(type: .ingestion, dateTime: now, detail: "ingreso desde el lote \(batch) (fondo \(fondsTitle))",
                      outcome: .success, outcomeDetail: SpanishText.count(pages, "página", "páginas"), objects: [itemID])]
    }

    /// Spanish lines for the report: what the version changed.
    static func reportLines(_ changes: Changes) -> [String] {
        var lines: [String] = []
        if changes.newMasters > 0 { lines.append(SpanishText.count(changes.newMasters, "archivo nuevo o sustituido", "archivos nuevos o sustituidos")) }
        if changes.removedMasters > 0 { lines.append(SpanishText.count(changes.removedMasters, "archivo retirado", "archivos retirados")) }
        if changes.descriptionChanged { lines.append("descripción actualizada") }
        return lines
    }
}
