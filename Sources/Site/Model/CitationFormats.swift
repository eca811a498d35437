import Catalog
import Foundation
import Metadata

/// The item's citation for reference managers, beside "Cómo citar": RIS (Zotero, Mendeley, EndNote),
/// BibTeX and CSL-JSON. Same facts as `Citation.text`: creators (none for an anonymous one), title,
/// date, fonds, institution, site, identifier, address and day of consultation.
struct CitationFormats {
    var id: String
    var title: String
    var creators: [CreatorKind]
    var date: String?
    var type: String?
    var subjects: [String]
    var description: String?
    var language: String?
    var fondsTitle: String
    var institution: String
    var siteTitle: String
    var url: String
    var accessed: String

    init(summary: CatalogItemSummary, fondsTitle: String, settings: SiteSettings, url: String, accessed: String) {
        let dc = summary.dublinCore
        id = summary.id
        title = summary.title
        creators = dc["creator"].map(CreatorKind.of).filter { !$0.isAnonymous }
        date = dc["date"].first
        type = BrowseValues.type(summary)
        subjects = dc["subject"]
        description = dc["description"].first
        language = dc["language"].first
        self.fondsTitle = fondsTitle
        institution = settings.institutionName
        siteTitle = settings.title
        self.url = url
        self.accessed = accessed
    }

    /// The download's file name, its label and media type, in the order the page offers them.
    static let files = [("cita.ris", "RIS", "application/x-research-info-systems"), ("cita.bib", "BibTeX", "application/x-bibtex"),
                        ("cita.json", "CSL-JSON", "application/vnd.citationstyles.csl+json")]

    /// The three downloads as `data:` URLs inside the item page (no file each in the site), with the
    /// name a browser saves each under.
    var downloads: [(name: String, label: String, href: String)] {
        zip(Self.files, [ris, bibtex, cslJSON]).map { file, text in (file.0, file.1, DataURL.text(text, mediaType: file.2)) }
    }

    /// Year, month and day the date states exactly (nil when it is a decade, an interval or uncertain).
    var exactParts: [Int]? {
        guard let date, let parsed = EDTFDate(date), !parsed.uncertain, !parsed.approximate, !date.contains("/"), !date.contains("X") else { return nil }
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard !parts.isEmpty, parts.count <= 3, parts.count < 2 || (1...12).contains(parts[1]) else { return nil }
        return parts
    }

    private func name(_ creator: CreatorKind) -> String {
        switch creator {
        case .anonymous: return ""
        case .organization(let name): return name
        case .person(let family, let given): return given.map { "\(family), \($0)" } ?? family
        }
    }

    var ris: String {
        let risType = type == "Text" ? "MANSCPT" : (type == "StillImage" || type == "Image" ? "ART" : "GEN")
        func clean(_ text: String) -> String { text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        var lines = ["TY  - \(risType)", "TI  - \(clean(title))"]
        lines += creators.map { "AU  - \(clean(name($0)))" }
        if let parts = exactParts { lines.append("PY  - \(parts[0])") }
        if let date { lines.append("DA  - \(clean(date))") }
        lines += ["AV  - Fondo \(clean(fondsTitle)), \(clean(institution))", "DB  - \(clean(siteTitle))", "AN  - \(clean(id))", "PB  - \(clean(institution))"]
        lines += subjects.map { "KW  - \(clean($0))" }
        if let description { lines.append("AB  - \(clean(description))") }
        if let language { lines.append("LA  - \(clean(language))") }
        if !url.isEmpty { lines += ["UR  - \(clean(url))", "Y2  - \(accessed)"] }
        lines.append("ER  - ")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func bibEscape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "%", "&", "$", "#", "_": out += "\\\(ch)"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    var bibtex: String {
        let key = id.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        var fields: [(String, String)] = [("title", "{\(Self.bibEscape(title))}")]
        if !creators.isEmpty {
            fields.append(("author", creators.map { creator -> String in
                if case .organization(let name) = creator { return "{\(Self.bibEscape(name))}" }
                return Self.bibEscape(name(creator))
            }.joined(separator: " and ")))
        }
        if let parts = exactParts {
            fields.append(("year", String(parts[0])))
            if parts.count > 1 { fields.append(("month", ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"][parts[1] - 1])) }
        } else if let date {
            fields.append(("year", Self.bibEscape(Labels.readableDate(date))))
        }
        fields.append(("howpublished", Self.bibEscape("Fondo \(fondsTitle), \(institution)")))
        fields.append(("note", Self.bibEscape("\(siteTitle), \(id)")))
        if !url.isEmpty { fields += [("url", url.filter { !"{}\\ ".contains($0) }), ("urldate", accessed)] }
        let body = fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n")
        return "@misc{\(key.isEmpty ? "documento" : key),\n\(body)\n}\n"
    }

    var cslJSON: String {
        var item: [String: Any] = [
            "id": id, "type": type == "StillImage" || type == "Image" ? "graphic" : (type == "Text" ? "manuscript" : "document"),
            "title": title, "archive": institution, "archive_location": "Fondo \(fondsTitle)", "call-number": id, "source": siteTitle,
        ]
        if !creators.isEmpty {
            item["author"] = creators.map { creator -> [String: Any] in
                switch creator {
                case .person(let family, let given): return given.map { ["family": family, "given": $0] } ?? ["literal": family]
                case .organization(let name): return ["literal": name]
                case .anonymous: return [:]
                }
            }
        }
        if let parts = exactParts { item["issued"] = ["date-parts": [parts]] } else if let date { item["issued"] = ["literal": Labels.readableDate(date)] }
        if let description { item["abstract"] = description }
        if !subjects.isEmpty { item["keyword"] = subjects.joined(separator: ", ") }
        if let language { item["language"] = language }
        if !url.isEmpty {
            item["URL"] = url
            let day = accessed.split(separator: "-").compactMap { Int($0) }
            if day.count == 3 { item["accessed"] = ["date-parts": [day]] }
        }
        return "[" + ScriptJSON.encode(item) + "]\n"
    }
}
