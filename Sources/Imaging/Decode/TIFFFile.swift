import CShims
import CTIFF
import Foundation

/// A TIFF master opened through libtiff with per-handle error capture. Each directory (IFD) is a
/// page; `nextPage()` walks them in file order, and libtiff's loop detection guards the chain.
final class TIFFFile {
    let path: String
    let limits: DecodeLimits
    private(set) var handle: UnsafeMutablePointer<shim_tiff>?
    /// 0-based index of the current directory.
    private(set) var pageIndex = 0
    /// How many of the handle's distinct warnings `takeNotes()` has handed out.
    private var notesTaken = 0
    /// Safety net against absurd directory chains (libtiff also detects loops).
    static let maxPages = 10_000

    init(url: URL, limits: DecodeLimits) throws {
        path = url.path
        self.limits = limits
        var status = shim_status.fresh()
        // Cap any single libtiff allocation at what the pixel limit allows for one 16-bit RGBA page.
        let cap = UInt64(max(64 << 20, min(limits.maxPixels, Int(UInt32.max)) * 8))
        guard let opened = shim_tiff_open(path, "rm", cap, &status) else {
            throw status.error(path: path, library: "libtiff", strict: true)
                ?? .corrupt(path: path, library: "libtiff", message: "cannot open as TIFF")
        }
        handle = opened
        if limits.strict, let error = opened.pointee.status.error(path: path, library: "libtiff", strict: true) {
            close()
            throw error
        }
    }

    deinit { close() }

    func close() {
        if let handle { shim_tiff_close(handle) }
        handle = nil
    }

    /// The source for the current directory; call `advance()` after it is finished.
    func currentPage() throws -> TIFFPageSource {
        guard let handle else { throw ImagingError.corrupt(path: path, library: "libtiff", message: "file closed") }
        return try TIFFPageSource(file: self, handle: handle)
    }

    /// Moves to the next directory; false at the end of the chain. A damaged chain throws.
    func advance() throws -> Bool {
        guard let handle else { return false }
        pageIndex += 1
        if pageIndex >= Self.maxPages {
            throw ImagingError.corrupt(path: path, library: "libtiff", message: "more than \(Self.maxPages) directories")
        }
        let before = handle.pointee.status
        let more = TIFFReadDirectory(handle.pointee.tif) == 1
        let after = handle.pointee.status
        if after.code != SHIM_OK {
            throw after.error(path: path, library: "libtiff", strict: limits.strict)
                ?? .corrupt(path: path, library: "libtiff", message: "cannot read the next directory")
        }
        if limits.strict && after.damage_warnings > before.damage_warnings {
            throw ImagingError.damaged(path: path, library: "libtiff", message: after.messageText, warnings: Int(after.warnings))
        }
        return more
    }

    /// The distinct warnings emitted since the last call: those of opening (or advancing to) the
    /// current directory and of decoding it.
    func takeNotes() -> [LibraryNote] {
        guard let handle else { return [] }
        let notes = handle.pointee.status.notes(library: "libtiff", from: notesTaken)
        notesTaken += notes.count
        return notes
    }
}
