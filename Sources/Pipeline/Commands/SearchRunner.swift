import Catalog
import Foundation
import Support

/// `memoria search`: the catalog's ranked full-text search, for the curator's terminal or a script.
public struct SearchRunner {
    /// One result as the CLI shows it.
    public struct Hit: Codable, Sendable {
        public var itemID: String
        public var title: String
        public var fondsCode: String
        public var date: String
        public var page: Int
        /// Where the words were found, in Spanish ("el título", "el texto de la página").
        public var matchedIn: String
        public var snippet: String
        public var segments: [Segment]
        public var score: Double
        /// Not on the public site: "retirado", "restringido", "en embargo hasta 2027-01-01", "falta en el
        /// archivo" (nil: public). The curator sees every item; the site only the public ones.
        public var notPublic: String?
    }

    /// A piece of a snippet: a match or the text around it.
    public struct Segment: Codable, Sendable {
        public var text: String
        public var isMatch: Bool
    }

    public struct Report: Codable, Sendable {
        public var query: String
        public var notes: [String]
        public var hits: [Hit]
        public var matchingPages: Int
        public var countIsLowerBound: Bool
        /// Nothing matched and a word is not in the index: the query with that word replaced.
        public var suggestion: String?

        /// The closing line, in Spanish.
        public var summaryLine: String {
            guard !hits.isEmpty else { return "Sin resultados." + (suggestion.map { " ¿Quiso decir «\($0)»?" } ?? "") }
            return "\(SpanishText.count(hits.count, "ítem mostrado", "ítems mostrados")); \(countIsLowerBound ? "más de " : "")\(SpanishText.count(matchingPages, "página coincide", "páginas coinciden"))."
        }
    }

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    public func run(_ words: [String], fonds: [String], from: Int?, to: Int?, types: [String], limit: Int) throws -> Report {
        let codes = try context.fondsCodes(fonds)
        if let from, let to, from > to {
            throw PipelineError.usage("--from \(from) es posterior a --to \(to): los años están al revés (por ejemplo --from \(to) --to \(from))")
        }
        let catalog = try context.openCatalog()
        let results: SearchResults
        do {
            results = try catalog.search(words.joined(separator: " "), filters: SearchFilters(fondsCodes: codes, fromYear: from, toYear: to, types: types),
                                         limit: max(1, limit))
        } catch {
            throw PipelineError.environment("No se pudo buscar en el catálogo: \(SystemErrorText.describe(error).spanish). Ejecute memoria reindex", detail: "\(error)")
        }
        let access: [String: CatalogAccess]
        do { access = try catalog.access(of: results.hits.map(\.itemID)) } catch {
            throw PipelineError.environment("No se pudo leer el acceso de los ítems en el catálogo: \(SystemErrorText.describe(error).spanish). Ejecute memoria reindex", detail: "\(error)")
        }
        let today = context.today
        let hits = results.hits.map { hit in
            Hit(itemID: hit.itemID, title: hit.title, fondsCode: hit.fondsCode, date: hit.date, page: hit.page,
                matchedIn: Self.fieldNames[hit.matchedIn] ?? hit.matchedIn, snippet: hit.snippet,
                segments: hit.segments.map { Segment(text: $0.text, isMatch: $0.isMatch) }, score: hit.score,
                notPublic: access[hit.itemID].flatMap { $0.notPublicLabel(on: today) })
        }
        return Report(query: results.query, notes: results.notes, hits: hits, matchingPages: results.matchingPages,
                      countIsLowerBound: results.countIsLowerBound, suggestion: results.suggestion)
    }

    static let fieldNames = ["title": "el título", "creator": "el autor", "subject": "los temas", "description": "la descripción",
                             "fonds": "el fondo", "date": "la fecha", "text": "el texto de la página",
                             "identifier": "el identificador"]
}
