// Describe stage.
// Consumes: an item's processed masters and texts, its metadata.csv row, the fonds, the archived
// state (if any) and the events of this version. Produces: dc.xml and mets.xml (METS 1.12 with
// OAI-DC, MIX per page, PREMIS objects/events/agents, FULLTEXT files), validated against the official
// schemas (when configured) and the Memoria profile; the item's full event ledger.
// Never writes files; a METS that does not validate is returned as a failure, never archived.
import Foundation
import Imaging
import Metadata
import Preservation

struct DescribedItem: Sendable {
    var dublinCore: DublinCoreRecord
    var dcXML: [UInt8]
    var metsXML: [UInt8]
    var mets: METSItem
    var newEvents: [PremisEvent]
}

struct DescribeStage: IngestStage {
    static let name = StageName.describe
    let validation: XMLValidation
    let algorithm: DigestAlgorithm

    struct Input: Sendable {
        var itemID: String
        var dublinCore: DublinCoreRecord
        var dcXML: [UInt8]
        var fonds: PipelineConfig.Fonds
        var files: [ProcessedFile]
        var prior: PriorObject?
        var version: Int
        var pending: [PendingEvent]
        /// The unit of the fonds' classification chart the item belongs to (its METS logical structMap).
        var unitCode: String? = nil
    }

    func dublinCore(row: DublinCoreRecord, itemID: String, fonds: PipelineConfig.Fonds, files: [ProcessedFile],
                    context: StageContext) -> (DublinCoreRecord, [UInt8]) {
        var mimes: [String] = []
        for file in files where !mimes.contains(file.format.mimeType) { mimes.append(file.format.mimeType) }
        let dc = DublinCoreBuilder.build(row: row, itemID: itemID, fonds: fonds, institution: context.config.institution.name,
                                         masterMimeTypes: mimes)
        return (dc, Array(OAIDublinCore.document(dc).utf8))
    }

    func run(_ input: Input, context: StageContext) throws(StageFailure) -> DescribedItem {
        let (itemID, dc, dcXML, fonds, files, prior, version, pending) =
            (input.itemID, input.dublinCore, input.dcXML, input.fonds, input.files, input.prior, input.version, input.pending)
        let now = context.timestamp()
        // Event identifiers: item, version and position in this version's ledger (deterministic order).
        let ordered = pending.enumerated().sorted { a, b in
            (a.element.objects.first ?? "", a.element.type.rawValue, a.offset) < (b.element.objects.first ?? "", b.element.type.rawValue, b.offset)
        }.map(\.element)
        let newEvents = ordered.enumerated().map { index, event in
            PremisEvent(identifier: "\(itemID)/v\(version)/\(String(format: "%03d", index + 1))", type: event.type, dateTime: event.dateTime,
                        detail: event.detail, outcome: event.outcome, outcomeDetail: event.outcomeDetail,
                        agents: context.eventAgents + event.extraAgents.map { .init(identifier: $0.identifier, role: "executing program") },
                        objects: event.objects)
        }
        var agents = prior?.mets.agents ?? []
        for agent in context.agents + pending.flatMap(\.extraAgents) where !agents.contains(where: { $0.identifier == agent.identifier }) {
            agents.append(agent)
        }

        var metsFiles: [METSItem.File] = []
        var objects: [PremisFileObject] = []
        var pages: [METSItem.Page] = []
        var sequence = 0
        for file in files {
            metsFiles.append(METSItem.File(logicalPath: file.logicalPath, use: .master, mimeType: file.format.mimeType, size: file.size,
                                           checksum: file.digest, checksumType: algorithm.metsName))
            let priorObject = prior?.mets.premisObjects.first { $0.logicalPath == file.logicalPath && $0.digest == file.digest }
            objects.append(PremisFileObject(logicalPath: file.logicalPath, digestAlgorithm: algorithm.metsName, digest: file.digest,
                                            size: file.size, formatName: file.format.name, formatVersion: file.format.version,
                                            pronomID: file.format.pronomID, mimeType: file.format.mimeType,
                                            originalName: priorObject?.originalName ?? file.file.originalName))
            for page in file.pages {
                sequence += 1
                pages.append(METSItem.Page(sequence: sequence, label: "Página \(sequence)", masterPath: file.logicalPath,
                                           indexInFile: page.indexInFile, mix: page.mix))
                for text in page.text?.files ?? [] {
                    metsFiles.append(METSItem.File(logicalPath: text.logicalPath, use: .fulltext, textRole: text.role, mimeType: text.mimeType,
                                                   size: text.size, checksum: text.digest, checksumType: algorithm.metsName,
                                                   pageSequence: sequence))
                    objects.append(PremisFileObject(logicalPath: text.logicalPath, digestAlgorithm: algorithm.metsName, digest: text.digest,
                                                    size: text.size, formatName: text.formatName, pronomID: text.pronomID,
                                                    mimeType: text.mimeType, originalName: text.originalName))
                }
            }
        }
        var mets = METSItem(objectID: itemID, dublinCore: dc, type: dc["type"].first { DublinCoreRecord.dcmiTypes.contains($0) } ?? fonds.defaultType,
                            created: prior?.mets.created ?? now, lastModified: now, version: "v\(version)", fondsCode: fonds.code,
                            fondsTitle: fonds.title, institution: context.config.institution.name,
                            softwareName: "\(StageContext.softwareName) \(StageContext.softwareVersion)", operatorName: context.operatorName,
                            files: metsFiles, pages: pages, premisObjects: objects, events: (prior?.mets.events ?? []) + newEvents,
                            agents: agents)
        mets.unitCode = input.unitCode
        let xml = METSWriter.document(mets)
        let metsProblems = validation.checkMETS(xml)
        guard metsProblems.isEmpty else { throw Self.invalid("mets.xml", itemID: itemID, problems: metsProblems) }
        let dcProblems = validation.checkDC(String(decoding: dcXML, as: UTF8.self))
        guard dcProblems.isEmpty else { throw Self.invalid("dc.xml", itemID: itemID, problems: dcProblems) }
        return DescribedItem(dublinCore: dc, dcXML: dcXML, metsXML: Array(xml.utf8), mets: mets, newEvents: newEvents)
    }

    /// Our own output failed validation: a bug, never the archivist's fault. Nothing is archived; the
    /// files stay in the inbox for the next run.
    static func invalid(_ document: String, itemID: String, problems: [XMLProblem]) -> StageFailure {
        StageFailure(stage: name, reason: .invalidOutput,
                     message: "Error interno: el \(document) que Memoria generó para «\(itemID)» no es válido. El ítem sigue en la bandeja; avise al equipo de sistemas con el informe JSON",
                     detail: problems.prefix(5).map(\.description).joined(separator: "; "))
    }
}
