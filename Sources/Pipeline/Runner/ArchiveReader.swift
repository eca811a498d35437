import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// Reads archived items back from the OCFL storage root: the head inventory (checked against its
/// sidecar), the METS and dc.xml, and each page's text. The archive is the truth; the catalog is
/// rebuilt from what this returns.
struct ArchiveReader {
    let storage: OCFLStorageRoot
    /// OCR words read with less confidence (0...1) are left out of the page text (pipeline.yaml,
    /// text.ocr_min_word_confidence), as at ingest.
    let ocrWordConfidenceFloor: Double

    enum Failure: Error, PersonFacingError, SystemCallFailure, CustomStringConvertible {
        case unreadable(objectID: String, reason: String)
        /// The disk (or the permissions) failed while reading the object, not the object itself.
        case disk(objectID: String, what: String, errno: Int32, detail: String)
        var whatHappened: String {
            switch self {
            case .unreadable(let id, _): return "no se pudo leer el objeto archivado «\(id)»"
            case .disk(let id, let what, _, _): return "no se pudo leer el objeto archivado «\(id)» (\(what))"
            }
        }
        var whatToDo: String {
            switch self {
            case .unreadable: return "Ejecute memoria verify --item con su identificador; si hay daño, restáurelo desde la copia de seguridad"
            case .disk(_, _, let code, _): return SystemErrorText.advice(errno: code)
            }
        }
        var technicalDetail: String? {
            switch self {
            case .unreadable(_, let reason): return reason
            case .disk(_, _, _, let detail): return detail
            }
        }
        var systemErrno: Int32? {
            if case .disk(_, _, let code, _) = self { return code }
            return nil
        }
        var description: String { messageForPeople }

        /// A failure of the disk keeps its errno; anything else says the object is unreadable.
        static func of(_ error: Error, objectID: String) -> Failure {
            if let failure = error as? Failure { return failure }
            if let code = SystemErrorText.errno(of: error), code != ENOENT {
                return .disk(objectID: objectID, what: SystemErrorText.describe(error).spanish, errno: code, detail: "\(error)")
            }
            return .unreadable(objectID: objectID, reason: "\(error)")
        }
    }

    /// The object's head, or an earlier `version` ("v2") read as if it were the head (for a restore:
    /// its pages, texts and description; the inventory is the head's, never written back).
    func prior(_ id: String, version: String? = nil) throws -> PriorObject? {
        guard storage.objectExists(id) else { return nil }
        do {
            var inventory = try storage.inventory(of: id)
            if let version {
                guard inventory.versions[version] != nil else { throw Failure.unreadable(objectID: id, reason: "no version \(version)") }
                inventory.head = version
            }
            let root = try storage.objectRoot(id)
            guard let metsPath = inventory.contentPath(forLogicalPath: "metadata/mets.xml"),
                  let metsData = try FileSystem.contentsIfPresent(root.appendingPathComponent(metsPath)) else {
                throw Failure.unreadable(objectID: id, reason: "metadata/mets.xml is missing")
            }
            let dcBytes = try inventory.contentPath(forLogicalPath: "metadata/dc.xml")
                .flatMap { try FileSystem.contentsIfPresent(root.appendingPathComponent($0)) }.map { [UInt8]($0) } ?? []
            let mets = try METSReader.read(bytes: [UInt8](metsData), name: "\(id)/metadata/mets.xml")
            return PriorObject(inventory: inventory, mets: mets, dcBytes: dcBytes, objectRoot: root)
        } catch {
            throw Failure.of(error, objectID: id)
        }
    }

    /// The text of each page (by sequence) as the catalog indexes it: transcription, ALTO, hOCR, then OCR.
    static func pageTexts(_ prior: PriorObject, ocrWordConfidenceFloor: Double) -> [Int: (source: String?, path: String?, text: String)] {
        var result: [Int: (source: String?, path: String?, text: String)] = [:]
        let ranks: [METSItem.File.TextRole: Int] = [.transcription: 0, .alto: 1, .hocr: 2, .ocrALTO: 3, .ocrText: 4]
        for page in prior.mets.pages {
            let files = prior.textFiles(forPage: page.sequence).sorted { (ranks[$0.textRole ?? .ocrALTO] ?? 9) < (ranks[$1.textRole ?? .ocrALTO] ?? 9) }
            for file in files {
                guard let url = prior.url(of: file.logicalPath), let data = FileManager.default.contents(atPath: url.path) else { continue }
                let bytes = [UInt8](data)
                let text: String?
                let source: String
                switch file.textRole ?? .transcription {
                case .transcription: text = try? TextSidecarReader.plain(bytes, file: file.logicalPath).0.text; source = "transcription"
                case .alto: text = try? TextSidecarReader.alto(bytes, file: file.logicalPath).text; source = "alto"
                case .hocr: text = try? TextSidecarReader.hocr(bytes, file: file.logicalPath).text; source = "hocr"
                case .ocrText: text = try? TextSidecarReader.plain(bytes, file: file.logicalPath).0.text; source = "ocr"
                case .ocrALTO:
                    text = try? TextSidecarReader.alto(bytes, file: file.logicalPath, minimumWordConfidence: ocrWordConfidenceFloor).text
                    source = "ocr"
                }
                if let text {
                    result[page.sequence] = (source, file.logicalPath, text)
                    break
                }
            }
        }
        return result
    }

