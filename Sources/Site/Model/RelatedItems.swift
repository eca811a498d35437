import Metadata
import Catalog

/// "Documentos relacionados": for each item, up to `limit` others that share its unit (weight 3), a
/// known creator (2) or a subject (1), best first, then by title. Each shared group contributes only
/// its members nearest to the item in title order, so the work stays linear in the catalogue's size.
struct RelatedItems {
    static let limit = 6
    static let window = 8

    private(set) var related: [String: [String]] = [:]

    init(items: [CatalogItemSummary], itemUnits: [String: String]) {
        var groups: [String: [Int]] = [:]
        var weights: [String: Int] = [:]
        let order = items.indices.sorted { (items[$0].sortTitle, items[$0].id) < (items[$1].sortTitle, items[$1].id) }
        for index in order {
            let item = items[index]
            var keys: [(String, Int)] = []
            if let unit = itemUnits[item.id] { keys.append(("u\u{1}" + unit, 3)) }
            for creator in Set(item.dublinCore["creator"]) where !CreatorKind.of(creator).isAnonymous { keys.append(("c\u{1}" + creator, 2)) }
            for subject in Set(item.dublinCore["subject"]) { keys.append(("s\u{1}" + subject, 1)) }
            for (key, weight) in keys {
                groups[key, default: []].append(index)
                weights[key] = weight
            }
        }
        var scores = [[Int: Int]](repeating: [:], count: items.count)
        for (key, members) in groups where members.count > 1 {
            let weight = weights[key] ?? 1
            for (position, member) in members.enumerated() {
                for other in members[max(0, position - Self.window)..<min(members.count, position + Self.window + 1)] where other != member {
                    scores[member][other, default: 0] += weight
                }
            }
        }
        for (index, candidates) in scores.enumerated() where !candidates.isEmpty {
            let best = candidates.sorted { a, b in
                (-a.value, items[a.key].sortTitle, items[a.key].id) < (-b.value, items[b.key].sortTitle, items[b.key].id)
            }.prefix(Self.limit)
            related[items[index].id] = best.map { items[$0.key].id }
        }
    }
}
