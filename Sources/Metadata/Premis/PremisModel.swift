/// PREMIS 3 as data: events, agents and file objects. Stages return events; the runner collects them
/// per item; the METS writer renders them; the METS reader reads them back.
public enum PremisEventType: String, Codable, Sendable, CaseIterable {
    case ingestion = "ingestion"
    case messageDigestCalculation = "message digest calculation"
    case formatIdentification = "format identification"
    case validation = "validation"
    case creation = "creation"
    case metadataModification = "metadata modification"
    case fixityCheck = "fixity check"
    case quarantine = "quarantine"
    case unquarantine = "unquarantine"
    /// An access decision (withdrawal, restriction, embargo, restoration of public access).
    case policyAssignment = "policy assignment"
    /// A new version whose state equals an earlier one (`memoria restaurar`).
    case recovery = "recovery"

    /// Term URI in the Library of Congress PREMIS event type vocabulary (id.loc.gov).
    public var valueURI: String? {
        switch self {
        case .ingestion: return "http://id.loc.gov/vocabulary/preservation/eventType/ing"
        case .messageDigestCalculation: return "http://id.loc.gov/vocabulary/preservation/eventType/mes"
        case .formatIdentification: return "http://id.loc.gov/vocabulary/preservation/eventType/for"
        case .validation: return "http://id.loc.gov/vocabulary/preservation/eventType/val"
        case .creation: return "http://id.loc.gov/vocabulary/preservation/eventType/cre"
        case .metadataModification: return "http://id.loc.gov/vocabulary/preservation/eventType/mem"
        case .fixityCheck: return "http://id.loc.gov/vocabulary/preservation/eventType/fix"
        case .quarantine: return "http://id.loc.gov/vocabulary/preservation/eventType/qua"
        case .unquarantine: return "http://id.loc.gov/vocabulary/preservation/eventType/unq"
        case .policyAssignment: return "http://id.loc.gov/vocabulary/preservation/eventType/poa"
        case .recovery: return "http://id.loc.gov/vocabulary/preservation/eventType/rec"
        }
    }

    /// In Spanish, for the history and reports.
    public var label: String {
        switch self {
        case .ingestion: return "ingreso"
        case .messageDigestCalculation: return "cálculo de huella"
        case .formatIdentification: return "identificación de formato"
        case .validation: return "validación"
        case .creation: return "creación"
        case .metadataModification: return "corrección de la descripción"
        case .fixityCheck: return "auditoría de fijeza"
        case .quarantine: return "cuarentena"
        case .unquarantine: return "salida de la cuarentena"
        case .policyAssignment: return "decisión de acceso"
        case .recovery: return "restauración de una versión"
        }
    }
}

/// Controlled outcome vocabulary: never empty, never free text (details go in `outcomeDetail`).
public enum PremisOutcome: String, Codable, Sendable {
    case success, failure, warning
}

public struct PremisAgent: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable { case software, organization, person }
    /// Local identifier, e.g. "memoria-0.1.0", "SCEH", "person-mlopez".
    public var identifier: String
    public var name: String
    public var kind: Kind
    public var version: String?

    public init(identifier: String, name: String, kind: Kind, version: String? = nil) {
        self.identifier = identifier
        self.name = name
        self.kind = kind
        self.version = version
    }
}

public struct PremisEvent: Codable, Sendable, Equatable {
    public struct LinkedAgent: Codable, Sendable, Equatable {
        public var identifier: String
        /// "executing program", "implementer", "authorizer" ...
        public var role: String
        public init(identifier: String, role: String) {
            self.identifier = identifier
            self.role = role
        }
    }

    public var identifier: String
    public var type: PremisEventType
    public var dateTime: String
    public var detail: String
    public var outcome: PremisOutcome
    public var outcomeDetail: String
    public var agents: [LinkedAgent]
    /// Logical paths of the files concerned, or the item identifier for item-level events.
    public var objects: [String]

    public init(identifier: String, type: PremisEventType, dateTime: String, detail: String, outcome: PremisOutcome,
                outcomeDetail: String = "", agents: [LinkedAgent], objects: [String]) {
        self.identifier = identifier
        self.type = type
        self.dateTime = dateTime
        self.detail = detail
        self.outcome = outcome
        self.outcomeDetail = outcomeDetail
        self.agents = agents
        self.objects = objects
    }
}

/// A stored file as PREMIS describes it.
public struct PremisFileObject: Codable, Sendable, Equatable {
    public var logicalPath: String
    /// METS/PREMIS algorithm name ("SHA-512").
    public var digestAlgorithm: String
    public var digest: String
    public var size: Int64
    public var formatName: String
    public var formatVersion: String?
    public var pronomID: String?
    public var mimeType: String
    /// The name the file had when it was deposited (it may be NFD, or differ from the archive's).
    public var originalName: String?

    public init(logicalPath: String, digestAlgorithm: String, digest: String, size: Int64, formatName: String,
                formatVersion: String? = nil, pronomID: String? = nil, mimeType: String, originalName: String? = nil) {
        self.logicalPath = logicalPath
        self.digestAlgorithm = digestAlgorithm
        self.digest = digest
        self.size = size
        self.formatName = formatName
        self.formatVersion = formatVersion
        self.pronomID = pronomID
        self.mimeType = mimeType
        self.originalName = originalName
    }
}
