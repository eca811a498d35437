/// The datos/ page: what each column of the CSV dumps and each field of the JSON dump holds, in the
/// order `OpenData` writes them. Its examples come from published items only (an identifier written
/// here must never name a restricted or embargoed one).
enum OpenDataGuide {
    static let columns: [String: String] = [
        "title": "Título.",
        "creator": "Autor o autores: personas u organizaciones.",
        "subject": "Temas.",
        "description": "Descripción del documento.",
        "date": "Fecha en EDTF, tal como se catalogó: 1954, 1954-03-14, 195X (década), 1948/1952 (intervalo), 1955? (dudosa), 1950~ (aproximada).",
        "type": "Tipo DCMI: Text (texto), StillImage (imagen fija)…",
        "format": "Formato del original digital (image/tiff…).",
        "language": "Idioma, en código ISO 639-2 (spa).",
        "rights": "Declaración de derechos o su dirección en RightsStatements.org o Creative Commons.",
        "source": "Fuente u original del que procede.",
        "fonds": "Fondo al que pertenece.",
        "pages": "Número de páginas digitalizadas.",
        "version": "Versión archivada (1 la primera; sube con cada corrección).",
        "updated": "Fecha y hora de la última versión, ISO 8601 en UTC.",
        "url": "Dirección de la página del documento en este sitio.",
    ]

    static let jsonFields: [(String, String, String)] = [
        ("identifier", "texto", "Identificador del documento."),
        ("title", "texto", "Título."),
        ("creator, subject, description, type, format, language, rights, source", "lista de textos", "Los elementos Dublin Core; una lista vacía cuando no hay."),
        ("date", "texto", "Fecha en EDTF, tal como se catalogó (vacía si no tiene)."),
        ("yearStart, yearEnd", "número o null", "Primer y último año que la fecha puede significar (195X: 1950 y 1959)."),
        ("fonds, fondsCode", "texto", "Nombre y código del fondo."),
        ("pages, version", "número", "Páginas digitalizadas y versión archivada."),
        ("updated", "texto (ISO 8601)", "Fecha y hora de la última versión, en UTC."),
        ("url", "texto", "Dirección de la página del documento."),
    ]

    /// The page's data; `exampleID` is a published item's identifier, shown as an example.
    static func data(exampleID: String?) -> [String: Any] {
        var columns = columns
        columns["identifier"] = "Identificador del documento en el archivo" + (exampleID.map { " (\($0))." } ?? ".")
        return ["columns": OpenData.csvColumns.map { ["name": $0, "description": columns[$0] ?? ""] },
         "fields": jsonFields.map { ["name": $0.0, "type": $0.1, "description": $0.2] }]
    }
}
