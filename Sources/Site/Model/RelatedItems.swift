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
        var knownAnonymous: [String: Bool] = [:]
        let order = items.indices.sorted { (items[$0].sortTitle, items[$0].id) < (items[$1].sortTitle, items[$1].id) }
        for index in order {
            let item = items[index]
            var keys: [(String, Int)] = []
            if let unit = itemUnits[item.id] { keys.append(("u\u{1}" + unit, 3)) }
            for creator in Set(item.dublinCore["creator"]) {
                // Whether a name is anonymous is decided once per distinct name, not once per item.
                let anonymous = knownAnonymous[creator] ?? CreatorKind.of(creator).isAnonymous
                knownAnonymous[creator] = anonymous
                if !anonymous { keys.append(("c\u{1}" + creator, 2)) }
            }
            for subject in Set(item.dublinCore["subject"]) { keys.append(("s\u{1}" + subject, 1)) }
            for (key, weight) in keys {
                groups[key, default: []].append(index)
                weights[key] = weight
            }
        }
        // Candidates are ranked by shared weight, then by title order: the title's rank (an integer,
        // computed once by the sort above) instead of comparing the titles' strings for every candidate.
        var rank = [Int](repeating: 0, count: items.count)
        for (position, index) in order.enumerated() { rank[index] = position }
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
            let best = candidates.sorted { a, b in (-a.value, rank[a.key]) < (-b.value, rank[b.key]) }.prefix(Self.limit)
            related[items[index].id] = best.map { items[$0.key].id }
        }
    }
}
