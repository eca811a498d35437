import Foundation
import Imaging
import Metadata
import Preservation

/// What became of one master file of the inbox.
enum FileOutcome: Sendable {
    case processed(ProcessedFile)
    case failed(InboxFile, StageFailure)
}

/// The per-file part of the ingest, in order: identify (format, digest) → duplicate check → validate by
/// full decode with derivatives (or carry over: the same bytes are archived at the same path, so no
/// second decode) → transcribe. Runs inside the batch's bounded task group; returns a value and never
/// throws, so one bad file cannot cancel the others.
struct FileWork: Sendable {
    let itemID: String
    let file: InboxFile
    let sidecars: [InboxSidecar]
    let prior: PriorObject?
    let context: StageContext
    let stages: FileStages

    var logicalPath: String { "objects/\(file.name)" }

    func run() -> FileOutcome {
        do {
            return .processed(try process())
        } catch {
            return .failed(file, error)
        }
    }

    private func process() throws(StageFailure) -> ProcessedFile {
        let identified = try stages.identify.run(.init(file: file, logicalPath: logicalPath), context: context)
        // A file that changed since the scan is still being written: it waits for the next run.
        if ItemCommit.changedSinceScan(file) {
            throw StageFailure(stage: .identify, reason: .fileChanged,
                               message: "«\(file.name)» cambió mientras se leía: todavía se está copiando. El ítem sigue en la bandeja y se toma en la próxima ejecución",
                               detail: "size or modification time changed since the inbox scan", digest: identified.digest)
        }
        var warnings = identified.warnings
        if let lookupError = try stages.duplicates.run(.init(itemID: itemID, fileName: file.name, digest: identified.digest)) {
            warnings.append("no se pudo consultar el catálogo para descartar duplicados (\(lookupError)); ejecute memoria reindex")
        }
        var events = identified.events
        let pages: [ProcessedPage]
        var observations: [DecodeObservation] = []
        let carried = prior?.digest(at: logicalPath) == identified.digest
        if carried, let prior {
            pages = carriedPages(prior)
            events = []   // nothing new happened to these bytes
        } else {
            let validated = try stages.validate.run(.init(file: file, identified: identified, logicalPath: logicalPath, itemID: itemID),
                                                    context: context)
            pages = validated.pages
            observations = validated.observations
            events.append(ValidateStage.validationEvent(context, format: identified.format, pages: pages.count, warnings: warnings,
                                                        observations: observations, logicalPath: logicalPath))
        }
        let transcribed = try stages.transcribe.run(.init(itemID: itemID, file: file, format: identified.format, pages: pages, sidecars: sidecars),
                                                    context: context)
        return ProcessedFile(file: file, logicalPath: logicalPath, format: identified.format, digest: identified.digest,
                             size: identified.size, carriedOver: carried, pages: transcribed.pages, events: events + transcribed.events,
                             warnings: warnings + transcribed.warnings, observations: observations)
    }

    /// The archived pages of an unchanged master, with their archived text.
    private func carriedPages(_ prior: PriorObject) -> [ProcessedPage] {
        CarriedFile.pages(prior, path: logicalPath, transcribe: stages.transcribe, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor)
    }
}

/// The per-file stages of a run, built once (they hold the derivative store, the OCR engine, the catalog).
struct FileStages: Sendable {
    let identify: IdentifyStage
    let duplicates: DuplicateCheck
    let validate: ValidateStage
    let transcribe: TranscribeStage
}
