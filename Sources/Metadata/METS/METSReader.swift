import Foundation

/// Reads a METS document back into an `METSItem`: Memoria's own METS completely; METS from other
/// systems (Archivematica, DFG-Viewer, OCR-D, DSpace...) as far as they carry the same information:
/// Dublin Core, files with checksums, a physical structMap, PREMIS events and agents.
public enum METSReader {
    static let metsNS = METSWriter.metsNS

    public static func read(bytes: [UInt8], name: String) throws -> METSItem {
        let tree = try XMLTree(bytes: bytes, name: name)
        guard let top = tree.root else {
            throw MetadataXMLError.invalid(document: name, problems: [XMLProblem(line: 1, message: "the document has no root element", spanish: "el documento no tiene elemento raíz")])
        }
        // A METS document, or one wrapped in an envelope (an OAI-PMH GetRecord response).
        guard let root = top.localName == "mets" ? top : top.descendants("mets", namespace: metsNS).first else {
            throw MetadataXMLError.invalid(document: name, problems: [XMLProblem(
                line: 1, message: "the root element is <\(top.localName)> and no mets:mets is inside it: this is not a METS document",
                spanish: "el elemento raíz es <\(top.localName)> y no contiene mets:mets: no es un documento METS")])
        }
        return read(root)
    }

