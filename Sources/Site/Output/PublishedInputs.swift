import Foundation
import Support

/// What the site beside it was made from, in one line of fingerprints, and what that publish said:
/// `.<site>.entradas`, written after a publish that completed without warnings. The next publish
/// computes the same key first (the catalog's and the derivative store's change stamps, the
/// settings, the templates and assets); when it is equal, the site is current and nothing else is
/// read, at any size of the archive. The first day an embargo ends is kept too: from that day on the
/// same inputs make another site (the item appears), so the key no longer counts as equal.
public struct PublishedInputs: Equatable, Sendable {
    static let version = 1
    public var key: String
    /// The first day after the publish on which an embargoed item becomes public (YYYY-MM-DD), if any.
    public var firstEmbargoEnd: String?
    public var items: Int
    public var files: Int
    public var siteBytes: Int64
    public var searchIndexBytes: Int64

    public init(key: String, firstEmbargoEnd: String?, summary: SiteSummary) {
        self.init(key: key, firstEmbargoEnd: firstEmbargoEnd, items: summary.items, files: summary.filesWritten + summary.filesUnchanged,
                  siteBytes: summary.siteBytes, searchIndexBytes: summary.searchIndexBytes)
    }

    init(key: String, firstEmbargoEnd: String?, items: Int, files: Int, siteBytes: Int64, searchIndexBytes: Int64) {
        self.key = key
        self.firstEmbargoEnd = firstEmbargoEnd
        self.items = items
        self.files = files
        self.siteBytes = siteBytes
        self.searchIndexBytes = searchIndexBytes
    }

    static func url(site: URL) -> URL {
        site.deletingLastPathComponent().appendingPathComponent(".\(site.lastPathComponent).entradas")
    }

    /// The key of a publish: the inputs' stamps and settings, and the fingerprint of what this version
    /// of Memoria renders them with (templates, assets, libraries, site settings).
    public static func key(settings: SiteSettings, libraries: SiteLibraries, inputs: [String]) throws -> String {
        let renderer = try PageRenderer(settings: settings, libraries: libraries)
        return Fingerprint.of(["entradas", String(version), String(PublishState.version), renderer.fingerprint] + inputs)
    }

    /// The record beside `site`, if it is readable and of this version.
    public static func load(site: URL) -> PublishedInputs? {
        guard let data = FileManager.default.contents(atPath: url(site: site).path) else { return nil }
        let fields = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 7, fields[0] == "memoria-entradas\t\(version)", let items = Int(fields[3]), let files = Int(fields[4]),
              let siteBytes = Int64(fields[5]), let searchIndexBytes = Int64(fields[6]) else { return nil }
        return PublishedInputs(key: fields[1], firstEmbargoEnd: fields[2].isEmpty ? nil : fields[2], items: items, files: files,
                               siteBytes: siteBytes, searchIndexBytes: searchIndexBytes)
    }

    /// The site as it stands, when `key` is the key it was made from, `today` is before the first
    /// embargo end it was made without, and its front page and publish state are in place.
    public static func currentSite(site: URL, key: String, today: String, started: Date) -> SiteSummary? {
        guard let record = load(site: site), record.key == key, record.firstEmbargoEnd.map({ today < $0 }) ?? true,
              FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path),
              FileManager.default.fileExists(atPath: PublishState.url(site: site).path) else { return nil }
        return SiteSummary(mode: "unchanged", items: record.items, itemsRendered: 0, itemsRemoved: 0, filesWritten: 0,
                           filesUnchanged: record.files, siteBytes: record.siteBytes, searchIndexBytes: record.searchIndexBytes,
                           seconds: Date().timeIntervalSince(started), path: site.path)
    }

    /// Writes the record (SideFile: a record lost in a power cut only makes the next publish do its work).
    public func save(site: URL) throws {
        let target = Self.url(site: site)
        let text = "memoria-entradas\t\(Self.version)\n\(key)\n\(firstEmbargoEnd ?? "")\n\(items)\n\(files)\n\(siteBytes)\n\(searchIndexBytes)\n"
        try SideFile.replace(target, with: text)
    }

    /// Removes the record beside `site` (a publish that does its work, or one that ended with warnings).
    public static func forget(site: URL) {
        unlink(url(site: site).path)
    }
}
