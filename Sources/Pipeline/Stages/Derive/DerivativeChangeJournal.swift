import Foundation
import Preservation
import Support

/// The derivative store's journal of changes, `derivatives/.diario`: one line per item whose
/// derivatives are put in place, appended (and made durable) before anything of the item moves.
/// A publish keeps the journal's position with what it read of the store (`PublishedDerivatives`);
/// the next one reads again only the manifests, tile pyramids and PDF stamps of the items named
/// after that position, instead of one file per item and per page of the whole archive.
///
/// The first line names the journal (`memoria-diario-derivados<TAB><token>`): a journal removed
/// or made anew has another token, and a publish that kept the old one reads everything.
extension DerivativeStore {
    public var changeJournalURL: URL { root.appendingPathComponent(".diario") }

    static let journalHeader = "memoria-diario-derivados"

    /// Where the journal stands: its token and its length up to its last complete line.
    public struct JournalPosition: Equatable, Sendable {
        public var token: String
        public var offset: Int
    }

    /// Appends `itemID`, with an fdatasync when `durably`. A line cut short by a crash is closed
    /// first, so the item after it is read whole.
    func appendToJournal(_ itemID: String, durably: Bool) throws {
        try FileSystem.createDirectory(root)
        let path = changeJournalURL.path
        var fd = SystemCall.open(path, O_WRONLY | O_APPEND | O_CLOEXEC, for: .write)
        if fd < 0, errno == ENOENT {
            try startJournal()
            fd = SystemCall.open(path, O_WRONLY | O_APPEND | O_CLOEXEC, for: .write)
        }
        guard fd >= 0 else { throw OCFLError.system(path: path, operation: .create, errno: errno) }
        defer { close(fd) }
        var line = itemID + "\n"
        var info = stat()
        if fstat(fd, &info) == 0, info.st_size > 0 {
            var last: UInt8 = 0
            let readFD = open(path, O_RDONLY | O_CLOEXEC)
            if readFD >= 0 {
                if pread(readFD, &last, 1, off_t(info.st_size - 1)) == 1, last != 0x0A { line = "\n" + line }
                close(readFD)
            }
        }
        if let failed = Data(line.utf8).withUnsafeBytes({ SystemCall.writeAll(fd, $0) }) {
            throw OCFLError.system(path: path, operation: .write, errno: failed)
        }
        guard !durably || SystemCall.fsync(fd) == 0 else { throw OCFLError.system(path: path, operation: .fsync, errno: errno) }
    }

    /// A new journal with a new token, in place durably (file and folder).
    private func startJournal() throws {
        try FileSystem.replaceAtomically(changeJournalURL, with: Data("\(Self.journalHeader)\t\(UUID().uuidString)\n".utf8))
    }

    /// Where the journal stands, starting one when the store has none yet (a store written by an
    /// older Memoria): a publish reads everything once, and what changes after it is journaled.
    /// nil when there is no journal and none can be started (read-only store): everything is read.
    public func journalPositionStartingOne() -> JournalPosition? {
        if let position = journalPosition() { return position }
        guard FileManager.default.fileExists(atPath: root.path), !FileManager.default.fileExists(atPath: changeJournalURL.path) else { return nil }
        do { try startJournal() } catch { return nil }
        return journalPosition()
    }

    /// The journal's token and length (to its last complete line); nil when there is none or it is not one.
    public func journalPosition() -> JournalPosition? {
        guard let data = FileManager.default.contents(atPath: changeJournalURL.path) else { return nil }
        return Self.position(of: data)
    }

    static func position(of data: Data) -> JournalPosition? {
        guard let headerEnd = data.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: data[data.startIndex..<headerEnd], as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
        guard header.count == 2, header[0] == Self.journalHeader, !header[1].isEmpty else { return nil }
        let lastLineEnd = data.lastIndex(of: 0x0A) ?? headerEnd
        return JournalPosition(token: String(header[1]), offset: lastLineEnd - data.startIndex + 1)
    }

    /// The items named after `position` and up to `upTo` (the position read at the start of this
    /// publish); nil when the journal is not the one `position` was read from, or is shorter.
    public func itemsChanged(after position: JournalPosition, upTo current: JournalPosition) -> Set<String>? {
        guard current.token == position.token, current.offset >= position.offset,
              let data = FileManager.default.contents(atPath: changeJournalURL.path), data.count >= current.offset,
              Self.position(of: data)?.token == position.token else { return nil }
        var items = Set<String>()
        for line in data[(data.startIndex + position.offset)..<(data.startIndex + current.offset)].split(separator: 0x0A) {
            items.insert(String(decoding: line, as: UTF8.self))
        }
        return items
    }
}
