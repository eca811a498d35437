// The contract every ingest stage keeps (see docs/ARQUITECTURA.md, "El contrato de una etapa").
// A stage takes one typed value in and gives one typed value out, or throws a StageFailure that
// says what went wrong and what that means for the file, the item and the batch. A stage never
// moves inbox files, never writes the catalog and never decides what happens after a failure:
// the runner (BatchRunner, FileWork, ItemCommit) owns the order, the failure policy, the progress
// and the events.

/// The stages of an ingest, in the order the runner calls them.
public enum StageName: String, Sendable, Codable, CaseIterable {
    case intake, identify, validate, derive, transcribe, describe, package, index

    /// Spanish, for progress lines and reports.
    public var label: String {
        switch self {
        case .intake: return "recepción"
        case .identify: return "identificación"
        case .validate: return "validación"
        case .derive: return "copias de consulta"
        case .transcribe: return "texto"
        case .describe: return "descripción"
        case .package: return "archivo"
        case .index: return "catálogo"
        }
    }
}

/// One stage: `run` turns an input into an output or a typed failure. Stages hold their collaborators
/// (the derivative store, the OCR engine, the schemas) as properties and get the run's context as a
/// parameter, so the clock, the configuration and the agents are injected.
protocol IngestStage: Sendable {
    associatedtype Input
    associatedtype Output
    static var name: StageName { get }
    func run(_ input: Input, context: StageContext) throws(StageFailure) -> Output
}
