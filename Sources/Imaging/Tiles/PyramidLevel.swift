/// One level of a tile pyramid being built: a band of `tileSize` rows in which rows arrive one by
/// one (top down, or bottom up for masters stored upside down), in the level's stored axes.
///
/// "Rows" and "columns" here are the master's stored axes, mapped so that index 0 is the displayed
/// image's first row (or, for transposed orientations, first column): rows arrive in increasing or
/// decreasing index order, and each row's pixels are already in increasing column order.
final class PyramidLevel {
    let scaleFactor: Int
    /// Pixels per row and rows in this level (⌈stored size / scale factor⌉).
    let rowLength: Int
    let rowCount: Int
    let channels: Int
    let bandHeight: Int
    /// Rows of the current band received so far.
    var rowsInBand = 0
    private let band: UnsafeMutablePointer<UInt8>

    init(scaleFactor: Int, storedWidth: Int, storedHeight: Int, channels: Int, bandHeight: Int) {
        self.scaleFactor = scaleFactor
        rowLength = (storedWidth + scaleFactor - 1) / scaleFactor
        rowCount = (storedHeight + scaleFactor - 1) / scaleFactor
        self.channels = channels
        self.bandHeight = bandHeight
        let capacity = rowLength * channels * min(bandHeight, rowCount)
        band = .allocate(capacity: capacity)
        band.initialize(repeating: 0, count: capacity)
    }

    deinit { band.deallocate() }

    var rowBytes: Int { rowLength * channels }

    /// Bytes this level holds.
    var memory: Int { rowBytes * min(bandHeight, rowCount) }

    /// Where row `index` of the level goes in the band.
    func slot(ofRow index: Int) -> UnsafeMutablePointer<UInt8> {
        band + (index % bandHeight) * rowBytes
    }

    /// The first row of the band (row `b × bandHeight` of the level).
    var bandStart: UnsafeMutablePointer<UInt8> { band }

    /// Rows in band `b` (the last band of a level may be shorter).
    func rows(inBand b: Int) -> Int { min(bandHeight, rowCount - b * bandHeight) }
}
