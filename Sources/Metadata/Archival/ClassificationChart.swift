import Foundation

/// A fonds' classification chart: its units in the order of cuadro.csv, checked to form one tree under
/// one fonds (every parent exists, no cycle, each level below its parent's). Stored in the archive as
/// `cuadro/cuadro.json` beside the sheet as deposited.
public struct ClassificationChart: Sendable, Codable, Equatable {
    public var units: [ArchivalUnit]

    public init(units: [ArchivalUnit]) { self.units = units }

    public var root: ArchivalUnit? { units.first { $0.parentCode == nil } }

    public func unit(_ code: String) -> ArchivalUnit? { units.first { $0.code == code } }

    /// The units directly below a unit, in chart order.
    public func children(of code: String) -> [ArchivalUnit] { units.filter { $0.parentCode == code } }

    /// The unit and every unit above it, from the fonds down.
    public func path(to code: String) -> [ArchivalUnit] {
        var path: [ArchivalUnit] = []
        var next: String? = code
        while let current = next, let unit = unit(current), !path.contains(where: { $0.code == current }) {
            path.insert(unit, at: 0)
            next = unit.parentCode
        }
        return path
    }

    /// The unit and every unit below it.
    public func subtree(of code: String) -> [ArchivalUnit] {
        guard let unit = unit(code) else { return [] }
        return [unit] + children(of: code).flatMap { subtree(of: $0.code) }
    }

    /// Canonical JSON (sorted keys, no line numbers): the same chart always gives the same bytes.
    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var stored = self
        for index in stored.units.indices { stored.units[index].line = 0 }
        // Encoding plain strings and enums cannot fail.
        return Array((try? encoder.encode(stored)) ?? Data()) + [0x0A]
    }

    public static func decode(_ bytes: [UInt8]) throws -> ClassificationChart {
        try JSONDecoder().decode(ClassificationChart.self, from: Data(bytes))
    }
}
