import Foundation

/// A rights statement machines can read: a RightsStatements.org statement or a Creative Commons
/// license or public-domain tool, recognised from the URI written in `dc.rights` (http or https, with
/// or without the final slash), with its standard name in Spanish. Anything else in `dc.rights` is a
/// statement in words and stays as it is.
public struct RightsStatement: Sendable, Equatable {
    /// The canonical URI (as the vocabulary publishes it).
    public var uri: String
    /// Its name in Spanish, for the site ("En copyright – uso educativo permitido").
    public var label: String

    public init(uri: String, label: String) {
        self.uri = uri
        self.label = label
    }

    /// RightsStatements.org 1.0 (the twelve statements), by code.
    static let rightsStatements: [String: String] = [
        "InC": "En copyright",
        "InC-OW-EU": "En copyright – obra huérfana de la UE",
        "InC-EDU": "En copyright – uso educativo permitido",
        "InC-NC": "En copyright – uso no comercial permitido",
        "InC-RUU": "En copyright – titular de derechos no identificable",
        "NoC-CR": "Sin copyright – uso sujeto a contrato",
        "NoC-NC": "Sin copyright – solo uso no comercial",
        "NoC-OKLR": "Sin copyright – otras restricciones legales conocidas",
        "NoC-US": "Sin copyright en los Estados Unidos",
        "CNE": "Copyright no evaluado",
        "UND": "Copyright indeterminado",
        "NKC": "Sin copyright conocido",
    ]

    /// Creative Commons license elements, in the order of their names.
    static let ccLicenses: [String: String] = [
        "by": "Atribución", "by-sa": "Atribución-CompartirIgual", "by-nd": "Atribución-SinDerivadas",
        "by-nc": "Atribución-NoComercial", "by-nc-sa": "Atribución-NoComercial-CompartirIgual",
        "by-nc-nd": "Atribución-NoComercial-SinDerivadas",
    ]

    /// The statement a `dc.rights` value names, or nil when it is words, not a known URI.
    public static func recognise(_ value: String) -> RightsStatement? {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URL(string: text), let host = url.host?.lowercased(), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else { return nil }
        let parts = url.path.split(separator: "/").map(String.init)
        switch host {
        case "rightsstatements.org", "www.rightsstatements.org":
            // /vocab/InC/1.0/ (also /page/InC/1.0/, the human page of the same statement).
            guard parts.count == 3, ["vocab", "page"].contains(parts[0]), parts[2] == "1.0",
                  let code = rightsStatements.keys.first(where: { $0.lowercased() == parts[1].lowercased() }), let label = rightsStatements[code] else { return nil }
            return RightsStatement(uri: "http://rightsstatements.org/vocab/\(code)/1.0/", label: label)
        case "creativecommons.org", "www.creativecommons.org":
            if parts.count >= 3, parts[0] == "licenses", let name = ccLicenses[parts[1].lowercased()], isVersion(parts[2]) {
                let international = parts.count == 3 && parts[2] == "4.0" ? " Internacional" : (parts.count > 3 ? " (\(parts[3].uppercased()))" : "")
                let path = parts.prefix(4).map { $0.lowercased() }.joined(separator: "/")
                return RightsStatement(uri: "https://creativecommons.org/\(path)/", label: "Creative Commons \(name) \(parts[2])\(international)")
            }
            if parts == ["publicdomain", "zero", "1.0"] {
                return RightsStatement(uri: "https://creativecommons.org/publicdomain/zero/1.0/", label: "CC0 1.0 Universal – dedicación al dominio público")
            }
            if parts == ["publicdomain", "mark", "1.0"] {
                return RightsStatement(uri: "https://creativecommons.org/publicdomain/mark/1.0/", label: "Marca de dominio público 1.0")
            }
            return nil
        default:
            return nil
        }
    }

    private static func isVersion(_ text: String) -> Bool { ["1.0", "2.0", "2.5", "3.0", "4.0"].contains(text) }
}
