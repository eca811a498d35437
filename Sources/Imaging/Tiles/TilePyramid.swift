/// The shape of a static IIIF Image API 3.0 level-0 tile pyramid: what `info.json` says about an
/// image, and where each tile lies. Pure geometry; `TilePyramidWriter` makes the files, and
/// `IIIFInfoJSON` renders the document once the image's URL is known.
///
/// Scale factors are 1, 2, 4, ...: the level at factor s is ⌈width / s⌉ × ⌈height / s⌉. A tile at
/// column n, row m of level s covers the full-size region (n·t·s, m·t·s, t·s, t·s), cut at the right
/// and bottom edges, and is ⌈region / s⌉ pixels (IIIF Image API 3.0 implementation notes, §3).
/// Paths are the canonical URL forms of Image API 3.0 (§4.7): `x,y,w,h/w,h/0/default.jpg`, region
/// `full` when a tile covers the whole image, size `max` when it is not reduced.
public struct TilePyramid: Sendable, Equatable, Codable {
    /// Displayed size (orientation applied), in pixels.
    public var width: Int
    public var height: Int
    public var tileSize: Int
    public var scaleFactors: [Int]
    /// Whole-image sizes written under `full/`, smallest first (IIIF `sizes`).
    public var sizes: [Size]
    /// What the files cost: tiles and `full/` images, without the pyramid description.
    public var fileCount: Int
    public var byteCount: Int
    /// `TileSpec.fingerprint` of the settings that made them.
    public var fingerprint: String

    public struct Size: Sendable, Equatable, Codable, Hashable {
        public var width: Int
        public var height: Int
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    /// One file of the pyramid: a tile, or a whole-image size.
    public struct Tile: Sendable, Equatable {
        public var scaleFactor: Int
        /// Column and row of the tile in its level.
        public var column: Int
        public var row: Int
        /// The full-size region it shows.
        public var x: Int, y: Int, regionWidth: Int, regionHeight: Int
        /// Its own size in pixels.
        public var width: Int, height: Int
        /// Its path under the pyramid's folder (the IIIF URL after the image's id).
        public var path: String
    }

    /// The pyramid of an image of this displayed size (fileCount and byteCount still zero).
    /// A pyramid as described before (a publish's record of the derivative store).
    public init(width: Int, height: Int, tileSize: Int, scaleFactors: [Int], sizes: [Size], fileCount: Int, byteCount: Int, fingerprint: String) {
        self.width = width
        self.height = height
        self.tileSize = tileSize
        self.scaleFactors = scaleFactors
        self.sizes = sizes
        self.fileCount = fileCount
        self.byteCount = byteCount
        self.fingerprint = fingerprint
    }

    public init(width: Int, height: Int, spec: TileSpec) {
        let spec = spec.normalized
        self.width = width
        self.height = height
        tileSize = spec.tileSize
        var factors: [Int] = []
        var sizes: [Size] = []
        var s = 1
        while true {
            factors.append(s)
            let level = Self.levelSize(width: width, height: height, scaleFactor: s)
            let fits = level.width <= spec.tileSize && level.height <= spec.tileSize
            if fits { sizes.insert(level, at: 0) }
            if fits && max(level.width, level.height) <= spec.smallestLongEdge { break }
            if level.width == 1 && level.height == 1 { break }
            s *= 2
        }
        scaleFactors = factors
        self.sizes = sizes
        fileCount = 0
        byteCount = 0
        fingerprint = spec.fingerprint
    }

    static func levelSize(width: Int, height: Int, scaleFactor s: Int) -> Size {
        Size(width: (width + s - 1) / s, height: (height + s - 1) / s)
    }

    public func levelSize(scaleFactor s: Int) -> Size { Self.levelSize(width: width, height: height, scaleFactor: s) }

    /// The largest size under `full/`; `full/max` is that image, and info.json caps `max` at it.
    public var largestSize: Size { sizes.last ?? Size(width: width, height: height) }

    /// The tile at column `n`, row `m` of the level with scale factor `s`.
    public func tile(scaleFactor s: Int, column n: Int, row m: Int) -> Tile {
        let span = tileSize * s
        let x = n * span, y = m * span
        let regionWidth = min(span, width - x), regionHeight = min(span, height - y)
        let w = (regionWidth + s - 1) / s, h = (regionHeight + s - 1) / s
        let whole = x == 0 && y == 0 && regionWidth == width && regionHeight == height
        let region = whole ? "full" : "\(x),\(y),\(regionWidth),\(regionHeight)"
        let size = (w == width && h == height) ? "max" : "\(w),\(h)"
        return Tile(scaleFactor: s, column: n, row: m, x: x, y: y, regionWidth: regionWidth, regionHeight: regionHeight,
                    width: w, height: h, path: "\(region)/\(size)/0/default.jpg")
    }

    /// Columns and rows of tiles in the level with scale factor `s`.
    public func grid(scaleFactor s: Int) -> (columns: Int, rows: Int) {
        let level = levelSize(scaleFactor: s)
        return ((level.width + tileSize - 1) / tileSize, (level.height + tileSize - 1) / tileSize)
    }

    /// Every tile, level by level (largest first), row by row.
    public var tiles: [Tile] {
        scaleFactors.flatMap { s -> [Tile] in
            let (columns, rows) = grid(scaleFactor: s)
            return (0..<rows).flatMap { m in (0..<columns).map { n in tile(scaleFactor: s, column: n, row: m) } }
        }
    }

    /// The one file that is not a tile: a copy of the largest listed size under the other name
    /// clients use for it. When the whole image fits in one tile unreduced, that tile is `full/max`
    /// and the copy is `full/w,h` (the form of `sizes`); otherwise the largest listed size is the tile
    /// `full/w,h` and the copy is `full/max`, which level 0 requires and info.json caps at that size.
    public var aliasPath: String {
        let largest = largestSize
        if largest == Size(width: width, height: height) { return "full/\(width),\(height)/0/default.jpg" }
        return "full/max/0/default.jpg"
    }

    /// The scale factor of the largest listed size (the level the alias copies).
    public var largestSizeScaleFactor: Int {
        scaleFactors.first { levelSize(scaleFactor: $0) == largestSize } ?? scaleFactors.last ?? 1
    }
}