    static func read(_ root: XMLElement) -> METSItem {
        let header = root.child("metsHdr")
        let agents = header?.children("agent") ?? []
        func agentName(_ role: String, _ type: String) -> String {
            agents.first { $0.attribute("ROLE") == role && $0.attribute("TYPE") == type }?.child("name")?.trimmedText ?? ""
        }
        let altIDs = header?.children("altRecordID") ?? []
        let version = altIDs.first { $0.attribute("TYPE") == "OCFL-VERSION" }?.trimmedText ?? header?.attribute("RECORDSTATUS") ?? ""
        let fondsCode = altIDs.first { $0.attribute("TYPE") == "FONDS" }?.trimmedText ?? ""

        // Dublin Core: the first DC dmdSec (oai_dc:dc or bare dc elements).
        var dc = DublinCoreRecord()
        for dmd in root.children("dmdSec") {
            guard let wrap = dmd.child("mdWrap"), wrap.attribute("MDTYPE") == "DC", let data = wrap.child("xmlData") else { continue }
            // Bare dc:* elements, or a container around them (oai_dc:dc, Archivematica's dcterms:dublincore).
            if data.children.contains(where: { $0.namespace == OAIDublinCore.dcNamespace }) {
                dc = OAIDublinCore.read(data)
            } else if let container = data.children.first {
                dc = OAIDublinCore.read(container)
            }
            break
        }

        // Technical metadata by ID: MIX, and PREMIS fixity for systems that keep checksums there
        // rather than on mets:file (Archivematica).
        var mixByID: [String: MIXRecord] = [:]
        var fixityByID: [String: (algorithm: String, digest: String)] = [:]
        for amd in root.children("amdSec") {
            for tech in amd.children("techMD") {
                // ADMID may name the techMD or its whole amdSec (Archivematica).
                let ids = [tech.attribute("ID"), amd.attribute("ID")].compactMap { $0 }
                if let mix = tech.descendants("mix", namespace: METSWriter.mixNS).first {
                    for id in ids where mixByID[id] == nil { mixByID[id] = readMIX(mix) }
                }
                if let fixity = tech.descendants("fixity", namespace: METSWriter.premisNS).first,
                   let digest = fixity.child("messageDigest")?.trimmedText, !digest.isEmpty {
                    for id in ids where fixityByID[id] == nil {
                        fixityByID[id] = (fixity.child("messageDigestAlgorithm")?.trimmedText ?? "", digest)
                    }
                }
            }
        }

        // Files.
        var files: [METSItem.File] = []
        var pathByFileID: [String: String] = [:]
        var admIDsByPath: [String: [String]] = [:]
        for fileSec in root.children("fileSec") {
            for group in fileSec.descendants("fileGrp") {
                let use = (group.attribute("USE") ?? "").uppercased()
                for file in group.children("file") {
                    guard let id = file.attribute("ID") else { continue }
                    let href = file.child("FLocat")?.attribute("href", namespace: METSWriter.xlinkNS) ?? ""
                    let path = href.removingPercentEncoding ?? href
                    pathByFileID[id] = path
                    let admIDs = (file.attribute("ADMID") ?? "").split(separator: " ").map(String.init)
                    admIDsByPath[path] = admIDs
                    var checksum = file.attribute("CHECKSUM") ?? "", checksumType = file.attribute("CHECKSUMTYPE") ?? ""
                    if checksum.isEmpty, let fixity = admIDs.compactMap({ fixityByID[$0] }).first {
                        (checksumType, checksum) = (fixity.algorithm, fixity.digest)
                    }
                    let kind: METSItem.File.Use = use.contains("TEXT") || use.contains("OCR") || use == "ALTO" ? .fulltext : .master
                    files.append(METSItem.File(
                        logicalPath: path, use: kind, textRole: file.attribute("USE").flatMap(METSItem.File.TextRole.init(rawValue:)),
                        mimeType: file.attribute("MIMETYPE") ?? "", size: Int64(file.attribute("SIZE") ?? "") ?? 0,
                        checksum: checksum, checksumType: checksumType))
                }
            }
        }

        // Pages from the physical structMap.
        var pages: [METSItem.Page] = []
        let physical = root.children("structMap").first { ($0.attribute("TYPE") ?? "").uppercased() == "PHYSICAL" } ?? root.children("structMap").first
        var pageDivs: [XMLElement] = []
        if let physical {
            pageDivs = physical.descendants("div").filter { div in
                let type = (div.attribute("TYPE") ?? "").lowercased()
                return type == "page" || (!div.children("fptr").isEmpty && div.children("div").isEmpty)
            }
        }
        var imagesSeen: [String: Int] = [:]
        for (index, div) in pageDivs.enumerated() {
            let sequence = Int(div.attribute("ORDER") ?? "") ?? index + 1
            let pointers = div.children("fptr").compactMap { $0.attribute("FILEID") ?? $0.child("area")?.attribute("FILEID") }
            let masterPath = pointers.compactMap { pathByFileID[$0] }.first { path in files.contains { $0.logicalPath == path && $0.use == .master } }
                ?? pointers.compactMap { pathByFileID[$0] }.first ?? ""
            for pointer in pointers {
                if let path = pathByFileID[pointer], let i = files.firstIndex(where: { $0.logicalPath == path && $0.use == .fulltext }) {
                    files[i].pageSequence = sequence
                }
            }
            let indexInFile = imagesSeen[masterPath, default: 0]
            imagesSeen[masterPath] = indexInFile + 1
            // MIX is linked from the page (Memoria) or from the image file (DPRES, Archivematica).
            let mixIDs = (div.attribute("ADMID") ?? "").split(separator: " ").map(String.init) + admIDsByPath[masterPath, default: []]
            let mix = mixIDs.compactMap { mixByID[$0] }.first
                ?? MIXRecord(width: 0, height: 0, byteOrder: nil, compression: "", colorSpace: "", iccProfileName: nil,
                             iccProfileVersion: nil, dateTimeCreated: nil, scannerManufacturer: nil, scannerModel: nil,
                             software: nil, orientation: 1, samplingFrequencyUnit: nil, xSamplingFrequency: nil,
                             ySamplingFrequency: nil, bitsPerSample: [], samplesPerPixel: 0)
            pages.append(METSItem.Page(sequence: sequence, label: div.attribute("LABEL") ?? div.attribute("ORDERLABEL") ?? "\(sequence)",
                                       masterPath: masterPath, indexInFile: indexInFile, mix: mix))
        }

        let premis = root.descendants("premis", namespace: METSWriter.premisNS)
        let premisRoots = premis.isEmpty ? [root] : premis
        var objects: [PremisFileObject] = []
        var events: [PremisEvent] = []
        var premisAgents: [PremisAgent] = []
        for container in premisRoots {
            for object in container.descendants("object", namespace: METSWriter.premisNS) {
                guard (object.attribute("type", namespace: OAIDublinCore.xsiNamespace) ?? "").hasSuffix("file") else { continue }
                objects.append(readObject(object))
            }
            events += container.descendants("event", namespace: METSWriter.premisNS).map(readEvent)
            premisAgents += container.descendants("agent", namespace: METSWriter.premisNS).map(readAgent)
        }

        let logical = root.children("structMap").first { ($0.attribute("TYPE") ?? "").uppercased() == "LOGICAL" }
        let unitCode = logical?.descendants("div").first { $0.attribute("TYPE") == "unidad" }?.attribute("ORDERLABEL")
        var item = METSItem(objectID: root.attribute("OBJID") ?? dc.identifier, dublinCore: dc,
                        type: root.attribute("TYPE") ?? dc["type"].first ?? "",
                        created: header?.attribute("CREATEDATE") ?? "", lastModified: header?.attribute("LASTMODDATE") ?? "",
                        version: version, fondsCode: fondsCode, fondsTitle: "",
                        institution: agentName("CUSTODIAN", "ORGANIZATION"),
                        softwareName: agents.first { $0.attribute("OTHERTYPE") == "SOFTWARE" }?.child("name")?.trimmedText ?? "",
                        operatorName: agentName("CREATOR", "INDIVIDUAL"),
                        files: files, pages: pages, premisObjects: objects, events: events, agents: premisAgents)
        item.unitCode = unitCode.flatMap { $0.isEmpty ? nil : $0 }
        return item
    }

