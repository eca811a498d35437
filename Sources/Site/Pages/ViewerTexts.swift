import Catalog

/// Where the viewer reads a page's text from. A document whose pages' texts are short together
/// carries them inside its page (a JSON script element the viewer reads when it starts): no script
/// file per page beside the `.txt` a visitor downloads, and no request when the visitor turns a
/// page. A longer document keeps one script per page (`t/<n>.js`), loaded only when that page is
/// shown, so its page does not weigh the whole text.
enum ViewerTexts {
    /// The most text, in UTF-8 bytes over all pages, carried inside the item page.
    static let inlineBudget = 32 * 1024

    static func inline(_ pages: [CatalogItem.Page]) -> Bool {
        var total = 0
        for page in pages {
            total += page.text.utf8.count
            if total > inlineBudget { return false }
        }
        return true
    }
}
