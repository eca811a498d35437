import Foundation

/// A file in staging that says: every run since the last full recovery sweep journaled the objects
/// it was putting a new version into (`OCFLRecovery.journal(for:in:)`), so a start need look only at
/// the objects journals name. A Memoria older than the journals empties staging at its start, marker
/// included, so after it has run (or been killed half-way through a version) the marker is gone and
/// the next start sweeps every object once again.
public enum JournalKeptMarker {
    public static let name = "recuperacion-con-diario.txt"

    static let text = """
        Memoria anota en esta carpeta cada objeto al que está añadiendo una versión, y al arrancar \
        repara solo los objetos anotados. Si este archivo falta, el próximo ingreso revisa todos los \
        objetos del archivo una vez y lo vuelve a escribir.

        """

    /// Written durably (the file and the folder's entry) after a full sweep.
    static func write(in staging: URL) throws {
        if !FileManager.default.fileExists(atPath: staging.path) { try FileSystem.createDirectory(staging) }
        try FileSystem.writeDurably(Data(text.utf8), to: staging.appendingPathComponent(name))
        try FileSystem.syncDirectory(staging)
    }
}
