import Metadata
import Preservation

/// Every reason Memoria gives for not archiving a file or an item. The raw value is the stable code
/// written in JSON reports and the catalog (for scripts); `label` is what a person reads. The README's
/// table "Cuando algo sale mal" lists them all (ReasonCodeTests keeps the two in step).
public enum ReasonCode: String, Sendable, Codable, CaseIterable {
    // The file's bytes.
    case corrupt
    case damaged
    case empty
    case unreadable
    case unsupportedFormat = "unsupported-format"
    case unsupported
    case pixelLimit = "pixel-limit"
    case fileSizeLimit = "file-size-limit"
    case duplicate
    case invalidSidecar = "invalid-sidecar"
    case unreadableSidecar = "unreadable-sidecar"
    // Names and structure in the inbox.
    case invalidName = "invalid-name"
    case symbolicLink = "symbolic-link"
    case specialFile = "special-file"
    case nestedFolder = "nested-folder"
    case invalidIdentifier = "invalid-identifier"
    case duplicateIdentifier = "duplicate-identifier"
    case orphanSidecar = "orphan-sidecar"
    case emptyItem = "empty-item"
    /// Held in quarantine because another file of the same item was rejected.
    case heldWithItem = "held-with-item"
    // The batch's sheet.
    case missingSheet = "missing-sheet"
    case unreadableSheet = "unreadable-sheet"
    case invalidChart = "invalid-chart"
    // The item's row in metadata.csv.
    case noRow = "no-row"
    case invalidDate = "invalid-date"
    case missingRequiredField = "missing-required-field"
    case missingIdentifier = "missing-identifier"
    case tooManyCells = "too-many-cells"
    // What the deposit asks for.
    case otherFonds = "identifier-in-other-fonds"
    case wrongPrefix = "wrong-prefix"
    case invalidInstruction = "invalid-instruction"
    case unknownPage = "unknown-page"
    case unknownUnit = "unknown-unit"
    case incompleteItem = "incomplete-item"
    case fileChanged = "file-changed"
    /// The run was asked to stop (SIGTERM, Ctrl+C) before this item was done: it waits in the inbox.
    case stopRequested = "stop-requested"
    // Memoria's own problems with one item.
    case sourceChanged = "source-changed"
    case invalidOutput = "invalid-output"
    case unreadableArchive = "unreadable-archive"
    case derivativeWrite = "derivative-write"
    // The environment.
    case diskFull = "disk-full"
    case archiveWrite = "archive-write"

    /// Spanish, for reports, reason files and the terminal.
    public var label: String {
        switch self {
        case .corrupt: return "imagen ilegible o dañada"
        case .damaged: return "imagen con datos faltantes o corruptos"
        case .empty: return "archivo vacío"
        case .unreadable: return "archivo que no se pudo leer"
        case .unsupportedFormat: return "formato no admitido"
        case .unsupported: return "tipo de imagen no admitido"
        case .pixelLimit: return "imagen más grande que el límite de píxeles"
        case .fileSizeLimit: return "archivo más grande que el límite de tamaño"
        case .duplicate: return "ya archivado en otro ítem"
        case .invalidSidecar: return "transcripción ilegible"
        case .unreadableSidecar: return "transcripción que no se pudo leer"
        case .invalidName: return "nombre de archivo inutilizable"
        case .symbolicLink: return "enlace simbólico"
        case .specialFile: return "no es un archivo normal"
        case .nestedFolder: return "subcarpeta dentro de un ítem"
        case .invalidIdentifier: return "identificador de ítem inválido"
        case .duplicateIdentifier: return "identificador repetido"
        case .orphanSidecar: return "transcripción sin imagen"
        case .emptyItem: return "ítem sin imágenes"
        case .heldWithItem: return "retenido junto con su ítem"
        case .missingSheet: return "falta metadata.csv"
        case .unreadableSheet: return "metadata.csv ilegible"
        case .invalidChart: return "cuadro.csv con problemas"
        case .noRow: return "sin fila en metadata.csv"
        case .invalidDate: return "fecha ilegible en metadata.csv"
        case .missingRequiredField: return "falta un campo obligatorio en metadata.csv"
        case .missingIdentifier: return "fila sin identificador en metadata.csv"
        case .tooManyCells: return "fila con más celdas que el encabezado"
        case .otherFonds: return "identificador de otro fondo"
        case .wrongPrefix: return "identificador sin el prefijo del fondo"
        case .invalidInstruction: return "instrucción de la hoja no válida"
        case .unknownPage: return "la hoja nombra una página que no existe"
        case .unknownUnit: return "la unidad del cuadro no existe"
        case .incompleteItem: return "faltan páginas del ítem"
        case .fileChanged: return "el archivo se está copiando"
        case .stopRequested: return "se detuvo antes de archivarlo"
        case .sourceChanged: return "el archivo cambió mientras se archivaba"
        case .invalidOutput: return "error interno al describir el ítem"
        case .unreadableArchive: return "no se pudo leer la versión archivada"
        case .derivativeWrite: return "no se pudieron escribir las copias de consulta"
        case .diskFull: return "disco lleno"
        case .archiveWrite: return "no se pudo escribir en el archivo"
        }
    }

    /// What a failure with this reason means when the stage does not say otherwise.
    public var defaultConsequence: FailureConsequence {
        switch self {
        case .missingSheet, .unreadableSheet, .invalidChart: return .holdBatch
        case .noRow, .invalidDate, .missingRequiredField, .missingIdentifier, .tooManyCells, .otherFonds, .wrongPrefix, .invalidInstruction, .unknownUnit,
             .unknownPage, .incompleteItem: return .keepItemInInbox
        case .fileChanged, .stopRequested: return .retryItem
        case .sourceChanged, .invalidOutput, .unreadableArchive, .derivativeWrite: return .retryItem
        case .diskFull, .archiveWrite: return .stopBatch
        default: return .quarantineFile
        }
    }

    /// The code of an inbox entry the scanner refused.
    init(_ reason: RejectedEntry.Reason) {
        switch reason {
        case .invalidName: self = .invalidName
        case .symbolicLink: self = .symbolicLink
        case .nestedFolder: self = .nestedFolder
        case .invalidIdentifier: self = .invalidIdentifier
        case .duplicateIdentifier: self = .duplicateIdentifier
        case .orphanSidecar: self = .orphanSidecar
        case .specialFile: self = .specialFile
        case .emptyItem: self = .emptyItem
        }
    }

    /// The code of a problem in an item's row.
    init(_ kind: SheetProblem.Kind) {
        switch kind {
        case .missingIdentifier: self = .missingIdentifier
        case .duplicateIdentifier: self = .duplicateIdentifier
        case .invalidDate: self = .invalidDate
        case .missingRequiredField: self = .missingRequiredField
        case .tooManyCells: self = .tooManyCells
        case .noRow: self = .noRow
        }
    }
}