    /// The catalog record of an archived object: its head version, its access decision and every event
    /// (those of its versions, from the METS, and those of its logs/).
    func catalogItem(_ id: String, batchID: Int64? = nil) throws -> CatalogItem? {
        guard let prior = try prior(id) else { return nil }
        var item = IndexStage.catalogItem(itemID: id, fondsCode: prior.mets.fondsCode, mets: prior.mets, inventory: prior.inventory,
                                          batchID: batchID, pageTexts: Self.pageTexts(prior, ocrWordConfidenceFloor: ocrWordConfidenceFloor))
        item.access = try Self.access(of: prior)
        do { item.events += try Self.loggedEvents(storage: storage, objectID: id) } catch { throw Failure.of(error, objectID: id) }
        return item
    }

    /// The events of an object's logs/ (fixity checks, quarantine), in file order.
    static func loggedEvents(storage: OCFLStorageRoot, objectID: String) throws -> [PremisEvent] {
        try ObjectLogs(storage: storage).read(objectID: objectID).flatMap { file in
            do {
                return try JSONDecoder().decode(ArchiveEventLog.Record.self, from: Data(file.bytes)).events
            } catch {
                throw Failure.unreadable(objectID: objectID, reason: "logs/\(file.name): \(error)")
            }
        }
    }

    /// The object's access decision (nil: public).
    static func access(of prior: PriorObject) throws -> AccessDecision? {
        guard let url = prior.url(of: AccessDecision.logicalPath) else { return nil }
        let read: Data?
        do { read = try FileSystem.contentsIfPresent(url) } catch { throw Failure.of(error, objectID: prior.inventory.id) }
        guard let data = read else {
            throw Failure.unreadable(objectID: prior.inventory.id, reason: "\(AccessDecision.logicalPath) is listed but unreadable")
        }
        do { return try AccessDecision.decode([UInt8](data)) } catch {
            throw Failure.unreadable(objectID: prior.inventory.id, reason: "\(AccessDecision.logicalPath): \(error)")
        }
    }
}

/// On start: brings the catalog in line with the archive (objects archived by a run that was killed
/// before its catalog commit are registered from their METS). One stat per object: only an inventory
/// whose file differs from the stamp the catalog kept when it last read it (or whose head the catalog
/// does not hold) is read again, so a start costs what changed, plus a listing of the root.
struct CatalogReconciler {
    let storage: OCFLStorageRoot
    let catalog: CatalogDatabase
    let fondsTitles: [String: String]
    let ocrWordConfidenceFloor: Double

    func reconcile() throws -> [String] {
        var registered: [String] = []
        let reader = ArchiveReader(storage: storage, ocrWordConfidenceFloor: ocrWordConfidenceFloor)
        let (catalogued, stamps) = try catalog.headVersionsWithStamps()
        var read: [String: CatalogInventoryStamp] = [:]
        // No inventory: head 0, nothing to register. Only the objects whose inventory is not the one
        // stamped are sorted (registration in identifier order) and looked at.
        var changed: [(id: String, seen: CatalogInventoryStamp)] = []
        for (id, file) in storage.inventoryFileStamps(of: storage.candidateObjectNames()) {
            let seen = CatalogInventoryStamp(inode: Int64(bitPattern: file.inode), size: file.size, changedNanos: file.changedNanos,
                                             modifiedNanos: file.modifiedNanos, headVersion: catalogued[id] ?? 0)
            if let stamp = stamps[id], stamp.sameFile(as: seen), stamp.headVersion == seen.headVersion { continue }
            changed.append((id, seen))
        }
        for (id, seen) in changed.sorted(by: { $0.id < $1.id }) {
            var known = seen.headVersion
            guard storage.objectExists(id) else { continue }
            let head = (try? storage.inventory(of: id).headNumber) ?? 0
            if known < head, let item = try? reader.catalogItem(id) {
                try catalog.store(item, fondsTitle: fondsTitles[item.fondsCode] ?? item.fondsCode)
                registered.append(id)
                known = item.headVersion
            }
            // Stamped only when the catalog holds that head: anything else is looked at again next time.
            if head > 0 && head == known {
                read[id] = CatalogInventoryStamp(inode: seen.inode, size: seen.size, changedNanos: seen.changedNanos,
                                                 modifiedNanos: seen.modifiedNanos, headVersion: head)
            }
        }
        try catalog.storeInventoryStamps(read)
        return registered
    }
}
