import Foundation
import Imaging

/// The effective configuration of a deployment: pipeline.yaml with every default filled in and every
/// path made absolute (relative paths are relative to the file).
public struct PipelineConfig: Sendable, Codable, Equatable {
    public struct Institution: Sendable, Codable, Equatable {
        public var name: String
        public var code: String
        public var url: String
        public var contactEmail: String
    }

    public struct Paths: Sendable, Codable, Equatable {
        public var inbox: String
        public var archive: String
        public var staging: String
        public var quarantine: String
        public var processed: String
        public var derivatives: String
        public var catalog: String
        public var reports: String
        public var site: String
        public var schemas: String
    }

    public struct Fonds: Sendable, Codable, Equatable {
        public var code: String
        public var slug: String
        public var title: String
        public var description: String
        public var requiredFields: [String]
        public var defaultType: String
        public var rights: String
        public var idPrefix: String
        /// Access of its new items whose row says nothing (memoria.acceso): publico or restringido.
        public var access: String

        /// True when `identifier` may belong to this fonds (id_prefix: required asks for "<code>-").
        public func acceptsIdentifier(_ identifier: String) -> Bool {
            idPrefix != "required" || identifier.hasPrefix("\(code)-")
        }
    }

    public struct Ingest: Sendable, Codable, Equatable {
        public var settleSeconds: Int
        public var readyMarker: String
        public var copyQuietSeconds: Int
        public var digest: String
        public var maxPixels: Int
        public var maxFileBytes: Int
        public var minFreeBytes: Int
        public var afterIngest: String
        public var workers: Int
        public var strictDecoding: Bool
    }

    public struct Derivatives: Sendable, Codable, Equatable {
        public var accessLongEdge: Int
        public var accessQuality: Int
        /// Long edge of the medium copy the site offers phones beside the access copy (0: none).
        public var mediumLongEdge: Int
        public var thumbnailLongEdge: Int
        public var thumbnailQuality: Int
        public var progressive: Bool
        /// Deep-zoom tiles (IIIF level 0): auto (pages larger than the access copy), always, never.
        public var tiles: String
        public var tileSize: Int
        public var tileQuality: Int
    }

    public struct Text: Sendable, Codable, Equatable {
        public var ocr: String
        public var tesseract: String
        public var languages: String
        public var pageSegmentationMode: Int
        public var timeoutSeconds: Int
        /// Percent: OCR words read with less confidence are archived but neither indexed nor shown.
        public var ocrMinWordConfidence: Int

        /// `ocrMinWordConfidence` as Tesseract's ALTO writes confidence (0...1).
        public var ocrWordConfidenceFloor: Double { Double(ocrMinWordConfidence) / 100 }
    }

    public struct Site: Sendable, Codable, Equatable {
        public var title: String
        public var tagline: String
        public var baseUrl: String
        public var itemsPerPage: Int
        public var about: String
        /// Publish a PDF of each item for download.
        public var pdf: Bool
        public var homeHiddenSubjects: [String]
    }

    public struct Stats: Sendable, Codable, Equatable {
        public var log: String
        public var output: String
        public var state: String
        public var sitePrefix: String
        public var hosts: [String]
    }

    /// A second storage root kept as an exact copy of the archive (`memoria replicar`).
    public struct Replica: Sendable, Codable, Equatable {
        /// Short name for reports and --replica (a slug).
        public var name: String
        public var path: String
        /// Staging on the replica's disk; empty: `<path>-preparacion` beside it.
        public var staging: String
    }

    /// The continuous service (`memoria vigilar`).
    public struct Service: Sendable, Codable, Equatable {
        public var pollSeconds: Int
        public var verifyEveryHours: Int
        public var verifySamplePercent: Int
        public var publishAfterIngest: Bool
        public var replicateAfterIngest: Bool
        public var dashboardAfterChanges: Bool
    }

    /// Notices by mail (the system's sendmail) and JSON webhook.
    public struct Notices: Sendable, Codable, Equatable {
        public var mailTo: [String]
        public var mailFrom: String
        public var sendmail: String
        public var webhookUrl: String
        public var attempts: Int
        public var retrySeconds: Int
        public var dailyDigest: Bool
        public var digestHour: Int

        /// True when some notice has somewhere to go.
        public var isConfigured: Bool { !mailTo.isEmpty || !webhookUrl.isEmpty }
    }

    public var version: Int
    public var institution: Institution
    public var paths: Paths
    public var fonds: [Fonds]
    public var ingest: Ingest
    public var derivatives: Derivatives
    public var text: Text
    public var site: Site
    public var stats: Stats
    public var replicas: [Replica]
    public var service: Service
    public var notices: Notices

    /// The file this configuration was read from.
    public var sourceFile: String = ""

    enum CodingKeys: String, CodingKey {
        case version, institution, paths, fonds, ingest, derivatives, text, site, stats, replicas, service, notices
    }

    public func fonds(slug: String) -> Fonds? { fonds.first { $0.slug == slug } }
    public func fonds(code: String) -> Fonds? { fonds.first { $0.code == code } }

    public var derivativeSpec: DerivativeSpec {
        DerivativeSpec(accessLongEdge: derivatives.accessLongEdge, accessQuality: derivatives.accessQuality,
                       mediumLongEdge: derivatives.mediumLongEdge, thumbnailLongEdge: derivatives.thumbnailLongEdge, thumbnailQuality: derivatives.thumbnailQuality,
                       progressive: derivatives.progressive)
    }

    /// Deep-zoom tiles as configured (derivatives.tiles, tile_size, tile_quality).
    public var tileSpec: TileSpec { TileSpec(tileSize: derivatives.tileSize, quality: derivatives.tileQuality) }
    public var tilePolicy: TilePolicy { TilePolicy(rawValue: derivatives.tiles) ?? .auto }

    /// What a page's derivatives depend on (access copy, thumbnail and tiles settings): a change
    /// makes `memoria derive` remake them.
    public var derivativeFingerprint: String {
        let spec = derivativeSpec.fingerprint
        return tilePolicy == .never ? spec : "\(spec)+\(tilePolicy.rawValue)-\(tileSpec.fingerprint)"
    }

    /// The tile request for the pages of one master; `folder` gives each page's destination.
    func tileRequest(folder: @escaping @Sendable (_ indexInFile: Int) -> URL) -> TileRequest? {
        tilePolicy == .never ? nil : TileRequest(spec: tileSpec, policy: tilePolicy, accessLongEdge: derivatives.accessLongEdge, folder: folder)
    }

    public var decodeLimits: DecodeLimits {
        DecodeLimits(maxPixels: ingest.maxPixels, strict: ingest.strictDecoding)
    }

    /// Parallel page work: the configured number, or one per core.
    public var workerCount: Int {
        ingest.workers > 0 ? ingest.workers : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    public func url(_ keyPath: KeyPath<Paths, String>) -> URL { URL(fileURLWithPath: paths[keyPath: keyPath]) }
}
