import Foundation

/// Browser libraries made by others that the site copies in at publish time (never bundled with
/// Memoria): today Leaflet, which the page viewer uses for deep zoom on the IIIF tiles. Each library
/// goes under `assets/<name>/` with its licence beside it; when one is absent the site still works
/// (the viewer shows the plain access image) and `publish` says so.
public struct SiteLibraries: Sendable, Equatable {
    /// Leaflet's files by their name under `assets/leaflet/`; empty when Leaflet is not installed.
    public var leaflet: [String: Data]

    public init(leaflet: [String: Data] = [:]) { self.leaflet = leaflet }

    public var hasLeaflet: Bool { leaflet["leaflet.js"] != nil }

    /// Assets by their path under `assets/`.
    var assets: [String: Data] {
        Dictionary(uniqueKeysWithValues: leaflet.map { ("leaflet/\($0.key)", $0.value) })
    }

    /// Where a library could not be read.
    public enum Problem: Error, Equatable, Sendable {
        /// `folder` has no `leaflet.min.js`/`leaflet.js` (the Debian package libjs-leaflet is not installed).
        case leafletMissing(folder: String)
        /// The licence file is missing: the library is not copied without it.
        case licenceMissing(path: String)
    }

    /// Leaflet as Debian installs it (`libjs-leaflet`): the minified script (its source-map comment
    /// dropped, the map is not copied), the stylesheet (without Internet Explorer's `behavior`), and the package's copyright file as the licence.
    public static func leaflet(folder: URL, licence: URL) throws(Problem) -> SiteLibraries {
        let script = ["leaflet.min.js", "leaflet.js"].lazy.compactMap { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) }.first
        guard let script, let css = FileManager.default.contents(atPath: folder.appendingPathComponent("leaflet.css").path) else {
            throw .leafletMissing(folder: folder.path)
        }
        guard let licenceText = FileManager.default.contents(atPath: licence.path) else { throw .licenceMissing(path: licence.path) }
        let text = String(decoding: script, as: UTF8.self)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("//# sourceMappingURL=") }
        // Internet Explorer's `behavior` (VML shapes) is not CSS: the site's CSS must validate.
        let stylesheet = String(decoding: css, as: UTF8.self).replacingOccurrences(of: "behavior:url(#default#VML);", with: "")
        return SiteLibraries(leaflet: ["leaflet.js": Data(kept.joined(separator: "\n").utf8), "leaflet.css": Data(stylesheet.utf8),
                                       "LICENCIA.txt": licenceText])
    }
}
