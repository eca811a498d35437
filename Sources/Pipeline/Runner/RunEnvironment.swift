import Catalog
import Foundation
import Preservation

/// Everything the batches of one ingest share, opened once by IngestSession.
struct RunEnvironment: @unchecked Sendable {
    let storage: OCFLStorageRoot
    let writer: OCFLVersionWriter
    let catalog: CatalogDatabase
    let derivatives: DerivativeStore
    var ocr: (any OCREngine)?
    /// Compiled before the first batch (IngestSession.Opening.schemasPending).
    var validation: XMLValidation
    let fondsTitles: [String: String]
    let algorithm: DigestAlgorithm

    func fileStages() -> FileStages {
        FileStages(identify: IdentifyStage(algorithm: algorithm), duplicates: DuplicateCheck(catalog: catalog),
                   validate: ValidateStage(derivatives: derivatives),
                   transcribe: TranscribeStage(algorithm: algorithm, ocr: ocr, derivatives: derivatives))
    }
}
