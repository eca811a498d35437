import Foundation

/// Decodes a master file once, page by page: every strip, tile or scan is decoded (that is the
/// validation), and the same rows feed the resampler that makes the access copy; the thumbnail is
/// then made from the access copy. Nothing here knows about archives.
public enum MasterDecoder {
    /// Decodes every page of `url` (identified as `format`). For each page, calls `onPage` with its
    /// technical metadata, its observations and, when `derivatives` is given, its access copy and
    /// thumbnail. Returns every page's metadata with all the file's observations (including those
    /// known only at the end, such as a directory loop after the last page).
    /// With `tiles`, pages its policy selects also get a deep-zoom tile pyramid from the same rows.
    /// Throws `ImagingError` for a file that is corrupt, damaged, unsupported or beyond the limits.
    @discardableResult
    public static func decode(_ url: URL, format: IdentifiedFormat, limits: DecodeLimits,
                              derivatives: DerivativeSpec?, tiles: TileRequest? = nil,
                              onPage: (DecodedPage) throws -> Void) throws -> FileTechnicalMetadata {
        let structure = StructureCheck.findings(fileAt: url, format: format)
        var record = FileRecord(structure: structure.observations)
        if let damage = structure.damage {
            if limits.strict { throw ImagingError.structurallyDamaged(path: url.path, damage: damage) }
            record.add([DecodeObservation(.damageTolerated, detail: damage.logDescription)])
        }
        switch format.kind {
        case .tiff, .bigTIFF:
            let file = try TIFFFile(url: url, limits: limits)
            defer { file.close() }
            var index = 0
            repeat {
                let source = try file.currentPage()
                let (page, notes) = try process(source, index: index, derivatives: derivatives, tiles: tiles)
                try onPage(record.add(page, notes: notes, observationPage: index))
                index += 1
            } while try file.advance()
            record.add(notes: file.takeNotes(), observationPage: nil)
        case .jpeg:
            // Tiles need every pixel: no DCT scaling when a page may get them.
            let mayTile = tiles.map { $0.policy != .never } ?? false
            let needed = mayTile ? nil : derivatives.map { $0.accessLongEdge }
            let source = try JPEGPageSource(url: url, limits: limits, minimumLongEdge: needed)
            let (page, notes) = try process(source, index: 0, derivatives: derivatives, tiles: tiles)
            try onPage(record.add(page, notes: notes, observationPage: nil))
        case .png:
            let source = try PNGPageSource(url: url, limits: limits)
            let (page, notes) = try process(source, index: 0, derivatives: derivatives, tiles: tiles)
            try onPage(record.add(page, notes: notes, observationPage: nil))
        default:
            throw ImagingError.unsupported(path: url.path, reason: .format(name: format.name))
        }
        return record.metadata
    }

    /// Every page of a file decoded whole into memory, in the working pixel layouts (gray8/rgb8), in
    /// its stored orientation. For tests and tools on small images: ingest never holds a whole master.
    public static func fullImages(_ url: URL, limits: DecodeLimits = DecodeLimits()) throws -> [PixelImage] {
        let format = try FormatIdentifier.identify(fileAt: url)
        var images: [PixelImage] = []
        func read(_ source: PageRowSource) throws {
            let stride = source.outputWidth * source.layout.channels
            var pixels = [UInt8](repeating: 0, count: stride * source.outputHeight)
            var done = 0
            while done < source.outputHeight {
                let got = try pixels.withUnsafeMutableBufferPointer {
                    try source.readRows(into: $0.baseAddress! + done * stride, stride: stride, maxRows: source.outputHeight - done)
                }
                guard got > 0 else { throw ImagingError.corrupt(path: url.path, library: "decoder", message: "short image") }
                done += got
            }
            _ = try source.finish()
            images.append(PixelImage(width: source.outputWidth, height: source.outputHeight, layout: source.layout, pixels: pixels))
        }
        switch format.kind {
        case .tiff, .bigTIFF:
            let file = try TIFFFile(url: url, limits: limits)
            defer { file.close() }
            repeat { try read(try file.currentPage()) } while try file.advance()
        case .jpeg: try read(try JPEGPageSource(url: url, limits: limits, minimumLongEdge: nil))
        case .png: try read(try PNGPageSource(url: url, limits: limits))
        default: throw ImagingError.unsupported(path: url.path, reason: .format(name: format.name))
        }
        return images
    }

