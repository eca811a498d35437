import Catalog
import Foundation
import Preservation
import Support

/// A batch report that the disk refused (full, failing) is kept in the catalog until the next ingest
/// writes it where it belongs, and that run says so: a batch's report is never lost to a fault at the
/// end of its run.
enum PendingReports {
    static let prefix = "informe_pendiente\t"

    /// Keeps the report's files (path → bytes) in the catalog; false when the catalog refused too.
    static func keep(_ files: [(url: URL, data: Data)], catalog: CatalogDatabase) -> Bool {
        do {
            for file in files { try catalog.setSetting(prefix + file.url.path, String(decoding: file.data, as: UTF8.self)) }
            return true
        } catch {
            return false
        }
    }

    /// Writes every kept report file; Spanish lines saying which were written (or still could not be).
    static func writeAll(catalog: CatalogDatabase, displayPath: (String) -> String) -> [String] {
        guard let kept = try? catalog.settings(withPrefix: prefix), !kept.isEmpty else { return [] }
        var lines: [String] = []
        for (key, value) in kept {
            let url = URL(fileURLWithPath: String(key.dropFirst(prefix.count)))
            do {
                try FileSystem.createDirectory(url.deletingLastPathComponent())
                try FileSystem.replaceAtomically(url, with: Data(value.utf8))
                try catalog.removeSetting(key)
                lines.append("se escribió el informe que la ejecución anterior no pudo escribir: \(displayPath(url.path))")
            } catch {
                lines.append("el informe de una ejecución anterior sigue sin poder escribirse en \(displayPath(url.path)): \(SystemErrorText.describe(error).spanish); se intentará de nuevo en la próxima ejecución")
            }
        }
        return lines
    }
}
