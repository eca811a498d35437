import Catalog
import Foundation
import Metadata
import Preservation
import Support

/// A checked chart into the archive: a new version of the fonds' chart object (nothing when it is the
/// archived one), then the catalog. Returns the report's account of it.
struct ChartCommit {
    let scope: BatchScope

    func commit(_ plan: ChartPlan, ledger: inout BatchLedger) throws(StageFailure) -> BatchReport.ChartResult {
        let context = scope.context
        let id = ChartObject.id(fondsCode: scope.fonds.code)
        var result = BatchReport.ChartResult(outcome: .unchanged, object: id, version: "v\(plan.priorVersion)", units: plan.chart.units.count, changes: [])
        if plan.isUnchanged {
            result.changes = ["el cuadro es igual al archivado; no se escribió nada"]
            return result
        }
        let email = context.config.institution.contactEmail
        let request = OCFLVersionRequest(objectID: id, files: [ChartObject.sheetPath: .bytes(plan.sheetBytes), ChartObject.chartPath: .bytes(plan.chart.json())],
                                         message: "Memoria: cuadro de clasificación del fondo \(scope.fonds.title), lote \(scope.batch.identifier)",
                                         userName: context.operatorName, userAddress: email.isEmpty ? nil : "mailto:\(email)", created: context.clock())
        let written: OCFLVersionResult
        do { written = try scope.environment.writer.write(request) } catch {
            throw PackageStage.archiveFailure(error, itemID: id, context: context)
        }
        result.outcome = written.outcome == .created ? .archived : (written.outcome == .unchanged ? .unchanged : .newVersion)
        result.version = written.version
        result.changes = plan.changes
        do {
            try scope.environment.catalog.storeChart(fondsCode: scope.fonds.code, version: written.inventory.headNumber,
                                                     updatedAt: written.inventory.versions[written.inventory.head]?.created ?? context.timestamp(),
                                                     chart: plan.chart)
        } catch {
            ledger.catalogNotUpdated("cuadro de clasificación del fondo \(scope.fonds.title), archivado en \(written.version)", error: error)
        }
        return result
    }
}