    /// The access copy's resolution: the master's, scaled to the copy's width, within what a JFIF
    /// header can state (1 to 65,535 dots per inch); nil when the master states none or an absurd one
    /// (a resolution tag of 4,294,967,295 dpi crashed the encoder: fuzz-tiff).
    static func accessDPI(_ technical: TechnicalMetadata, accessWidth: Int) -> Int? {
        guard let dpi = technical.dpi?.x, technical.width > 0 else { return nil }
        let scaled = (dpi * Double(accessWidth) / Double(technical.width)).rounded()
        guard scaled.isFinite, scaled >= 1, scaled <= 65_535 else { return nil }
        return Int(scaled)
    }

    /// Reads every row of one page, feeding the resampler; then derives and encodes.
    static func process(_ source: PageRowSource, index: Int, derivatives: DerivativeSpec?,
                        tiles: TileRequest? = nil) throws -> (DecodedPage, notes: [LibraryNote]) {
        let width = source.outputWidth, height = source.outputHeight
        let channels = source.layout.channels
        let resampler: StreamingResampler?
        if let spec = derivatives {
            // Fit the long edge of the *displayed* image: orientation swaps the axes for 5...8.
            let target = PixelImage.fittedSize(width: width, height: height, longEdge: spec.accessLongEdge)
            resampler = StreamingResampler(inputWidth: width, inputHeight: height, layout: source.layout,
                                           outputWidth: target.width, outputHeight: target.height)
        } else {
            resampler = nil
        }
        let pyramid = tileWriter(for: source, index: index, request: tiles)
        let chunk = 16
        var rows = [UInt8](repeating: 0, count: width * channels * chunk)
        var done = 0
        while done < height {
            let got = try rows.withUnsafeMutableBufferPointer { buffer in
                try source.readRows(into: buffer.baseAddress!, stride: width * channels, maxRows: min(chunk, height - done))
            }
            guard got > 0 else { break }
            if let resampler {
                rows.withUnsafeBufferPointer { buffer in
                    for r in 0..<got { resampler.push(row: buffer.baseAddress! + r * width * channels) }
                }
            }
            if let pyramid {
                try rows.withUnsafeBufferPointer { buffer in
                    for r in 0..<got { try pyramid.push(row: buffer.baseAddress! + r * width * channels) }
                }
            }
            done += got
        }
        guard done == height else {
            throw ImagingError.corrupt(path: source.path, library: "decoder", message: "stopped after \(done) of \(height) rows")
        }
        let notes = try source.finish()
        let technical = source.technical
        var page = DecodedPage(indexInFile: index, technical: technical, observations: source.headerObservations)
        page.tiles = try pyramid?.finish()
        guard let spec = derivatives, let resampler else { return (page, notes) }

        let access = Orientation.apply(technical.orientation, to: resampler.finishedImage())
        let accessDPI = Self.accessDPI(technical, accessWidth: resampler.outputWidth)
        page.access = EncodedImage(width: access.width, height: access.height,
                                   jpeg: try JPEGEncoder.encode(access, quality: spec.accessQuality,
                                                                progressive: spec.progressive, dpi: accessDPI))
        if spec.mediumLongEdge > 0, max(access.width, access.height) > spec.mediumLongEdge {
            let size = PixelImage.fittedSize(width: access.width, height: access.height, longEdge: spec.mediumLongEdge)
            let medium = StreamingResampler.resize(access, toWidth: size.width, height: size.height)
            page.medium = EncodedImage(width: medium.width, height: medium.height,
                                       jpeg: try JPEGEncoder.encode(medium, quality: spec.accessQuality, progressive: spec.progressive,
                                                                    dpi: Self.accessDPI(technical, accessWidth: medium.width)))
        }
        let thumbSize = PixelImage.fittedSize(width: access.width, height: access.height, longEdge: spec.thumbnailLongEdge)
        let thumbnail = StreamingResampler.resize(access, toWidth: thumbSize.width, height: thumbSize.height)
        page.thumbnail = EncodedImage(width: thumbnail.width, height: thumbnail.height,
                                      jpeg: try JPEGEncoder.encode(thumbnail, quality: spec.thumbnailQuality,
                                                                   progressive: false, dpi: nil))
        return (page, notes)
    }

    /// A tile writer for this page when the request's policy selects it and the rows are full size.
    private static func tileWriter(for source: PageRowSource, index: Int, request: TileRequest?) -> TilePyramidWriter? {
        guard let request else { return nil }
        let technical = source.technical
        guard source.outputWidth == technical.width, source.outputHeight == technical.height else { return nil }
        let shown = StoredOrientation(technical.orientation).displayed(width: technical.width, height: technical.height)
        guard request.policy.applies(width: shown.width, height: shown.height, accessLongEdge: request.accessLongEdge) else { return nil }
        return TilePyramidWriter(folder: request.folder(index), storedWidth: technical.width, storedHeight: technical.height,
                                 layout: source.layout, orientation: technical.orientation, spec: request.spec)
    }
}
