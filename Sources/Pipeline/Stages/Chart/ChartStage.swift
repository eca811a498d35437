// Chart stage.
// Consumes: a batch's cuadro.csv and the fonds' archived chart (if any). Produces: the chart, checked
// (one fonds at the top, every parent known, no cycle, each level below its parent's, readable dates),
// and what it changes against the archived one, in words.
// Fails the whole batch (it stays in the inbox, untouched) when the sheet cannot be read or breaks a
// rule; every problem names its line and column.
// PREMIS events: none (the chart object's versions record who and when). Reads only; writes nothing.
import Foundation
import Metadata
import Preservation
import Support

/// A chart ready to be archived.
struct ChartPlan: Sendable {
    var chart: ClassificationChart
    var sheetBytes: [UInt8]
    var prior: ClassificationChart?
    var priorVersion: Int
    /// Spanish lines for the report; empty when the chart is the archived one.
    var changes: [String]
    var isUnchanged: Bool { prior != nil && changes.isEmpty && prior?.json() == chart.json() }
}

struct ChartStage: IngestStage {
    static let name = StageName.intake
    let storage: OCFLStorageRoot
    let fonds: PipelineConfig.Fonds

    func run(_ file: URL, context: StageContext) throws(StageFailure) -> ChartPlan {
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: file)) } catch {
            throw StageFailure(stage: Self.name, reason: .invalidChart,
                message: "No se pudo leer cuadro.csv (\(SystemErrorText.describe(error).spanish)). El lote sigue en la bandeja; vuelva a copiar el cuadro",
                detail: "\(error)")
        }
        let year = Calendar(identifier: .gregorian).dateComponents(in: context.timeZone, from: context.clock()).year ?? 2026
        let chart: ClassificationChart
        do { chart = try ChartSheet.read(bytes, currentYear: year) } catch {
            throw StageFailure(stage: Self.name, reason: .invalidChart,
                               message: "\(error) El lote sigue en la bandeja; corrija el cuadro y vuelva a ejecutar", detail: "\(error)")
        }
        let prior: (version: Int, updatedAt: String, chart: ClassificationChart)?
        do { prior = try ChartObject.read(storage, fondsCode: fonds.code) } catch {
            throw StageFailure(stage: Self.name, reason: .unreadableArchive,
                message: "No se pudo leer el cuadro de clasificación archivado del fondo \(fonds.title); el lote sigue en la bandeja. Ejecute memoria verify --item \(ChartObject.id(fondsCode: fonds.code))",
                detail: "\(error)")
        }
        return ChartPlan(chart: chart, sheetBytes: bytes, prior: prior?.chart, priorVersion: prior?.version ?? 0,
                         changes: prior.map { ChartDiff.lines(from: $0.chart, to: chart) } ?? ChartDiff.lines(from: nil, to: chart))
    }
}
