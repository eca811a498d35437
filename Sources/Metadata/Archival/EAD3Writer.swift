/// An EAD3 1.1.1 finding aid from a classification chart: `<control>` (who, when, conventions), the
/// fonds as `<archdesc level="fonds">`, each unit as a numbered `<c01>`…`<c12>` with its ISAD(G)
/// elements, and each item as `<c level="item">` with a `<dao>` to its page on the site. Items whose
/// unit is not in the chart sit directly under the fonds.
public enum EAD3Writer {
    public static let namespace = "http://ead3.archivists.org/schema/"

    public static func document(_ aid: FindingAid) -> String {
        let w = XMLWriter()
        guard let fonds = aid.chart.root else { return w.finish() }
        let itemsByUnit = Dictionary(grouping: aid.items) { item in
            item.unitCode.flatMap { aid.chart.unit($0)?.code } ?? fonds.code
        }
        w.start("ead")
        w.attribute("xmlns", namespace)
        writeControl(w, fonds: fonds, aid: aid)
        w.start("archdesc")
        w.attribute("level", fonds.level.eadLevel)
        writeDescription(w, unit: fonds, institution: aid.institution)
        let children = aid.chart.children(of: fonds.code)
        let items = itemsByUnit[fonds.code] ?? []
        if !children.isEmpty || !items.isEmpty {
            w.start("dsc")
            for child in children { writeComponent(w, unit: child, depth: 1, chart: aid.chart, itemsByUnit: itemsByUnit) }
            for item in items { writeItem(w, item, depth: 1) }
            w.end()
        }
        w.end()   // archdesc
        w.end()   // ead
        return w.finish()
    }

    private static func writeControl(_ w: XMLWriter, fonds: ArchivalUnit, aid: FindingAid) {
        w.element("control") {
            w.element("recordid", "\(fonds.code)-ead")
            w.element("filedesc") {
                w.element("titlestmt") { w.element("titleproper", "Inventario del fondo \(fonds.title)") }
                if !aid.institution.isEmpty { w.element("publicationstmt") { w.element("publisher", aid.institution) } }
            }
            empty(w, "maintenancestatus", value: "derived")
            w.element("maintenanceagency") { w.element("agencyname", aid.institution.isEmpty ? aid.software : aid.institution) }
            w.element("languagedeclaration") {
                w.element("language", "español", attributes: [("langcode", "spa")])
                w.element("script", "latino", attributes: [("scriptcode", "Latn")])
            }
            w.element("conventiondeclaration") {
                w.element("citation", "ISAD(G): Norma Internacional General de Descripción Archivística, 2.ª edición")
            }
            w.element("maintenancehistory") {
                w.element("maintenanceevent") {
                    empty(w, "eventtype", value: "derived")
                    w.element("eventdatetime", aid.created, attributes: [("standarddatetime", aid.created)])
                    empty(w, "agenttype", value: "machine")
                    w.element("agent", aid.software)
                    w.element("eventdescription", "Generado a partir del cuadro de clasificación archivado y del catálogo")
                }
            }
        }
    }

    private static func writeComponent(_ w: XMLWriter, unit: ArchivalUnit, depth: Int, chart: ClassificationChart,
                                       itemsByUnit: [String: [FindingAid.Item]]) {
        w.start(componentName(depth))
        w.attribute("level", unit.level.eadLevel)
        w.attribute("id", xmlID(unit.code))
        writeDescription(w, unit: unit, institution: nil)
        for child in chart.children(of: unit.code) { writeComponent(w, unit: child, depth: depth + 1, chart: chart, itemsByUnit: itemsByUnit) }
        for item in itemsByUnit[unit.code] ?? [] { writeItem(w, item, depth: depth + 1) }
        w.end()
    }

    private static func writeItem(_ w: XMLWriter, _ item: FindingAid.Item, depth: Int) {
        w.start(componentName(depth))
        w.attribute("level", "item")
        w.element("did") {
            w.element("unitid", item.id)
            w.element("unittitle", item.title)
            if let date = item.date, !date.isEmpty { w.element("unitdate", date) }
            if let url = item.pageURL {
                w.start("dao")
                w.attribute("daotype", "derived")
                w.attribute("href", url)
                w.attribute("linktitle", item.title)
                w.attribute("show", "new")
                w.attribute("actuate", "onrequest")
                w.end()
            }
        }
        w.end()
    }

    /// `<did>` and the ISAD(G) elements of a unit (3.1 identity, 3.2 context, 3.3 content, 3.4 access, 3.6 notes).
    private static func writeDescription(_ w: XMLWriter, unit: ArchivalUnit, institution: String?) {
        w.element("did") {
            if let institution, !institution.isEmpty { w.element("repository") { w.element("corpname") { w.element("part", institution) } } }
            w.element("unitid", unit.code)
            w.element("unittitle", unit.title)
            if let date = unit.dateWritten ?? unit.date { w.element("unitdate", date) }
            if let creator = unit.creator { w.element("origination") { w.element("name") { w.element("part", creator) } } }
            if let extent = unit.extent { w.element("physdesc", extent) }
            if let language = unit.language {
                w.element("langmaterial") {
                    w.element("language", language)
                }
            }
        }
        paragraphs(w, "bioghist", unit.history)
        paragraphs(w, "scopecontent", unit.scopeContent)
        paragraphs(w, "accessrestrict", unit.accessConditions)
        paragraphs(w, "userestrict", unit.reproductionConditions)
        paragraphs(w, "odd", unit.notes)
    }

    /// `<name value="…"/>`
    private static func empty(_ w: XMLWriter, _ name: String, value: String) {
        w.start(name)
        w.attribute("value", value)
        w.end()
    }

    private static func paragraphs(_ w: XMLWriter, _ name: String, _ text: String?) {
        guard let text else { return }
        let parts = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return }
        w.element(name) { for part in parts { w.element("p", part) } }
    }

    static func componentName(_ depth: Int) -> String { depth < 10 ? "c0\(depth)" : "c\(min(depth, 12))" }

    /// An `xs:ID` from a reference code (which may start with a digit or hold other characters).
    static func xmlID(_ code: String) -> String {
        "u-" + String(code.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" ? $0 : "_" })
    }
}

import Foundation
