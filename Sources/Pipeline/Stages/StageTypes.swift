import Foundation
import Imaging
import Metadata
import Preservation
import Support

/// An event a stage produced, before the runner gives it an identifier in the item's ledger.
public struct PendingEvent: Sendable, Equatable {
    public var type: PremisEventType
    public var dateTime: String
    public var detail: String
    public var outcome: PremisOutcome
    public var outcomeDetail: String
    public var objects: [String]
    /// Agents beyond Memoria, the person and the institution (e.g. the OCR engine).
    public var extraAgents: [PremisAgent] = []
}

/// A text file to archive with a page: where its bytes come from, and what METS says of it.
public struct TextFile: Sendable, Equatable {
    public var logicalPath: String
    public var role: METSItem.File.TextRole
    public var source: OCFLSourceValue
    public var mimeType: String
    public var size: Int64
    public var digest: String
    public var formatName: String
    public var pronomID: String?
    public var originalName: String?
}

/// A Sendable, Equatable mirror of `OCFLVersionRequest.Source`.
public enum OCFLSourceValue: Sendable, Equatable {
    case file(URL, digest: String)
    case bytes([UInt8])
    case existing(digest: String)

    var ocfl: OCFLVersionRequest.Source {
        switch self {
        case .file(let url, let digest): return .file(url, digest: digest)
        case .bytes(let bytes): return .bytes(bytes)
        case .existing(let digest): return .existing(digest: digest)
        }
    }
}

/// The text of one page and the files that hold it.
public struct PageTextResult: Sendable, Equatable {
    /// "transcription", "alto", "hocr" or "ocr".
    public var source: String
    public var text: String
    public var files: [TextFile]
}

/// One page of a processed master.
public struct ProcessedPage: Sendable, Equatable {
    public var indexInFile: Int
    public var mix: MIXRecord
    /// Size as displayed (orientation applied).
    public var displayWidth: Int
    public var displayHeight: Int
    /// Name of the page's derivatives (stable across versions).
    public var derivativeKey: String
    /// True when new derivatives wait in the derivative staging folder.
    public var derivativesStaged: Bool
    public var text: PageTextResult?
}

/// A master file that passed identification, fixity and validation (or was already archived).
public struct ProcessedFile: Sendable, Equatable {
    public var file: InboxFile
    public var logicalPath: String
    public var format: IdentifiedFormat
    public var digest: String
    public var size: Int64
    /// The same bytes are already archived at this logical path: not decoded or copied again.
    public var carriedOver: Bool
    public var pages: [ProcessedPage]
    public var events: [PendingEvent]
    public var warnings: [String]
    /// What was unusual though every pixel decoded ("válido con observaciones").
    public var observations: [DecodeObservation] = []
}

/// The archived state of an item, read before its new files are processed.
public struct PriorObject: Sendable {
    public var inventory: OCFLInventory
    public var mets: METSItem
    public var dcBytes: [UInt8]
    public var objectRoot: URL

    /// The digest archived at a logical path in the head version.
    public func digest(at logicalPath: String) -> String? { inventory.logicalState()[logicalPath] }

    public func pages(ofMaster path: String) -> [METSItem.Page] { mets.pages.filter { $0.masterPath == path } }

    public func textFiles(forPage sequence: Int) -> [METSItem.File] {
        mets.files.filter { $0.use == .fulltext && $0.pageSequence == sequence }
    }

    public func url(of logicalPath: String) -> URL? {
        inventory.contentPath(forLogicalPath: logicalPath).map { objectRoot.appendingPathComponent($0) }
    }
}

/// Stable names for derivatives and XML IDs (FNV-1a of the master's logical path and image index).
enum StableKey {
    static func derivative(masterPath: String, index: Int) -> String {
        "p" + StableHash.hex16(StableHash.fnv1a("\(masterPath)#\(index)"))
    }
}