    static func readMIX(_ mix: XMLElement) -> MIXRecord {
        func text(_ name: String) -> String? { mix.descendants(name).first?.trimmedText }
        func rational(_ name: String) -> Double? {
            guard let element = mix.descendants(name).first,
                  let n = Double(element.child("numerator")?.trimmedText ?? "") else { return nil }
            let d = Double(element.child("denominator")?.trimmedText ?? "1") ?? 1
            return d == 0 ? nil : n / d
        }
        let orientationName = text("orientation") ?? "normal*"
        return MIXRecord(
            width: Int(text("imageWidth") ?? "") ?? 0, height: Int(text("imageHeight") ?? "") ?? 0,
            byteOrder: text("byteOrder"), compression: text("compressionScheme") ?? "", colorSpace: text("colorSpace") ?? "",
            iccProfileName: text("iccProfileName"), iccProfileVersion: text("iccProfileVersion"),
            dateTimeCreated: text("dateTimeCreated"), scannerManufacturer: text("scannerManufacturer"),
            scannerModel: text("scannerModelName"), software: text("scanningSoftwareName"),
            orientation: MIXRecord.orientationNames.first { $0.value == orientationName }?.key ?? 1,
            samplingFrequencyUnit: text("samplingFrequencyUnit"), xSamplingFrequency: rational("xSamplingFrequency"),
            ySamplingFrequency: rational("ySamplingFrequency"),
            bitsPerSample: mix.descendants("bitsPerSampleValue").compactMap { Int($0.trimmedText) },
            samplesPerPixel: Int(text("samplesPerPixel") ?? "") ?? 0)
    }

    static func readObject(_ object: XMLElement) -> PremisFileObject {
        func text(_ name: String) -> String? { object.descendants(name).first?.trimmedText }
        return PremisFileObject(
            logicalPath: text("objectIdentifierValue") ?? "", digestAlgorithm: text("messageDigestAlgorithm") ?? "",
            digest: text("messageDigest") ?? "", size: Int64(text("size") ?? "") ?? 0, formatName: text("formatName") ?? "",
            formatVersion: text("formatVersion"), pronomID: text("formatRegistryKey"), mimeType: text("formatNote") ?? "",
            originalName: text("originalName"))
    }

    static func readEvent(_ event: XMLElement) -> PremisEvent {
        func text(_ name: String) -> String? { event.descendants(name).first?.trimmedText }
        let typeText = text("eventType") ?? ""
        let type = PremisEventType(rawValue: typeText.lowercased()) ?? PremisEventType.allCases.first { typeText.lowercased().contains($0.rawValue) } ?? .validation
        let outcome = PremisOutcome(rawValue: (text("eventOutcome") ?? "").lowercased()) ?? .success
        let agents = event.children("linkingAgentIdentifier").map { link in
            PremisEvent.LinkedAgent(identifier: link.child("linkingAgentIdentifierValue")?.trimmedText ?? "",
                                    role: link.child("linkingAgentRole")?.trimmedText ?? "")
        }
        let objects = event.children("linkingObjectIdentifier").compactMap { $0.child("linkingObjectIdentifierValue")?.trimmedText }
        return PremisEvent(identifier: text("eventIdentifierValue") ?? "", type: type, dateTime: text("eventDateTime") ?? "",
                           detail: text("eventDetail") ?? "", outcome: outcome, outcomeDetail: text("eventOutcomeDetailNote") ?? "",
                           agents: agents, objects: objects)
    }

    static func readAgent(_ agent: XMLElement) -> PremisAgent {
        func text(_ name: String) -> String? { agent.descendants(name).first?.trimmedText }
        return PremisAgent(identifier: text("agentIdentifierValue") ?? "", name: text("agentName") ?? "",
                           kind: PremisAgent.Kind(rawValue: (text("agentType") ?? "").lowercased()) ?? .organization,
                           version: text("agentVersion"))
    }
}
