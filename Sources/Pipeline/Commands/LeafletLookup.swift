import Foundation
import Site

/// Finds Leaflet for the site's viewer where Debian installs it (`libjs-leaflet`:
/// /usr/share/javascript/leaflet, its licence in /usr/share/doc/libjs-leaflet/copyright).
/// `MEMORIA_LEAFLET_DIR` points elsewhere (a folder holding leaflet.js, leaflet.css and the licence
/// as `copyright`); tests use it to publish without Leaflet. Without it the site still works: the
/// viewer shows the access images without deep zoom, and publish says what to install.
enum LeafletLookup {
    static let debianFolder = "/usr/share/javascript/leaflet"
    static let debianLicence = "/usr/share/doc/libjs-leaflet/copyright"

    struct Result {
        var found: SiteLibraries
        /// Spanish, for the publish report, when Leaflet was not found.
        var warning: String?
    }

    static func libraries(environment: [String: String]) -> Result {
        let folder: URL, licence: URL
        if let custom = environment["MEMORIA_LEAFLET_DIR"], !custom.isEmpty {
            folder = URL(fileURLWithPath: custom, isDirectory: true)
            licence = folder.appendingPathComponent("copyright")
        } else {
            folder = URL(fileURLWithPath: debianFolder, isDirectory: true)
            licence = URL(fileURLWithPath: debianLicence)
        }
        do {
            return Result(found: try SiteLibraries.leaflet(folder: folder, licence: licence), warning: nil)
        } catch {
            let what: String
            switch error {
            case .leafletMissing: what = "no se encontró Leaflet (el paquete de Debian libjs-leaflet)"
            case .licenceMissing: what = "se encontró Leaflet pero no su licencia (el paquete de Debian libjs-leaflet está incompleto)"
            }
            return Result(found: SiteLibraries(), warning: "\(what): el visor mostrará las páginas sin acercamiento por mosaicos; "
                          + "instálelo con «sudo apt-get install libjs-leaflet» (o bash scripts/setup-debian.sh) y vuelva a publicar")
        }
    }
}
