import Foundation

/// Who may see an item on the public site, as decided by a curator and kept in the archive (the
/// object's `metadata/access.json`, one OCFL version per decision, with a PREMIS "policy assignment"
/// event). An item without the file is public. Memoria never deletes a master: a withdrawn item stays
/// archived and catalogued; only the site stops showing it.
public struct AccessDecision: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        /// On the site (the default).
        case open = "publico"
        /// Preserved and catalogued, never published.
        case restricted = "restringido"
        /// Published automatically by the first publish on or after `until`.
        case embargoed = "embargo"
        /// Taken off the site; its address shows a short notice.
        case withdrawn = "retirado"

        /// Spanish, for reports, status and the curator's search.
        public var label: String {
            switch self {
            case .open: return "público"
            case .restricted: return "restringido"
            case .embargoed: return "en embargo"
            case .withdrawn: return "retirado"
            }
        }
    }

    /// Where the decision lives inside the object.
    public static let logicalPath = "metadata/access.json"

    public var state: State
    /// For an embargo: the day (AAAA-MM-DD) from which the item is published.
    public var until: String?
    /// Why, in the curator's words (history, reports, the curator's search; never on the public site:
    /// the withdrawal notice says only that the document was withdrawn, when, and whom to ask).
    public var reason: String?
    /// A withdrawal whose notice must not show the document's title (privacy, rights claims).
    public var hideTitle: Bool
    /// When, ISO 8601 UTC, and by whom (the curator named, or the institution).
    public var decidedAt: String
    public var agent: String

    public init(state: State, until: String? = nil, reason: String? = nil, hideTitle: Bool = false, decidedAt: String, agent: String) {
        self.state = state
        self.until = until
        self.reason = reason
        self.hideTitle = hideTitle
        self.decidedAt = decidedAt
        self.agent = agent
    }

    /// True when the public site shows the item on `day` (AAAA-MM-DD).
    public func isPublished(on day: String) -> Bool {
        switch state {
        case .open: return true
        case .embargoed: return until.map { $0 <= day } ?? false
        case .restricted, .withdrawn: return false
        }
    }

    /// In words: "retirado el 2 de diciembre de 2026", "en embargo hasta 2027-01-01".
    public var summary: String {
        switch state {
        case .embargoed: return "en embargo hasta \(until ?? "?")"
        default: return state.label
        }
    }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    public static func decode(_ bytes: [UInt8]) throws -> AccessDecision {
        try JSONDecoder().decode(AccessDecision.self, from: Data(bytes))
    }

    /// Reads a metadata.csv cell (`memoria.acceso`): publico, restringido, retirado, embargo (with the day
    /// in `memoria.embargo_hasta`, or written as "embargo hasta 2027-01-01"); nil for an empty cell;
    /// a Spanish problem for anything else.
    public struct CellProblem: Error, Sendable {
        /// Spanish: what is wrong with the cell and what to write.
        public var message: String
    }

    public static func state(fromCell cell: String) -> Result<(State, until: String?)?, CellProblem> {
        let text = cell.trimmingCharacters(in: .whitespaces).lowercased().folding(options: .diacriticInsensitive, locale: nil)
        if text.isEmpty { return .success(nil) }
        if text.hasPrefix("embargo") {
            let day = text.split(separator: " ").last.map(String.init).flatMap { isDay($0) ? $0 : nil }
            return .success((.embargoed, day))
        }
        switch text {
        case "publico", "public", "abierto": return .success((.open, nil))
        case "restringido", "restricted", "reservado": return .success((.restricted, nil))
        case "retirado", "withdrawn": return .success((.withdrawn, nil))
        default: return .failure(CellProblem(message: "«\(cell)» no es un estado de acceso; use publico, restringido, retirado o embargo (con la fecha en memoria.embargo_hasta)"))
        }
    }

    /// True for a real day written AAAA-MM-DD.
    public static func isDay(_ text: String) -> Bool {
        guard text.count == 10, let date = EDTFDate(text), date.earliestYear != nil else { return false }
        return text.split(separator: "-").count == 3
    }
}
