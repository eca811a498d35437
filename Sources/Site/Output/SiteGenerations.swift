import Foundation
import Support

/// The two copies of the site that make an incremental publish all-or-nothing: the site people see
/// and a spare copy beside it (`.<site>.generacion`, hard links to the same files). A publish brings
/// the spare up to date with the site, writes its changes into the spare, and swaps the two folders
/// in one step; a power cut at any moment leaves the previous complete site or the new one in place,
/// never a mix of old and new pages.
///
/// Keeping the spare current costs only what changed: `.<site>.diferencias` lists the paths in which
/// the two copies differ (written before the swap; the list is the same on either side of it). When
/// the list is missing (first incremental publish, or a publish cut short while it changed the spare),
/// the spare is cloned anew with hard links. Files are never changed in place (SiteOutput writes a
/// temporary file and renames it), so a file shared by both copies is never altered under the site.
struct SiteGenerations {
    let sitePath: String
    let sparePath: String
    let differencesPath: String
    /// Where a full publish builds a fresh site.
    let freshPath: String

    init(site: URL) {
        let parent = site.deletingLastPathComponent().path
        let name = site.lastPathComponent
        sitePath = site.path
        sparePath = parent + "/." + name + ".generacion"
        differencesPath = parent + "/." + name + ".diferencias"
        freshPath = parent + "/" + name + ".nuevo"
    }

    /// Makes the spare copy equal to the site and returns its path (an incremental publish writes there).
    func prepareSpare() throws -> String {
        let listed = readDifferences()
        // From here until the new list is written, the spare's content is unknown to the next publish.
        unlink(differencesPath)
        if let listed, isFolder(sparePath) {
            for relative in listed { try replay(relative) }
        } else {
            try SiteTree.remove(sparePath)
            try SiteTree.clone(sitePath, to: sparePath)
        }
        CrashPoints.pass("spare site copy brought up to date")
        return sparePath
    }

    /// A full publish: the spare no longer mirrors anything useful.
    func forgetSpare() throws {
        unlink(differencesPath)
        try SiteTree.remove(sparePath)
    }

    /// Records the paths the publish changed in the spare, then swaps spare and site.
    func swapSpareIn(changed: Set<String>) throws {
        try writeDifferences(changed.sorted())
        CrashPoints.pass("site changes listed, spare not yet swapped in")
        try swap(sparePath, keepPrevious: true)
    }

    /// A full publish's fresh folder takes the site's place; the previous site is removed.
    func swapFreshIn() throws { try swap(freshPath, keepPrevious: false) }

    /// The two folders change places in one step (RENAME_EXCHANGE) where the system allows it, so that
    /// a visitor, or a power cut, finds the previous complete site or the new one and never no site.
    private func swap(_ built: String, keepPrevious: Bool) throws {
        if isFolder(sitePath), let exchanged = SystemCall.exchange(built, sitePath) {
            guard exchanged == 0 else { throw SiteError.system(path: sitePath, operation: "poner en su lugar", errno: errno) }
            CrashPoints.pass("new site swapped in")
            if !keepPrevious { try? SiteTree.remove(built) }
            return
        }
        // No exchange on this system: two renames, with a moment of no site between them.
        let aside = sitePath + ".anterior"
        try SiteTree.remove(aside)
        if isFolder(sitePath) {
            guard SystemCall.rename(sitePath, aside) == 0 else { throw SiteError.system(path: sitePath, operation: "apartar", errno: errno) }
        }
        guard SystemCall.rename(built, sitePath) == 0 else { throw SiteError.system(path: sitePath, operation: "poner en su lugar", errno: errno) }
        if keepPrevious {
            guard SystemCall.rename(aside, built) == 0 else { throw SiteError.system(path: built, operation: "apartar", errno: errno) }
        } else {
            try? SiteTree.remove(aside)
        }
    }

    /// Makes one path of the spare what it is in the site (a file, a folder, or nothing).
    private func replay(_ relative: String) throws {
        let target = sparePath + "/" + relative
        try SiteTree.remove(target)
        let source = sitePath + "/" + relative
        var info = stat()
        guard lstat(source, &info) == 0 else { return }
        let parent = (target as NSString).deletingLastPathComponent
        try SiteTree.makeFolders(parent)
        if info.st_mode & S_IFMT == S_IFDIR {
            try SiteTree.clone(source, to: target)
        } else {
            try SiteTree.linkOrCopy(source, to: target)
        }
    }

    private func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The list: a header line, then one site-relative path a line (site paths never hold line breaks).
    private func readDifferences() -> [String]? {
        guard let data = FileManager.default.contents(atPath: differencesPath) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == Self.header, lines.last == Self.footer else { return nil }
        return Array(lines.dropFirst().dropLast()).filter { !$0.isEmpty }
    }

    private func writeDifferences(_ paths: [String]) throws {
        let text = ([Self.header] + paths + [Self.footer]).joined(separator: "\n")
        let temporary = differencesPath + ".tmp"
        let fd = SystemCall.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644, for: .create)
        guard fd >= 0 else { throw SiteError.system(path: differencesPath, operation: "crear", errno: errno) }
        let failed = Data(text.utf8).withUnsafeBytes { SystemCall.writeAll(fd, $0) }
        close(fd)
        if let failed { unlink(temporary); throw SiteError.system(path: differencesPath, operation: "escribir", errno: failed) }
        guard SystemCall.rename(temporary, differencesPath) == 0 else {
            let code = errno
            unlink(temporary)
            throw SiteError.system(path: differencesPath, operation: "poner en su lugar", errno: code)
        }
    }

    static let header = "memoria-diferencias\t1"
    static let footer = "# fin"
}
