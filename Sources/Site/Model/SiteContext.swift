import Catalog
import Foundation
import Metadata

/// Everything the page builders share during one publish: the items (summaries), the fonds, the page
/// images, and the site-wide slugs of creators and subjects.
struct SiteContext {
    let settings: SiteSettings
    let fonds: [CatalogFonds]
    let items: [CatalogItemSummary]
    let files: [String: SiteItemFiles]
    let accessed: String
    let creatorSlugs: [String: String]
    let subjectSlugs: [String: String]
    let placeSlugs: [String: String]
    /// Each fonds' classification chart (by fonds code) and the unit of each item that has one.
    var charts: [String: ClassificationChart] = [:]
    var itemUnits: [String: String] = [:]
    /// Each item's "documentos relacionados" (ids), and every published item by id.
    var related: [String: [String]] = [:]
    let byID: [String: CatalogItemSummary]

    init(settings: SiteSettings, fonds: [CatalogFonds], items: [CatalogItemSummary], files: [String: SiteItemFiles], accessed: String) {
        self.settings = settings
        self.fonds = fonds
        self.items = items
        self.files = files
        self.accessed = accessed
        byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var creators = SlugMaker(), subjects = SlugMaker(), places = SlugMaker()
        var creatorSlugs: [String: String] = [:], subjectSlugs: [String: String] = [:]
        for name in Set(items.flatMap { $0.dublinCore["creator"] }).sorted() { creatorSlugs[name] = creators.slug(name) }
        for name in Set(items.flatMap { $0.dublinCore["subject"] }).sorted() { subjectSlugs[name] = subjects.slug(name) }
        self.creatorSlugs = creatorSlugs
        self.subjectSlugs = subjectSlugs
        var placeSlugs: [String: String] = [:]
        for name in Set(items.flatMap(BrowseValues.places)).sorted() { placeSlugs[name] = places.slug(name) }
        self.placeSlugs = placeSlugs
    }

    func fondsTitle(_ code: String) -> String { fonds.first { $0.code == code }?.title ?? code }
    func fondsSlug(_ code: String) -> String { fonds.first { $0.code == code }?.slug ?? code.lowercased() }

    static func itemFolder(_ id: String) -> String { "items/\(id)/" }

    /// Decade label of an item ("1950"), from its start year.
    static func decade(_ item: CatalogItemSummary) -> Int? { item.dateStart.map { $0 / 10 * 10 } }

    /// Card data for lists, with links relative to `root`.
    func card(_ item: CatalogItemSummary, root: String, showFonds: Bool) -> [String: Any] {
        var card: [String: Any] = [
            "href": root + Self.itemFolder(item.id) + "index.html", "title": item.title, "pages": item.pageCount,
            "pagesWord": item.pageCount == 1 ? "página" : "páginas",
        ]
        if let date = item.dublinCore["date"].first { card["date"] = Labels.readableDate(date) }
        if showFonds { card["fonds"] = fondsTitle(item.fondsCode) }
        if let image = files[item.id]?.images.first {
            card["thumb"] = root + Self.itemFolder(item.id) + image.thumbnailSitePath
            card["thumbWidth"] = image.thumbnailWidth
            card["thumbHeight"] = image.thumbnailHeight
        }
        return card
    }
}
