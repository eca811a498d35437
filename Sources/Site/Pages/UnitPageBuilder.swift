import Catalog
import Foundation
import Metadata
import Mustache

/// The classification charts on the site: the tree of a fonds (nested lists, works without JavaScript)
/// with each unit's documents counted and its dates, a page per unit with its ISAD(G) description, the
/// units below it and its documents, breadcrumbs fonds → section → series → file, and the fonds' EAD3
/// finding aid beside its units. A unit page is written again only when what it shows changed.
struct UnitPageBuilder {
    let context: SiteContext
    let renderer: PageRenderer
    let output: SiteOutput
    let previousFingerprints: [String: String]
    let itemFingerprints: [String: String]
    private(set) var paths: Set<String> = []
    private(set) var fingerprints: [String: String] = [:]

    init(context: SiteContext, renderer: PageRenderer, output: SiteOutput, previousFingerprints: [String: String], itemFingerprints: [String: String]) {
        self.context = context
        self.renderer = renderer
        self.output = output
        self.previousFingerprints = previousFingerprints
        self.itemFingerprints = itemFingerprints
    }

    /// The tree of the units below `parent`, as template data, links relative to `root`.
    func nodes(fondsCode: String, below parent: String, root: String, current: String? = nil) -> [[String: Any]] {
        guard let chart = context.charts[fondsCode] else { return [] }
        return chart.children(of: parent).map { unit in
            let children = nodes(fondsCode: fondsCode, below: unit.code, root: root, current: current)
            let count = context.documentCount(fondsCode: fondsCode, code: unit.code)
            var node: [String: Any] = ["href": root + context.unitFolder(unit, fondsCode: fondsCode) + "index.html", "level": unit.level.label,
                                       "title": unit.title, "code": unit.code, "count": count, "countWord": count == 1 ? "documento" : "documentos",
                                       "nodes": children, "hasChildren": !children.isEmpty, "current": unit.code == current]
            if let date = unit.date { node["dates"] = Labels.readableDate(date) }
            return node
        }
    }

    /// What the fonds page adds: its tree and the link to its finding aid (empty without a chart).
    func fondsPageData(fondsCode: String, root: String) -> [String: Any] {
        guard let chart = context.charts[fondsCode], let fonds = chart.root else { return [:] }
        let tree = nodes(fondsCode: fondsCode, below: fonds.code, root: root)
        guard !tree.isEmpty else { return [:] }
        return ["hasTree": true, "nodes": tree, "eadHref": root + "cuadro/\(context.fondsSlug(fondsCode))/inventario-ead3.xml"]
    }

    /// A key that changes when anything the fonds page's tree shows changes.
    func treeKey(fondsCode: String, below code: String? = nil) -> String {
        guard let chart = context.charts[fondsCode] else { return "" }
        let units = code.map { chart.subtree(of: $0) } ?? chart.units
        return Fingerprint.of(units.map { "\($0.code)|\($0.title)|\($0.level.rawValue)|\($0.date ?? "")|\(context.documentCount(fondsCode: fondsCode, code: $0.code))" })
    }

    mutating func buildAll() throws {
        for (code, chart) in context.charts.sorted(by: { $0.key < $1.key }) {
            guard context.fonds.contains(where: { $0.code == code }) else { continue }
            for unit in chart.units where unit.level != .fondo { try page(unit, chart: chart, fondsCode: code) }
            try findingAid(chart, fondsCode: code)
        }
    }

    private mutating func page(_ unit: ArchivalUnit, chart: ClassificationChart, fondsCode: String) throws {
        let path = context.unitFolder(unit, fondsCode: fondsCode) + "index.html"
        let root = PageRenderer.root(for: path)
        let documents = context.documents(fondsCode: fondsCode, code: unit.code)
        let below = context.documentCount(fondsCode: fondsCode, code: unit.code)
        let trail = chart.path(to: unit.code)
        let tree = nodes(fondsCode: fondsCode, below: unit.code, root: root)
        var parts: [String] = [renderer.fingerprint, path, context.fondsTitle(fondsCode), String(below), treeKey(fondsCode: fondsCode, below: unit.code)]
        for above in trail { parts.append("\(above.code)|\(above.title)|\(above.level.rawValue)") }
        for field in unit.fields { parts.append("\(field.column)=\(field.value ?? "")") }
        for document in documents { parts.append(document.id + ":" + (itemFingerprints[document.id] ?? "")) }
        let inputs = Fingerprint.of(parts)
        fingerprints[path] = inputs
        paths.insert(path)
        if previousFingerprints[path] == inputs, FileManager.default.fileExists(atPath: output.path(path)) { return }
        var cards = ListingBuilder(context: context, renderer: renderer, output: output)
        let fields = Self.isadFields(unit).map { ["label": $0.0, "value": $0.1] }
        let data: [String: Any] = [
            "level": unit.level.label, "code": unit.code, "title": unit.title, "fields": fields,
            "hasTree": !tree.isEmpty, "nodes": tree,
            "items": documents.map { ["html": cards.cardHTML($0, root: root, showFonds: false)] },
            "total": documents.count, "totalWord": documents.count == 1 ? "documento" : "documentos",
            "below": below > documents.count ? "\(below)" : "",
        ]
        var crumbs = context.unitCrumbs(trail, fondsCode: fondsCode, root: root)
        crumbs[crumbs.count - 1].1 = nil
        let description = unit.scopeContent ?? "\(unit.level.label) «\(unit.title)» del fondo \(context.fondsTitle(fondsCode)), \(context.settings.title)."
        try output.write(path, renderer.render(.init(path: path, title: "\(unit.level.label) \(unit.title)", description: String(description.prefix(300)),
                                                     template: "unit", data: data, breadcrumbs: crumbs)))
    }

    /// The ISAD(G) elements a unit fills, with their Spanish names.
    static func isadFields(_ unit: ArchivalUnit) -> [(String, String)] {
        [("Código de referencia", unit.code), ("Nivel de descripción", unit.level.label),
         ("Fechas", unit.date.map(Labels.readableDate)), ("Volumen y soporte", unit.extent), ("Productor", unit.creator),
         ("Historia institucional / reseña biográfica", unit.history), ("Alcance y contenido", unit.scopeContent),
         ("Condiciones de acceso", unit.accessConditions), ("Condiciones de reproducción", unit.reproductionConditions),
         ("Lengua", unit.language), ("Notas", unit.notes)].compactMap { label, value in value.map { (label, $0) } }
    }

    /// The fonds' EAD3 finding aid, beside its unit pages (dao links to the published items).
    private mutating func findingAid(_ chart: ClassificationChart, fondsCode: String) throws {
        let path = "cuadro/\(context.fondsSlug(fondsCode))/inventario-ead3.xml"
        let base = context.settings.baseURL.isEmpty || context.settings.baseURL.hasSuffix("/") ? context.settings.baseURL : context.settings.baseURL + "/"
        let items = context.items.filter { $0.fondsCode == fondsCode }.map { summary in
            FindingAid.Item(id: summary.id, title: summary.title, date: summary.dublinCore["date"].first, unitCode: context.itemUnits[summary.id],
                            pageURL: (base.isEmpty ? "../../" : base) + SiteContext.itemFolder(summary.id))
        }
        // The document records when it was made: the publish's access date, so an unchanged site writes the same bytes.
        let aid = FindingAid(chart: chart, items: items, institution: context.settings.institutionName, created: context.accessed,
                             software: context.settings.title)
        try output.write(path, EAD3Writer.document(aid))
        paths.insert(path)
    }
}
