import Catalog
import Metadata
import Support

/// What the facets of a list count of its items, as a key that does not depend on their order: a
/// value's page (a fonds narrowed to a decade, a creator, a type...) shows the other facets counted
/// over that value's items, and those counts follow only each item's decade, creators, subjects,
/// places and type. Its title, its pages or its place in the list change nothing there, so a
/// corrected title re-renders the pages that show the item's card, not every page of every value
/// it has (a type held by most of a fonds is hundreds of pages).
struct FacetSignature {
    private var sum: UInt64 = 0
    private var mixed: UInt64 = 0
    private var count = 0

    /// The hash of what the facets count of one item.
    static func of(_ item: CatalogItemSummary) -> UInt64 {
        var parts = [SiteContext.decade(item).map(String.init) ?? "", BrowseValues.type(item) ?? ""]
        for (name, values) in [("c", item.dublinCore["creator"]), ("s", item.dublinCore["subject"]), ("l", BrowseValues.places(item))] {
            parts.append(name)
            parts.append(String(values.count))
            parts += values
        }
        return StableHash.fnv1a(parts: parts)
    }

    /// Adds one item (its hash from `of`); the order of additions does not matter.
    mutating func add(_ hash: UInt64) {
        sum &+= hash
        // A second, differently mixed sum (splitmix64's finaliser), so two different sets of items
        // agree on both sums only by chance.
        var z = hash &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed &+= z ^ (z >> 31)
        count += 1
    }

    var key: String { "\(count):\(StableHash.hex16(sum))\(StableHash.hex16(mixed))" }
}
