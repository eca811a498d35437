/// What a request asked for, read from the site's URL shapes (Sources/Site): item pages
/// `items/<id>/`, fonds pages `fondos/<slug>/...`, the search index `buscar/indice/...`, open data
/// `datos/...`, assets `assets/...`.
enum RequestKind: UInt8, Sendable {
    /// An HTML page of the site other than an item's or a fonds' (home, browse, search page, about).
    case page
    /// An item's page: `items/<id>/` or `items/<id>/index.html`.
    case itemPage
    /// A fonds' page or one of its lists: `fondos/<slug>/...html`.
    case fondsPage
    /// A file a reader takes away: METS, Dublin Core, IIIF manifest, page text, PDF, open data.
    case download
    /// An item's access image `items/<id>/<page>.jpg`: the viewer shows it and the download link
    /// points at it, and a log cannot tell the two apart.
    case pageImage
    /// A shard of the static search index `buscar/indice/t/<hex>.js`: a search was made.
    case searchShard
    /// Style sheets, scripts, thumbnails, icons, the rest of the search index, sitemap.
    case asset
    /// `robots.txt`.
    case robots
    /// Anything else (addresses outside the site, other file types).
    case other

    /// Requests that make a client a visitor (when answered successfully).
    var isView: Bool { self == .page || self == .itemPage || self == .fondsPage || self == .download }
}

/// Kinds of download, as the report names them.
public enum DownloadKind: String, Codable, Sendable, CaseIterable {
    case mets, dublinCore = "dublin-core", iiif, text = "texto", openData = "datos-abiertos", pdf
}
