import Foundation
import Metadata

/// An item as the catalog stores it: description, files, pages with their text, and events.
public struct CatalogItem: Sendable, Equatable {
    public struct File: Sendable, Equatable, Codable {
        public enum Role: String, Sendable, Codable { case master, text, metadata }
        public var logicalPath: String
        public var contentPath: String
        public var role: Role
        public var digestAlgorithm: String
        public var digest: String
        public var size: Int64
        public var formatName: String
        public var pronomID: String?
        public var mimeType: String
        public var originalName: String

        public init(logicalPath: String, contentPath: String, role: Role, digestAlgorithm: String, digest: String, size: Int64,
                    formatName: String, pronomID: String?, mimeType: String, originalName: String) {
            self.logicalPath = logicalPath
            self.contentPath = contentPath
            self.role = role
            self.digestAlgorithm = digestAlgorithm
            self.digest = digest
            self.size = size
            self.formatName = formatName
            self.pronomID = pronomID
            self.mimeType = mimeType
            self.originalName = originalName
        }
    }

    public struct Page: Sendable, Equatable, Codable {
        public var sequence: Int
        public var label: String
        public var masterPath: String
        public var indexInFile: Int
        /// Size of the page as displayed (after orientation).
        public var width: Int
        public var height: Int
        /// "transcription", "alto", "hocr", "ocr", or nil when the page has no text.
        public var textSource: String?
        public var textPath: String?
        public var text: String

        public init(sequence: Int, label: String, masterPath: String, indexInFile: Int, width: Int, height: Int,
                    textSource: String?, textPath: String?, text: String) {
            self.sequence = sequence
            self.label = label
            self.masterPath = masterPath
            self.indexInFile = indexInFile
            self.width = width
            self.height = height
            self.textSource = textSource
            self.textPath = textPath
            self.text = text
        }
    }

    public var id: String
    public var fondsCode: String
    public var headVersion: Int
    public var createdAt: String
    public var updatedAt: String
    public var dublinCore: DublinCoreRecord
    public var batchID: Int64?
    public var files: [File]
    public var pages: [Page]
    public var events: [PremisEvent]
    /// Who may see it (nil: public).
    public var access: AccessDecision?
    /// The unit of its fonds' classification chart (METS logical structMap; kept in `item_units`).
    public var unitCode: String? = nil

    public init(id: String, fondsCode: String, headVersion: Int, createdAt: String, updatedAt: String,
                dublinCore: DublinCoreRecord, batchID: Int64?, files: [File], pages: [Page], events: [PremisEvent],
                access: AccessDecision? = nil) {
        self.access = access
        self.id = id
        self.fondsCode = fondsCode
        self.headVersion = headVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.dublinCore = dublinCore
        self.batchID = batchID
        self.files = files
        self.pages = pages
        self.events = events
    }

    /// Years covered by the item's first valid date, for facets and filters.
    public var dateRange: (Int?, Int?) {
        for value in dublinCore["date"] {
            if let date = EDTFDate(value), date.earliestYear != nil || date.latestYear != nil {
                return (date.earliestYear ?? date.latestYear, date.latestYear ?? date.earliestYear)
            }
        }
        return (nil, nil)
    }

    /// Title for sorting: folded, leading punctuation and articles dropped.
    public var sortTitle: String { Self.sortKey(of: dublinCore.title) }

    static let sortArticles = ["el ", "la ", "los ", "las ", "un ", "una ", "lo "]

    static func sortKey(of title: String) -> String {
        asciiSortKey(of: title) ?? foldedSortKey(of: title)
    }

    /// The sort key of any title, by Foundation's folding.
    static func foldedSortKey(of title: String) -> String {
        var title = title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        title = String(title.drop { !$0.isLetter && !$0.isNumber })
        for article in sortArticles where title.hasPrefix(article) {
            title = String(title.dropFirst(article.count))
            break
        }
        return title
    }

    /// The same key for a title of ASCII characters only, byte by byte (nil for any other title):
    /// folding leaves ASCII as its lower case, and its letters and numbers are a–z and 0–9. A rebuild
    /// makes one key per item, and Foundation's folding was 2 % of it (bench/README.md, "Branch indice").
    static func asciiSortKey(of title: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(title.utf8.count)
        for byte in title.utf8 {
            guard byte < 0x80 else { return nil }
            let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            if bytes.isEmpty && !((0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower)) { continue }
            bytes.append(lower)
        }
        for article in sortArticles where bytes.starts(with: article.utf8) {
            bytes.removeFirst(article.utf8.count)
            break
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A fonds as the catalog keeps it (synchronised from pipeline.yaml).
public struct CatalogFonds: Sendable, Equatable, Codable {
    public var code: String
    public var slug: String
    public var title: String
    public var description: String

    public init(code: String, slug: String, title: String, description: String) {
        self.code = code
        self.slug = slug
        self.title = title
        self.description = description
    }
}

/// A quarantined file as the catalog records it.
public struct CatalogQuarantineEntry: Sendable, Equatable, Codable {
    /// How an entry stopped being pending.
    public enum Resolution: String, Sendable, Codable {
        /// Its item was archived later (the file's bytes, or a corrected page, are in the archive).
        case archived
        /// The file was moved back to the inbox to be corrected (`memoria reintentar`).
        case returned
    }

    /// The row's id (nil before it is stored).
    public var id: Int64?
    public var batchID: Int64?
    public var itemID: String?
    public var originalPath: String
    public var quarantinePath: String
    public var reasonCode: String
    public var reason: String
    public var digest: String?
    public var at: String
    public var resolvedAt: String?
    public var resolution: Resolution?

    /// `quarantinePath` is relative to the quarantine folder (`margarita-michelena/2024-04-cartas/MMI-0003.tif`).
    public init(id: Int64? = nil, batchID: Int64?, itemID: String?, originalPath: String, quarantinePath: String, reasonCode: String,
                reason: String, digest: String?, at: String, resolvedAt: String? = nil, resolution: Resolution? = nil) {
        self.id = id
        self.resolvedAt = resolvedAt
        self.resolution = resolution
        self.batchID = batchID
        self.itemID = itemID
        self.originalPath = originalPath
        self.quarantinePath = quarantinePath
        self.reasonCode = reasonCode
        self.reason = reason
        self.digest = digest
        self.at = at
    }
}
