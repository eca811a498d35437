/// The levels of description of a classification chart (cuadro general de clasificación archivística,
/// Ley General de Archivos), in order from the whole fonds down, with their ISAD(G) / EAD3 names.
public enum ArchivalLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case fondo, seccion, serie, subserie, expediente

    /// Depth in the hierarchy: a unit's parent has a lower rank.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// EAD3 `@level` (ISAD(G) 3.1.4): sección is the Mexican name of a subfonds.
    public var eadLevel: String {
        switch self {
        case .fondo: return "fonds"
        case .seccion: return "subfonds"
        case .serie: return "series"
        case .subserie: return "subseries"
        case .expediente: return "file"
        }
    }

    /// Spanish, for people: «Sección», «Serie».
    public var label: String {
        switch self {
        case .fondo: return "Fondo"
        case .seccion: return "Sección"
        case .serie: return "Serie"
        case .subserie: return "Subserie"
        case .expediente: return "Expediente"
        }
    }

    /// The level an archivist wrote (any case, with or without accents: «Sección», «SERIE»).
    public init?(written: String) {
        let folded = written.trimmingCharacters(in: .whitespaces).lowercased()
            .folding(options: [.diacriticInsensitive], locale: nil)
        self.init(rawValue: folded)
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

import Foundation
