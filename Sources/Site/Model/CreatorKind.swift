import Foundation
import Catalog

/// Who a creator is, as far as the sheet says: nobody known ("Anónimo", "Fotógrafo no identificado"),
/// an organisation (a name with a word such as Banda, Secretaría, Asociación), or a person (every
/// other name; "Apellido, Nombre" is split in two). Used for JSON-LD and the citation downloads.
enum CreatorKind: Equatable {
    case anonymous
    case organization(name: String)
    case person(family: String, given: String?)

    static let anonymousWords = ["anonimo", "anonima", "desconocido", "desconocida", "no identificado", "no identificada", "sin autor",
                                 "autor no identificado", "s/a", "s. a."]
    static let organizationWords = ["banda", "secretaria", "asociacion", "archivo", "sociedad", "instituto", "gobierno", "orquesta",
                                    "comite", "universidad", "escuela", "museo", "biblioteca", "colegio", "compania", "club", "partido",
                                    "sindicato", "consejo", "ayuntamiento", "municipio", "direccion", "departamento", "taller", "editorial",
                                    "imprenta", "periodico", "revista", "coro", "grupo", "fundacion", "academia", "estado", "s.a."]

    static func of(_ name: String) -> CreatorKind {
        let folded = SearchText.fold(name).trimmingCharacters(in: .whitespacesAndNewlines)
        if folded.isEmpty || anonymousWords.contains(where: { folded == $0 || folded.hasSuffix(" " + $0) }) { return .anonymous }
        let words = Set(SearchText.tokens(folded))
        if organizationWords.contains(where: { words.contains($0) }) { return .organization(name: name) }
        if let comma = name.firstIndex(of: ",") {
            let family = name[..<comma].trimmingCharacters(in: .whitespaces)
            let given = name[name.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            if !family.isEmpty { return .person(family: family, given: given.isEmpty ? nil : given) }
        }
        return .person(family: name, given: nil)
    }

    var isAnonymous: Bool { self == .anonymous }
}
