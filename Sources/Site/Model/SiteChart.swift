import Catalog
import Foundation
import Metadata

/// The classification charts as the site shows them: where each unit's page lives, the path of units
/// above an item, and how many published documents sit in each unit and below it.
extension SiteContext {
    static func unitFolder(fondsSlug: String, code: String) -> String { "cuadro/\(fondsSlug)/\(codeSlug(code))/" }

    /// A reference code as a folder name: letters, digits, `.`, `_` and `-` kept, anything else `_`.
    static func codeSlug(_ code: String) -> String {
        let kept = code.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        }
        let slug = String(kept)
        return slug.hasPrefix(".") ? "_" + slug : slug
    }

    func unitFolder(_ unit: ArchivalUnit, fondsCode: String) -> String { Self.unitFolder(fondsSlug: fondsSlug(fondsCode), code: unit.code) }

    /// The units above and including the item's own, from the fonds down (empty when it has none).
    func unitPath(of item: CatalogItemSummary) -> [ArchivalUnit] {
        guard let code = itemUnits[item.id], let chart = charts[item.fondsCode] else { return [] }
        return chart.path(to: code)
    }

    /// Published documents whose unit is `code` or any unit below it.
    func documentCount(fondsCode: String, code: String) -> Int {
        guard let chart = charts[fondsCode] else { return 0 }
        let codes = Set(chart.subtree(of: code).map(\.code))
        return items.filter { $0.fondsCode == fondsCode && itemUnits[$0.id].map(codes.contains) == true }.count
    }

    /// The documents placed directly in a unit.
    func documents(fondsCode: String, code: String) -> [CatalogItemSummary] {
        items.filter { $0.fondsCode == fondsCode && itemUnits[$0.id] == code }
    }

    /// Breadcrumbs from the home page through the fonds and the units (each linked, relative to `root`).
    func unitCrumbs(_ path: [ArchivalUnit], fondsCode: String, root: String) -> [(String, String?)] {
        [("Inicio", root + "index.html"), ("Fondo \(fondsTitle(fondsCode))", root + "fondos/\(fondsSlug(fondsCode))/index.html")]
            + path.filter { $0.level != .fondo }.map { ("\($0.level.label) \($0.title)", root + unitFolder($0, fondsCode: fondsCode) + "index.html") }
    }
}
