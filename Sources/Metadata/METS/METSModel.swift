/// Everything an item's METS document says, as plain values: written by `METSWriter`, read back by
/// `METSReader`. The catalog can be rebuilt from this alone.
import Support
public struct METSItem: Sendable, Equatable {
    /// A file in the OCFL object (logical path, relative to the object's logical root).
    public struct File: Sendable, Equatable {
        public enum Use: String, Sendable, Codable { case master = "MASTER", fulltext = "FULLTEXT" }
        /// FULLTEXT roles: how the text was made.
        public enum TextRole: String, Sendable, Codable {
            case transcription, alto, hocr, ocrText = "ocr-text", ocrALTO = "ocr-alto"
        }
        public var logicalPath: String
        public var use: Use
        public var textRole: TextRole?
        public var mimeType: String
        public var size: Int64
        public var checksum: String
        /// METS CHECKSUMTYPE ("SHA-512").
        public var checksumType: String
        /// Sequence of the page a FULLTEXT file belongs to.
        public var pageSequence: Int?

        public init(logicalPath: String, use: Use, textRole: TextRole? = nil, mimeType: String, size: Int64,
                    checksum: String, checksumType: String, pageSequence: Int? = nil) {
            self.logicalPath = logicalPath
            self.use = use
            self.textRole = textRole
            self.mimeType = mimeType
            self.size = size
            self.checksum = checksum
            self.checksumType = checksumType
            self.pageSequence = pageSequence
        }
    }

    /// One page: an image inside a master file (multi-page TIFFs hold several).
    public struct Page: Sendable, Equatable {
        public var sequence: Int
        public var label: String
        public var masterPath: String
        public var indexInFile: Int
        public var mix: MIXRecord

        public init(sequence: Int, label: String, masterPath: String, indexInFile: Int, mix: MIXRecord) {
            self.sequence = sequence
            self.label = label
            self.masterPath = masterPath
            self.indexInFile = indexInFile
            self.mix = mix
        }
    }

    public var objectID: String
    public var dublinCore: DublinCoreRecord
    /// DCMI type for the METS TYPE attribute.
    public var type: String
    /// First ingest and this version, ISO 8601 UTC.
    public var created: String
    public var lastModified: String
    /// OCFL version this METS belongs to ("v1", "v2"...).
    public var version: String
    /// Fonds code and title (the item's place in the archive).
    public var fondsCode: String
    public var fondsTitle: String
    public var institution: String
    public var softwareName: String
    public var operatorName: String
    public var files: [File]
    public var pages: [Page]
    public var premisObjects: [PremisFileObject]
    public var events: [PremisEvent]
    public var agents: [PremisAgent]
    /// The reference code of the unit of the fonds' classification chart the item belongs to
    /// (metadata.csv `memoria.unidad`), written as a logical structMap.
    public var unitCode: String? = nil

    public init(objectID: String, dublinCore: DublinCoreRecord, type: String, created: String, lastModified: String,
                version: String, fondsCode: String, fondsTitle: String, institution: String, softwareName: String,
                operatorName: String, files: [File], pages: [Page], premisObjects: [PremisFileObject],
                events: [PremisEvent], agents: [PremisAgent]) {
        self.objectID = objectID
        self.dublinCore = dublinCore
        self.type = type
        self.created = created
        self.lastModified = lastModified
        self.version = version
        self.fondsCode = fondsCode
        self.fondsTitle = fondsTitle
        self.institution = institution
        self.softwareName = softwareName
        self.operatorName = operatorName
        self.files = files
        self.pages = pages
        self.premisObjects = premisObjects
        self.events = events
        self.agents = agents
    }
}

/// Stable XML IDs: derived from logical paths (FNV-1a), so a file or page keeps its ID in every version.
enum StableID {
    static func make(_ prefix: String, _ key: String) -> String {
        "\(prefix)-\(StableHash.hex16(StableHash.fnv1a(key)))"
    }
}
