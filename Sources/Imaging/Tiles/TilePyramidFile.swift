import Foundation

/// The pyramid's description kept beside its tiles (`pyramid.json`): everything info.json needs
/// except the image's URL, which publishing knows and derivation does not.
public enum TilePyramidFile {
    public static let name = "pyramid.json"

    public static func write(_ pyramid: TilePyramid, to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let url = folder.appendingPathComponent(name)
        do {
            try (encoder.encode(pyramid) + Data("\n".utf8)).write(to: url)
        } catch {
            throw ImagingError.derivativeWriteFailed(path: url.path, reason: "\(error)")
        }
    }

    /// The description in `folder`, or nil when there is none or it is not one.
    public static func read(from folder: URL) -> TilePyramid? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
        return try? JSONDecoder().decode(TilePyramid.self, from: data)
    }
}
