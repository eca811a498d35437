import CResampleKernels
import Foundation

/// Builds a static IIIF level-0 tile pyramid from a page's decoded rows, as they arrive: the same
/// rows that feed the access copy's resampler, so the master is decoded once.
///
/// Level 1 (scale factor 1) keeps one band of `tileSize` rows; when a band is complete its tiles are
/// encoded (JPEG) and written, and every pair of rows is averaged 2×2 into the next level, which
/// does the same. Memory is about two bands of the master's width (a 9000-pixel-wide RGB map:
/// 28 MB at 512-pixel tiles), whatever its height. Orientation is applied on the way: tiles and
/// sizes are those of the displayed image.
final class TilePyramidWriter {
    private(set) var pyramid: TilePyramid
    let folder: URL
    private let spec: TileSpec
    private let orientation: StoredOrientation
    private let storedWidth: Int, storedHeight: Int
    private let channels: Int
    private let levels: [PyramidLevel]
    private let files: TileFolder
    private var rowsSeen = 0
    private var flipped: [UInt8]
    private var transposedTile: [UInt8] = []

    /// Prepares a pyramid for a page of this stored size and orientation; nothing is written yet.
    init(folder: URL, storedWidth: Int, storedHeight: Int, layout: PixelLayout, orientation: Int, spec: TileSpec) {
        self.folder = folder
        self.spec = spec.normalized
        self.orientation = StoredOrientation(orientation)
        self.storedWidth = storedWidth
        self.storedHeight = storedHeight
        channels = layout.channels
        let shown = self.orientation.displayed(width: storedWidth, height: storedHeight)
        pyramid = TilePyramid(width: shown.width, height: shown.height, spec: self.spec)
        levels = pyramid.scaleFactors.map { s in
            PyramidLevel(scaleFactor: s, storedWidth: storedWidth, storedHeight: storedHeight, channels: layout.channels,
                         bandHeight: spec.normalized.tileSize)
        }
        files = TileFolder(root: folder)
        flipped = self.orientation.reversedColumns ? [UInt8](repeating: 0, count: storedWidth * layout.channels) : []
    }

    /// Bytes of pixels the writer holds at once.
    var memory: Int { levels.reduce(0) { $0 + $1.memory } + flipped.count }

    /// Feeds the next stored row (`storedWidth × channels` bytes), top to bottom.
    func push(row: UnsafePointer<UInt8>) throws {
        guard rowsSeen < storedHeight else { return }
        let index = orientation.reversedRows ? storedHeight - 1 - rowsSeen : rowsSeen
        rowsSeen += 1
        let level = levels[0]
        let slot = level.slot(ofRow: index)
        if orientation.reversedColumns {
            let c = channels, last = storedWidth - 1
            for x in 0..<storedWidth {
                for k in 0..<c { slot[x * c + k] = row[(last - x) * c + k] }
            }
        } else {
            slot.update(from: row, count: level.rowBytes)
        }
        try stored(row: index, level: 0)
    }

    /// Completes the pyramid after the last row: writes its description beside the tiles.
    func finish() throws -> TilePyramid {
        guard rowsSeen == storedHeight else {
            throw ImagingError.derivativeWriteFailed(path: folder.path, reason: "tile pyramid finished after \(rowsSeen) of \(storedHeight) rows")
        }
        pyramid.fileCount = files.fileCount
        pyramid.byteCount = files.byteCount
        try TilePyramidFile.write(pyramid, to: folder)
        return pyramid
    }

    /// Row `index` of level `k` is in its band: reduce pairs into the next level, write full bands.
    private func stored(row index: Int, level k: Int) throws {
        let level = levels[k]
        level.rowsInBand += 1
        if k + 1 < levels.count {
            let next = levels[k + 1]
            let descending = orientation.reversedRows
            var pair: (UnsafePointer<UInt8>, UnsafePointer<UInt8>?)?
            if !descending && index % 2 == 1 {
                pair = (UnsafePointer(level.slot(ofRow: index - 1)), UnsafePointer(level.slot(ofRow: index)))
            } else if index % 2 == 0 && index == level.rowCount - 1 {
                pair = (UnsafePointer(level.slot(ofRow: index)), nil)
            } else if descending && index % 2 == 0 {
                pair = (UnsafePointer(level.slot(ofRow: index)), UnsafePointer(level.slot(ofRow: index + 1)))
            }
            if let (upper, lower) = pair {
                memoria_box2_row(upper, lower, Int32(level.rowLength), Int32(channels), next.slot(ofRow: index / 2))
                try stored(row: index / 2, level: k + 1)
            }
        }
        let band = index / level.bandHeight
        if level.rowsInBand == level.rows(inBand: band) {
            try writeTiles(ofBand: band, level: level)
            level.rowsInBand = 0
        }
    }

    /// Encodes and writes the tiles of a complete band.
    private func writeTiles(ofBand band: Int, level: PyramidLevel) throws {
        let rows = level.rows(inBand: band)
        let t = spec.tileSize, c = channels
        var column = 0
        while column * t < level.rowLength {
            let columns = min(t, level.rowLength - column * t)
            let origin = UnsafePointer(level.bandStart + column * t * c)
            let tile: TilePyramid.Tile
            let jpeg: [UInt8]
            if orientation.transposed {
                tile = pyramid.tile(scaleFactor: level.scaleFactor, column: band, row: column)
                jpeg = try encodeTransposed(origin, rows: rows, columns: columns, stride: level.rowBytes)
            } else {
                tile = pyramid.tile(scaleFactor: level.scaleFactor, column: column, row: band)
                jpeg = try JPEGEncoder.encode(origin, width: columns, height: rows, channels: c, stride: level.rowBytes,
                                              quality: spec.quality, progressive: false, dpi: nil)
            }
            try files.write(jpeg, to: tile.path)
            if level.scaleFactor == pyramid.largestSizeScaleFactor && tile.regionWidth == pyramid.width && tile.regionHeight == pyramid.height {
                try files.write(jpeg, to: pyramid.aliasPath)
            }
            column += 1
        }
    }

    /// A tile of a transposed master: its stored rows become the tile's columns.
    private func encodeTransposed(_ origin: UnsafePointer<UInt8>, rows: Int, columns: Int, stride: Int) throws -> [UInt8] {
        let c = channels
        if transposedTile.count < rows * columns * c { transposedTile = [UInt8](repeating: 0, count: rows * columns * c) }
        return try transposedTile.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            // Displayed pixel (x, y) of the tile is stored row x, column y of the band.
            for y in 0..<columns {
                for x in 0..<rows {
                    let from = origin + x * stride + y * c, to = out + (y * rows + x) * c
                    for k in 0..<c { to[k] = from[k] }
                }
            }
            return try JPEGEncoder.encode(UnsafePointer(out), width: rows, height: columns, channels: c, stride: rows * c,
                                          quality: spec.quality, progressive: false, dpi: nil)
        }
    }
}
