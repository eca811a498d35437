import Foundation
import Support

/// One ingest at a time: an exclusive flock on staging/ingest.lock, released when the process ends
/// (even when it is killed), so a stale lock can never block the next run.
public final class IngestLock: @unchecked Sendable {
    private let descriptor: Int32

    public init(folder: URL, display: DisplayPath) throws {
        let path = folder.appendingPathComponent("ingest.lock").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.environment("No se pudo crear la carpeta de preparación \(display.show(folder.path)) (\(SystemErrorText.describe(error).spanish)). Revise paths.staging y los permisos",
                                            detail: "\(error)")
        }
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw PipelineError.environment("No se pudo abrir el candado \(display.show(path)): \(SystemErrorText.spanish(errno: code)). \(SystemErrorText.advice(errno: code))",
                                            detail: String(cString: strerror(code)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw PipelineError.busy("Otro proceso de Memoria ya está trabajando con este archivo (candado \(display.show(path))). Espere a que termine y vuelva a ejecutar")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
