import Foundation
import Support

/// A batch folder found in the inbox: inbox/<fonds-slug>/<batch>/.
public struct InboxBatch: Sendable {
    public var fondsSlug: String
    public var name: String
    public var folder: URL
    /// Ready: holds the ready marker, or nothing changed for the settle time.
    public var isReady: Bool { readiness.isReady }
    /// Why it is (not) ready.
    public var readiness: BatchReadiness
    public var metadataFile: URL?
    public var markerFile: URL?
    /// The fonds' classification chart (cuadro.csv), when the batch brings one.
    public var chartFile: URL? = nil
    public var items: [InboxItem]
    /// Entries that cannot be ingested as they are; they go to quarantine with the reason.
    public var rejected: [RejectedEntry]
    /// System files (.DS_Store, Thumbs.db, ...) that are not part of the deposit.
    public var ignored: [URL]

    public var identifier: String { "\(fondsSlug)/\(name)" }
}

/// Whether a batch folder may be taken now, and why.
public enum BatchReadiness: Sendable, Equatable {
    /// It holds the ready marker (LISTO).
    case marked(marker: String)
    /// Nothing in it changed for this many seconds (at least ingest.settle_seconds).
    case settled(seconds: Int)
    /// Something in it changed this many seconds ago: it may still be being copied.
    case changing(secondsAgo: Int)
    /// A file in it changed a moment ago: it is being copied (the marker does not make it ready).
    case copying(file: String, secondsAgo: Int)

    public var isReady: Bool {
        switch self {
        case .marked, .settled: return true
        case .changing, .copying: return false
        }
    }

    /// Spanish, for reports and status: "con la marca LISTO", "sin cambios desde hace 6 min".
    public var description: String {
        switch self {
        case .marked(let marker): return "con la marca \(marker)"
        case .settled(let seconds): return "sin cambios desde hace \(SpanishText.duration(Double(seconds)))"
        case .changing(let seconds): return "cambió hace \(SpanishText.duration(Double(seconds))); se espera a que termine la copia"
        case .copying(let file, let seconds): return "copiando: «\(file)» cambió hace \(SpanishText.duration(Double(seconds))); se toma cuando la copia termine"
        }
    }
}

/// One item: a sub-folder of pages, or one loose file.
public struct InboxItem: Sendable {
    /// The archivist's identifier: the folder name or the file stem (NFC).
    public var id: String
    /// The item's folder, or nil for a loose file.
    public var folder: URL?
    /// Page files in natural order.
    public var files: [InboxFile]
    /// Transcriptions and OCR files, matched to files by stem.
    public var sidecars: [InboxSidecar]

    public init(id: String, folder: URL?, files: [InboxFile], sidecars: [InboxSidecar]) {
        self.id = id
        self.folder = folder
        self.files = files
        self.sidecars = sidecars
    }
}

/// A file that should hold one or more page images.
public struct InboxFile: Sendable, Equatable {
    public var url: URL
    /// The name exactly as it was on disk (possibly NFD), kept in PREMIS as originalName.
    public var originalName: String
    /// The NFC name, used in the archive.
    public var name: String
    public var size: Int64
    public var modified: Date

    /// The name without its extension.
    public var stem: String { (name as NSString).deletingPathExtension }

    public init(url: URL, originalName: String, name: String, size: Int64, modified: Date) {
        self.url = url
        self.originalName = originalName
        self.name = name
        self.size = size
        self.modified = modified
    }
}

/// A text sidecar beside a page file: 0001.txt, 0001.alto.xml, 0001.hocr.
public struct InboxSidecar: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case transcription, alto, hocr }
    public var url: URL
    public var originalName: String
    public var name: String
    public var kind: Kind
    /// The stem of the page file it belongs to.
    public var pageStem: String
}

/// An inbox entry that cannot be used as it is.
public struct RejectedEntry: Sendable, Equatable {
    public enum Reason: String, Sendable, Codable {
        case invalidName = "invalid-name"
        case symbolicLink = "symbolic-link"
        case nestedFolder = "nested-folder"
        case invalidIdentifier = "invalid-identifier"
        case duplicateIdentifier = "duplicate-identifier"
        case orphanSidecar = "orphan-sidecar"
        case specialFile = "special-file"
        case emptyItem = "empty-item"
    }
    /// The entry's path as raw bytes (it may not be valid UTF-8).
    public var rawPath: [UInt8]
    /// Printable form of the path for reports.
    public var displayPath: String
    public var reason: Reason
    /// Spanish: what is wrong and what to do.
    public var message: String
    public var itemID: String?
}

/// A top-level inbox folder that is not a declared fonds, or a file lying outside any batch.
public struct UndeclaredEntry: Sendable, Equatable {
    public var path: String
    public var message: String
}

/// What a scan of the inbox found.
public struct InboxScan: Sendable {
    public var batches: [InboxBatch]
    public var undeclared: [UndeclaredEntry]
}
