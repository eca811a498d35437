import Catalog
import Metadata

/// A citation of an archival item in the Chicago manual's notes-and-bibliography form, adapted for
/// an online archive: Creator. *Title*. Date. Fonds, Institution. Identifier. URL.
enum Citation {
    static func text(item: CatalogItem, fondsTitle: String, settings: SiteSettings, url: String, accessed: String) -> String {
        let dc = item.dublinCore
        var parts: [String] = []
        if !dc["creator"].isEmpty { parts.append(dc["creator"].joined(separator: "; ") + ".") }
        parts.append(dc.title + ".")
        if let date = dc["date"].first {
            let readable = Labels.readableDate(date)
            parts.append(readable.prefix(1).uppercased() + readable.dropFirst() + ".")
        }
        parts.append("Fondo \(fondsTitle), \(settings.institutionName).")
        parts.append("\(settings.title), \(item.id).")
        if !url.isEmpty { parts.append("\(url) (consultado el \(accessed)).") }
        return parts.joined(separator: " ")
    }
}
