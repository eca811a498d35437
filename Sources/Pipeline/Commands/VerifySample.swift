import Support

/// Which objects `memoria verify --sample P` audits: P % of them (at least one), a different set every
/// day and the same all day long. Each object's place is the FNV-1a hash of the day followed by its
/// identifier (ties: by identifier); the first ones are taken. Each hash is computed once (continuing
/// the day's), not at every comparison of the sort.
enum VerifySample {
    static func choose(from ids: [String], percent: Double, day: String) -> [String] {
        let count = max(1, Int((Double(ids.count) * percent / 100).rounded(.up)))
        let dayHash = StableHash.fnv1a(day.utf8)
        let placed = ids.map { (place: StableHash.fnv1a($0.utf8, continuing: dayHash), id: $0) }
        return placed.sorted { ($0.place, $0.id) < ($1.place, $1.id) }.prefix(count).map(\.id).sorted()
    }
}
