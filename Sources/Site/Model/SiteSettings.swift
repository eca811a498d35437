/// What the site needs to know about the deployment (from pipeline.yaml, passed in by Pipeline).
public struct SiteSettings: Sendable {
    public var title: String
    public var tagline: String
    /// Public address, e.g. "https://memoria.hidalgo.gob.mx/" (empty: relative links only).
    public var baseURL: String
    public var itemsPerPage: Int
    public var about: String
    public var institutionName: String
    public var institutionURL: String
    public var contactEmail: String
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

/// An access image and thumbnail of one page, as `memoria derive` left them.
/// A page's deep-zoom tiles (a static IIIF level-0 image service), as the derive stage wrote them.
public struct SitePageTiles: Sendable, Equatable {
    /// Absolute path of the derivative folder holding the tiles (`full/`, `0,0,512,512/`…).
    public var folder: String
    /// The full displayed size of the page (the master's, orientation applied).
    public var width: Int
    public var height: Int
    /// The service's info.json, with its id already the page's tiles address on the site.
    public var infoJSON: String

    public init(folder: String, width: Int, height: Int, infoJSON: String) {
        self.folder = folder
        self.width = width
        self.height = height
        self.infoJSON = infoJSON
    }

    /// Where a page's tiles are published, relative to the site root (no trailing slash).
    public static func sitePath(itemID: String, key: String) -> String { "items/\(itemID)/iiif/\(key)" }
}

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

    public init(sequence: Int, key: String, accessFile: String, thumbnailFile: String, accessWidth: Int, accessHeight: Int,
                thumbnailWidth: Int, thumbnailHeight: Int, tiles: SitePageTiles? = nil) {
        self.tiles = tiles
        self.sequence = sequence
        self.key = key
        self.accessFile = accessFile
        self.thumbnailFile = thumbnailFile
        self.accessWidth = accessWidth
        self.accessHeight = accessHeight
        self.thumbnailWidth = thumbnailWidth
        self.thumbnailHeight = thumbnailHeight
    }
}

/// Per item, files the site copies or links to beside the catalog data.
public struct SiteItemFiles: Sendable, Equatable {
    public var images: [SitePageImage]
    public var metsFile: String?
    public var dcFile: String?

    public init(images: [SitePageImage], metsFile: String?, dcFile: String?) {
        self.images = images
        self.metsFile = metsFile
        self.dcFile = dcFile
    }
}
