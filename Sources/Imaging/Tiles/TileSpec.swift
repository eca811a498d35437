import Foundation

/// How deep-zoom tiles are made: their size, their JPEG quality and the smallest whole-image size
/// written under `full/`.
public struct TileSpec: Sendable, Equatable, Codable {
    /// Width and height of a tile, in pixels of its level (IIIF `tiles.width`). Even, 64...4096.
    public var tileSize: Int
    /// JPEG quality of tiles and `full/` images (1...100).
    public var quality: Int
    /// The pyramid goes on halving until the whole image fits in one tile and its long edge is at
    /// most this many pixels; every level that fits in one tile is also listed in `sizes`.
    public var smallestLongEdge: Int

    public init(tileSize: Int = 512, quality: Int = 80, smallestLongEdge: Int = 256) {
        self.tileSize = tileSize
        self.quality = quality
        self.smallestLongEdge = smallestLongEdge
    }

    /// The same settings with the tile size made even and every value kept in its range.
    public var normalized: TileSpec {
        TileSpec(tileSize: min(4096, max(64, tileSize / 2 * 2)), quality: min(100, max(1, quality)),
                 smallestLongEdge: max(1, smallestLongEdge))
    }

    /// A short fingerprint of the settings, stored beside the tiles to tell when they are stale.
    public var fingerprint: String {
        let spec = normalized
        return "t\(spec.tileSize)q\(spec.quality)s\(spec.smallestLongEdge)-v1"
    }
}

/// Which pages get tiles (`derivatives.tiles` in pipeline.yaml).
public enum TilePolicy: String, Sendable, Codable, CaseIterable {
    /// Pages whose master is larger than the access copy: zooming shows more than the access copy does.
    case auto
    case always
    case never

    /// Whether a page of this displayed size gets tiles, given the access copy's long edge.
    public func applies(width: Int, height: Int, accessLongEdge: Int) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return max(width, height) > accessLongEdge
        }
    }
}

/// What MasterDecoder needs to make tiles while it decodes: the settings, the policy, and the
/// folder for each page (e.g. derivatives/<item>/<key>/iiif), which must not exist yet.
public struct TileRequest: Sendable {
    public var spec: TileSpec
    public var policy: TilePolicy
    /// The access copy's long edge, which `auto` compares masters with.
    public var accessLongEdge: Int
    /// The destination folder of the page with this index in its file.
    public var folder: @Sendable (_ indexInFile: Int) -> URL

    public init(spec: TileSpec = TileSpec(), policy: TilePolicy = .auto, accessLongEdge: Int,
                folder: @escaping @Sendable (_ indexInFile: Int) -> URL) {
        self.spec = spec
        self.policy = policy
        self.accessLongEdge = accessLongEdge
        self.folder = folder
    }
}
