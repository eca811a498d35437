import Foundation
import Preservation
import Support

/// One file of `memoria export` (the correction sheet, the catalogue dump, the finding aid), written
/// atomically: when the disk fails, the file is as it was and the message names it (not its
/// temporary sibling) and says what to do.
struct ExportFile {
    let context: StageContext

    func write(_ data: Data, to file: URL, what: String) throws {
        do {
            try FileSystem.replaceAtomically(file, with: data)
        } catch {
            let (spanish, technical) = SystemErrorText.describe(error)
            guard let code = SystemErrorText.errno(of: error) else {
                throw PipelineError.environment("No se pudo escribir \(what) «\(context.displayPath(file.path))»: \(context.displayPaths.scrub(spanish))", detail: technical)
            }
            throw PipelineError.environment("No se pudo escribir \(what) «\(context.displayPath(file.path))»: \(SystemErrorText.spanish(errno: code)). \(SystemErrorText.advice(errno: code))",
                                            detail: technical)
        }
    }
}
