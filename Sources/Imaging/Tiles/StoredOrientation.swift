/// How a master's stored rows map to its displayed image, for a TIFF/EXIF orientation (1...8):
/// whether stored rows are displayed columns (transposed), and whether rows or the pixels within a
/// row run backwards. Anything outside 1...8 is treated as 1, as for the access copy.
struct StoredOrientation: Equatable {
    /// Stored rows are displayed columns (orientations 5...8).
    let transposed: Bool
    /// The last stored row comes first in the displayed image.
    let reversedRows: Bool
    /// The last pixel of a stored row comes first in the displayed image.
    let reversedColumns: Bool

    init(_ orientation: Int) {
        switch orientation {
        case 2: (transposed, reversedRows, reversedColumns) = (false, false, true)
        case 3: (transposed, reversedRows, reversedColumns) = (false, true, true)
        case 4: (transposed, reversedRows, reversedColumns) = (false, true, false)
        case 5: (transposed, reversedRows, reversedColumns) = (true, false, false)
        case 6: (transposed, reversedRows, reversedColumns) = (true, true, false)
        case 7: (transposed, reversedRows, reversedColumns) = (true, true, true)
        case 8: (transposed, reversedRows, reversedColumns) = (true, false, true)
        default: (transposed, reversedRows, reversedColumns) = (false, false, false)
        }
    }

    /// Displayed size of a stored image.
    func displayed(width: Int, height: Int) -> (width: Int, height: Int) {
        transposed ? (height, width) : (width, height)
    }
}
