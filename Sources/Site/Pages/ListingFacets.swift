/// The facets beside a list: a key for the page's fingerprint, and the facets themselves, made only
/// when a page of the list is written (an unchanged page of an incremental publish needs the key only).
struct ListingFacets {
    /// Changes whenever what `make` returns changes.
    let key: String
    let make: () -> [[String: Any]]

    init(key: String, make: @escaping () -> [[String: Any]]) {
        self.key = key
        self.make = make
    }

    /// A list without facets.
    static var none: ListingFacets { ListingFacets(key: "") { [] } }
}
