import Metadata

/// Completes an item's Dublin Core from its metadata.csv row and the configuration: the institution as
/// publisher, the fonds as source, the fonds' DCMI type and rights when the row gives none, Spanish as
/// default language, and the masters' media types as format.
enum DublinCoreBuilder {
    static func build(row: DublinCoreRecord, itemID: String, fonds: PipelineConfig.Fonds, institution: String,
                      masterMimeTypes: [String]) -> DublinCoreRecord {
        var dc = row
        dc["identifier"] = [itemID] + row["identifier"].filter { $0 != itemID }
        dc.appendIfMissing(institution, to: "publisher")
        dc.appendIfMissing("Fondo \(fonds.title), \(institution)", to: "source")
        if !dc["type"].contains(where: { DublinCoreRecord.dcmiTypes.contains($0) }) {
            dc["type"] = [fonds.defaultType] + dc["type"]
        }
        if dc["language"].isEmpty { dc["language"] = ["spa"] }
        for mime in masterMimeTypes { dc.appendIfMissing(mime, to: "format") }
        if dc["rights"].isEmpty && !fonds.rights.isEmpty { dc["rights"] = [fonds.rights] }
        return dc
    }
}
