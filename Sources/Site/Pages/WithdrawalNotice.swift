import Catalog
import Foundation
import Support

/// The short page a withdrawn item's address answers with: that the document was withdrawn, when, and
/// whom to ask; its title only when the withdrawal does not ask to hide it. Nothing else of the item
/// (no image, text, record or reason) is on it, and search engines are asked not to index it.
struct WithdrawalNotice {
    let context: SiteContext
    let renderer: PageRenderer
    let output: SiteOutput

    func write(_ summary: CatalogItemSummary) throws {
        let path = SiteContext.itemFolder(summary.id) + "index.html"
        var data: [String: Any] = ["id": summary.id, "day": day(summary.accessDecidedAt), "institution": context.settings.institutionName]
        if !summary.accessHideTitle { data["title"] = summary.title }
        if !context.settings.contactEmail.isEmpty { data["contactEmail"] = context.settings.contactEmail }
        try output.write(path, renderer.render(.init(path: path, title: "Documento retirado", description: "Documento retirado de \(context.settings.title).",
                                                     template: "withdrawn", data: data, noIndex: true)))
    }

    /// "2 de diciembre de 2026" (the decision's local day), or "una fecha no registrada".
    private func day(_ record: String?) -> String {
        guard let record, let date = Timestamp.parse(record) else { return "una fecha no registrada" }
        return Timestamp.dayInWords(date)
    }
}
