import Foundation
import Preservation
import Support

/// The derivative store's change stamp, `derivatives/.cambios`: a random token drawn anew whenever
/// an item's derivatives are put in place. A publish reads it before anything else and keeps it; the
/// next publish with the same stamp (and the same catalog stamp and settings) knows that no access
/// copy, tile pyramid or manifest changed since, without reading the manifests of every item.
///
/// A commit draws a token twice: durably before it moves anything (so after a power cut the stamp
/// differs from the one a publish kept, whatever the commit got to write), and again after the
/// manifest (so a publish that read the first token while the commit was under way is not taken
/// for current by the next one).
extension DerivativeStore {
    public var changeStampURL: URL { root.appendingPathComponent(".cambios") }

    /// The stamp as it is now ("" when no derivative was ever put in place by this version).
    public func changeStamp() -> String {
        FileManager.default.contents(atPath: changeStampURL.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Names `itemID` in the change journal and draws a new token: both with an fsync (and the
    /// stamp's folder) when `durably`.
    func noteChange(of itemID: String, durably: Bool) throws {
        try appendToJournal(itemID, durably: durably)   // DerivativeChangeJournal
        let token = Data(UUID().uuidString.utf8)
        if durably {
            try FileSystem.replaceAtomically(changeStampURL, with: token)
        } else {
            let temporary = root.appendingPathComponent(".cambios.\(ProcessInfo.processInfo.processIdentifier).tmp")
            do {
                try FileSystem.write(token, to: temporary, fsync: false)
                try FileSystem.renameWithoutSync(temporary, to: changeStampURL)
            } catch {
                _ = unlink(temporary.path)   // nothing half-written is left beside the stamp
                throw error
            }
        }
    }
}
