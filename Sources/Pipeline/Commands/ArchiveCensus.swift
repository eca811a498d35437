import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// What `memoria verify` checks besides each file's fixity: that the archive and the catalog know the
/// same objects (one the catalog lists that is not on disk; one on disk the catalog does not know), and
/// that each audited object's METS still lists exactly the masters and texts of its inventory.
struct ArchiveCensus {
    let storage: OCFLStorageRoot
    let catalog: CatalogDatabase
    let reader: ArchiveReader

    /// Objects the catalog lists that are not on disk, and objects on disk it does not know. `onDisk`
    /// may have been listed before the catalog is read (at the start of the audit): an object the
    /// catalog lists and the listing lacks is looked for again on disk before it is called missing, so
    /// that one archived meanwhile (an ingest running beside the audit) is not marked missing.
    func objectsProblems(onDisk: [String]) throws -> (problems: [FixityAuditor.Problem], missing: [String]) {
        let known = Set(try catalog.itemIDs())
        // The fonds' classification charts are objects of their own, catalogued apart (charts table).
        let charts = Set(try catalog.charts().keys.map { ChartObject.id(fondsCode: $0) })
        var problems: [FixityAuditor.Problem] = []
        for id in onDisk.filter(ChartObject.isChart) where !charts.contains(id) {
            problems.append(.init(objectID: id, kind: .uncatalogued, path: "\(id)/", expected: nil, found: nil,
                                  message: "el cuadro de clasificación \(id) está en el archivo pero el catálogo no lo conoce; ejecute memoria reindex"))
        }
        let present = Set(onDisk.filter { !ChartObject.isChart($0) })
        let missing = known.subtracting(present).sorted().filter { !storage.objectExists($0) }
        for id in missing {
            problems.append(.init(objectID: id, kind: .missingObject, path: "\(id)/", expected: nil, found: nil,
                                  message: "falta el objeto \(id): el catálogo lo registra pero su carpeta no está en el archivo; restáurelo desde la copia de seguridad o una réplica (su ficha se conserva, marcada «falta en el archivo», y el sitio deja de mostrarlo)"))
        }
        // A folder without an object declaration is not an object (a sample's listing is by name).
        for id in present.subtracting(known).sorted() where storage.objectExists(id) {
            problems.append(.init(objectID: id, kind: .uncatalogued, path: "\(id)/", expected: nil, found: nil,
                                  message: "el objeto \(id) está en el archivo pero el catálogo no lo conoce; ejecute memoria reindex"))
        }
        return (problems, missing)
    }

    /// The METS of an object against its head inventory: every master and text it lists is in the
    /// inventory with the same digest, and every master and text of the inventory is in the METS.
    /// With the audit's inventory and METS bytes (read and digested by the audit) nothing is read again;
    /// without them (the METS was missing or damaged) the object is read from the archive.
    func metsProblems(_ id: String, audited: FixityAuditor.AuditedObject? = nil) -> [FixityAuditor.Problem] {
        if ChartObject.isChart(id) { return chartProblems(id) }
        let inventory: OCFLInventory
        let mets: METSItem
        do {
            if let audited, let read = audited.inventory, let bytes = audited.kept[Self.metsPath] {
                (inventory, mets) = (read, try METSReader.read(bytes: bytes, name: "\(id)/\(Self.metsPath)"))
            } else {
                guard let found = try reader.prior(id) else { return [] }
                (inventory, mets) = (found.inventory, found.mets)
            }
        } catch {
            return [.init(objectID: id, kind: .metsMismatch, path: Self.metsPath, expected: nil, found: nil,
                          message: "el METS de \(id) no se puede leer; restaure el objeto desde la copia de seguridad")]
        }
        let state = inventory.logicalState()
        var problems: [FixityAuditor.Problem] = []
        for file in mets.files {
            guard let digest = state[file.logicalPath] else {
                problems.append(.init(objectID: id, kind: .metsMismatch, path: file.logicalPath, expected: file.checksum, found: nil,
                                      message: "el METS de \(id) lista \(file.logicalPath), que el inventario de \(inventory.head) no tiene; restaure el objeto desde la copia de seguridad"))
                continue
            }
            if digest.lowercased() != file.checksum.lowercased() {
                problems.append(.init(objectID: id, kind: .metsMismatch, path: file.logicalPath, expected: file.checksum, found: digest,
                                      message: "la huella de \(file.logicalPath) en el METS de \(id) no es la del inventario; restaure el objeto desde la copia de seguridad"))
            }
        }
        let listed = Set(mets.files.map(\.logicalPath))
        for path in state.keys.sorted() where (path.hasPrefix("objects/") || path.hasPrefix("text/")) && !listed.contains(path) {
            problems.append(.init(objectID: id, kind: .metsMismatch, path: path, expected: nil, found: state[path],
                                  message: "el inventario de \(id) tiene \(path), que su METS no lista; restaure el objeto desde la copia de seguridad"))
        }
        return problems
    }

    /// Where an object keeps its METS (the audit hands its bytes to the check).
    static let metsPath = "metadata/mets.xml"

    /// A chart object holds no METS: its cuadro.json must be readable.
    private func chartProblems(_ id: String) -> [FixityAuditor.Problem] {
        do {
            guard let inventory = try? storage.inventory(of: id), inventory.contentPath(forLogicalPath: ChartObject.chartPath) != nil,
                  let url = try storage.file(of: id, logicalPath: ChartObject.chartPath, inventory: inventory),
                  let data = FileManager.default.contents(atPath: url.path) else {
                throw ArchiveReader.Failure.unreadable(objectID: id, reason: "\(ChartObject.chartPath) is missing")
            }
            _ = try ClassificationChart.decode([UInt8](data))
            return []
        } catch {
            return [.init(objectID: id, kind: .metsMismatch, path: ChartObject.chartPath, expected: nil, found: nil,
                          message: "el cuadro de clasificación \(id) no se puede leer; restaure el objeto desde la copia de seguridad")]
        }
    }
}
