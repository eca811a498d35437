/// What the site needs to know about the deployment (from pipeline.yaml, passed in by Pipeline).
public struct SiteSettings: Sendable {
    public var title: String
    public var tagline: String
    /// Public address, e.g. "https://memoria.hidalgo.gob.mx/", always with its final slash (empty:
    /// relative links only). IIIF manifests and collections, the sitemap's and the canonical links'
    /// absolute addresses need it; `absoluteURL(_:)` is how every page builder makes one.
    public var baseURL: String
    /// Whether the site has a public address (IIIF is written only then).
    public var hasBaseURL: Bool { !baseURL.isEmpty }
    public var itemsPerPage: Int
    public var about: String
    public var institutionName: String
    public var institutionURL: String
    public var contactEmail: String
    /// OCR words read with less confidence (0...1) get no box on the page image, as they are left out
    /// of the page text (pipeline.yaml, text.ocr_min_word_confidence).
    public var ocrWordConfidenceFloor: Double = 0
    /// Subjects whose items the home page does not highlight (test items of a sample, for instance).
    public var homeHiddenSubjects: [String]

    public init(title: String, tagline: String, baseURL: String, itemsPerPage: Int, about: String, institutionName: String,
                institutionURL: String, contactEmail: String, homeHiddenSubjects: [String] = []) {
        self.homeHiddenSubjects = homeHiddenSubjects
        self.title = title
        self.tagline = tagline
        self.baseURL = baseURL.isEmpty || baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.itemsPerPage = itemsPerPage
        self.about = about
        self.institutionName = institutionName
        self.institutionURL = institutionURL
        self.contactEmail = contactEmail
    }
}

/// A page's deep-zoom tiles (a static IIIF level-0 image service), as the derive stage wrote them.
public struct SitePageTiles: Sendable, Equatable {
    /// Absolute path of the derivative folder holding the tiles (`full/`, `0,0,512,512/`…).
    public var folder: String
    /// The full displayed size of the page (the master's, orientation applied).
    public var width: Int
    public var height: Int
    /// The service's info.json, with its id already the page's tiles address on the site.
    public var infoJSON: String { deferredInfoJSON.text }
    let deferredInfoJSON: DeferredText
    /// Tile edge in pixels and the pyramid's scale factors (1, 2, 4…), as info.json lists them; the
    /// viewer builds each tile's address from them (an info.json cannot be fetched from `file://`).
    public var tileSize: Int
    public var scaleFactors: [Int]

    public init(folder: String, width: Int, height: Int, infoJSON: DeferredText, tileSize: Int, scaleFactors: [Int]) {
        self.tileSize = tileSize
        self.scaleFactors = scaleFactors
        self.folder = folder
        self.width = width
        self.height = height
        deferredInfoJSON = infoJSON
    }

    /// Where a page's tiles are published, relative to the site root (no trailing slash).
    public static func sitePath(itemID: String, key: String) -> String { "items/\(itemID)/iiif/\(key)" }
}

/// The static IIIF level-0 service of a page without tiles: whole images only, at the sizes of its
/// access, medium and thumbnail copies (hard links under `iiif/<key>/full/…`).
public struct SiteStaticSizes: Sendable, Equatable {
    /// The service's info.json, its id the page's service address on the site.
    public var infoJSON: String { deferredInfoJSON.text }
    let deferredInfoJSON: DeferredText
    /// Paths under the service folder (`full/max/0/default.jpg`…) and the derivative each one is.
    public var files: [String: String]

    public init(infoJSON: DeferredText, files: [String: String]) {
        deferredInfoJSON = infoJSON
        self.files = files
    }
}

/// The medium copy of a page (for small screens: `srcset` offers it beside the access copy).
public struct SiteMediumImage: Sendable, Equatable {
    public var file: String
    public var width: Int
    public var height: Int

    public init(file: String, width: Int, height: Int) {
        self.file = file
        self.width = width
        self.height = height
    }
}

/// An access image, medium copy and thumbnail of one page, as `memoria derive` left them.
public struct SitePageImage: Sendable, Equatable {
    public var sequence: Int
    public var key: String
    public var accessFile: String      // absolute path of the access JPEG
    public var thumbnailFile: String
    public var accessWidth: Int
    public var accessHeight: Int
    public var thumbnailWidth: Int
    public var thumbnailHeight: Int
    public var tiles: SitePageTiles?
    public var medium: SiteMediumImage?
    /// The page's image service when it has no tiles.
    public var sizes: SiteStaticSizes?

    public init(sequence: Int, key: String, accessFile: String, thumbnailFile: String, accessWidth: Int, accessHeight: Int,
                thumbnailWidth: Int, thumbnailHeight: Int, tiles: SitePageTiles? = nil, medium: SiteMediumImage? = nil,
                sizes: SiteStaticSizes? = nil) {
        self.tiles = tiles
        self.medium = medium
        self.sizes = sizes
        self.sequence = sequence
        self.key = key
        self.accessFile = accessFile
        self.thumbnailFile = thumbnailFile
        self.accessWidth = accessWidth
        self.accessHeight = accessHeight
        self.thumbnailWidth = thumbnailWidth
        self.thumbnailHeight = thumbnailHeight
    }

    /// Where the site serves the access copy, relative to the item's folder: the page's IIIF
    /// `full/max` when it has a whole-image service (the same file, published once), else `<key>.jpg`.
    public var accessSitePath: String { sizes == nil ? "\(key).jpg" : "iiif/\(key)/full/max/0/default.jpg" }
    /// The thumbnail's address relative to the item's folder (its IIIF size when there is a service).
    public var thumbnailSitePath: String {
        sizes == nil ? "\(key).thumb.jpg" : "iiif/\(key)/full/\(thumbnailWidth),\(thumbnailHeight)/0/default.jpg"
    }
    /// The medium copy's address relative to the item's folder, when the page has one: always its
    /// own name beside the page, as `srcset` names it (an IIIF size holds a comma, which HTML reads
    /// right inside a srcset address but simpler readers of srcset take for the end of a candidate).
    public var mediumSitePath: String? { medium == nil ? nil : "\(key).m.jpg" }
}

/// An item's download PDF, as publishing made it in the derivatives.
public struct SiteItemPDF: Sendable, Equatable {
    public var file: String
    public var bytes: Int64
    public var pages: Int
    /// Identifies its content (changes when it is made again), so the item page follows it.
    public var fingerprint: String

    public init(file: String, bytes: Int64, pages: Int, fingerprint: String) {
        self.file = file
        self.bytes = bytes
        self.pages = pages
        self.fingerprint = fingerprint
    }

    /// Where it is published, relative to the site root.
    public static func sitePath(itemID: String) -> String { "items/\(itemID)/\(itemID).pdf" }
}

/// Per item, files the site copies or links to beside the catalog data.
public struct SiteItemFiles: Sendable, Equatable {
    public var images: [SitePageImage]
    public var metsFile: String?
    public var dcFile: String?
    public var pdf: SiteItemPDF?
    /// The archived text files (ALTO, hOCR) by their logical path (`text/0001.alto.xml`): absolute
    /// paths, read at publish for the word boxes that show search hits on the page image.
    public var textFiles: [String: String]

    public init(images: [SitePageImage], metsFile: String?, dcFile: String?, pdf: SiteItemPDF? = nil, textFiles: [String: String] = [:]) {
        self.pdf = pdf
        self.textFiles = textFiles
        self.images = images
        self.metsFile = metsFile
        self.dcFile = dcFile
    }
}
