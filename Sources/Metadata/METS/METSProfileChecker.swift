/// Checks what XML Schema cannot: the rules of the Memoria METS profile (Schemas/memoria-mets-profile.xml).
/// Every FILEID, DMDID and ADMID points at an existing ID; pages are ordered 1...n; every MASTER file
/// appears in the structMap; every file has a checksum; hrefs are relative paths inside the object.
public enum METSProfileChecker {
    public static func check(_ xml: String, name: String = "mets.xml") -> [XMLProblem] {
        let tree: XMLTree
        do {
            tree = try XMLTree(bytes: Array(xml.utf8), name: name)
        } catch let MetadataXMLError.notWellFormed(_, problems) {
            return problems
        } catch {
            return [XMLProblem(line: 0, message: "\(error)")]
        }
        guard let root = tree.root else { return [XMLProblem(line: 0, message: "empty document", spanish: "el documento está vacío")] }
        var problems: [XMLProblem] = []
        var ids: Set<String> = []
        func collect(_ element: XMLElement) {
            if let id = element.attribute("ID") {
                if ids.contains(id) { problems.append(XMLProblem(line: element.line, message: "ID \(id) is used twice", spanish: "el ID «\(id)» está repetido")) }
                ids.insert(id)
            }
            element.children.forEach(collect)
        }
        collect(root)
        func checkReferences(_ element: XMLElement) {
            for attribute in ["FILEID", "DMDID", "ADMID"] {
                for reference in (element.attribute(attribute) ?? "").split(separator: " ") where !ids.contains(String(reference)) {
                    problems.append(XMLProblem(line: element.line, message: "\(attribute) \(reference) points at no element", spanish: "\(attribute) «\(reference)» no apunta a ningún elemento"))
                }
            }
            element.children.forEach(checkReferences)
        }
        checkReferences(root)
        if root.attribute("PROFILE") != METSWriter.profile {
            problems.append(XMLProblem(line: root.line, message: "PROFILE is not \(METSWriter.profile)", spanish: "PROFILE no es \(METSWriter.profile)"))
        }
        let files = root.descendants("file", namespace: METSWriter.metsNS)
        for file in files {
            if (file.attribute("CHECKSUM") ?? "").isEmpty || (file.attribute("CHECKSUMTYPE") ?? "").isEmpty {
                problems.append(XMLProblem(line: file.line, message: "file \(file.attribute("ID") ?? "?") has no CHECKSUM/CHECKSUMTYPE", spanish: "el archivo \(file.attribute("ID") ?? "?") no tiene CHECKSUM/CHECKSUMTYPE"))
            }
            let href = file.child("FLocat")?.attribute("href", namespace: METSWriter.xlinkNS) ?? ""
            if href.isEmpty || href.hasPrefix("/") || href.contains("://") || href.split(separator: "/").contains("..") {
                problems.append(XMLProblem(line: file.line, message: "href \"\(href)\" is not a relative path inside the object", spanish: "href «\(href)» no es una ruta relativa dentro del objeto"))
            }
        }
        let pages = root.descendants("div", namespace: METSWriter.metsNS).filter { $0.attribute("TYPE") == "page" }
        let orders = pages.compactMap { Int($0.attribute("ORDER") ?? "") }
        if orders != Array(1...max(1, pages.count)) && !pages.isEmpty {
            problems.append(XMLProblem(line: pages.first?.line ?? 0, message: "page ORDER values are not 1...\(pages.count) in sequence", spanish: "los valores ORDER de las páginas no van de 1 a \(pages.count) en orden"))
        }
        let referenced = Set(pages.flatMap { $0.children("fptr").compactMap { $0.attribute("FILEID") } })
        for group in root.descendants("fileGrp", namespace: METSWriter.metsNS) where group.attribute("USE") == "MASTER" {
            for file in group.children("file") where !referenced.contains(file.attribute("ID") ?? "") {
                problems.append(XMLProblem(line: file.line, message: "MASTER file \(file.attribute("ID") ?? "?") is on no page", spanish: "el archivo MASTER \(file.attribute("ID") ?? "?") no está en ninguna página"))
            }
        }
        return problems
    }
}
