import Foundation
import Metadata
import Support

/// Validates what Memoria writes: METS against the official bundle (METS + PREMIS + MIX + DC) and
/// dc.xml against oai_dc.xsd when a schema folder is configured, and always against our own profile
/// rules. Schemas are compiled once and shared.
final class XMLValidation: @unchecked Sendable {
    let bundle: XMLSchemaValidator?
    let oaiDC: XMLSchemaValidator?
    let folder: String

    /// Schemas in `folder` not compiled yet (an ingest with nothing to do never compiles them):
    /// every check says so, so that nothing is taken as validated against schemas it was not.
    let awaitingCompilation: Bool

    /// Compiles the schemas in `folder` (holding bundle.xsd and oai_dc.xsd); nil folder: profile rules only.
    init(folder: String, display: DisplayPath) throws {
        self.folder = folder
        awaitingCompilation = false
        guard !folder.isEmpty else {
            bundle = nil
            oaiDC = nil
            return
        }
        let url = try Self.checkedFolder(folder, display: display)
        do {
            bundle = try XMLSchemaValidator(schemaAt: url.appendingPathComponent("bundle.xsd"))
            oaiDC = try XMLSchemaValidator(schemaAt: url.appendingPathComponent("oai_dc.xsd"))
        } catch {
            throw PipelineError.environment("Los esquemas oficiales de \(display.show(folder)) no se pudieron compilar; vuelva a instalarlos (scripts/) o revise paths.schemas",
                                            detail: "\(error)")
        }
    }

    /// The schema folder checked (both entry schemas present), nothing compiled: `init(folder:display:)`
    /// compiles them when the first item needs them (IngestRunner, before the first batch).
    private init(awaitingCompilationIn folder: String) {
        self.folder = folder
        awaitingCompilation = true
        bundle = nil
        oaiDC = nil
    }

    /// What an ingest opens with: the folder's schemas found but not compiled (nil folder: profile
    /// rules only, nothing to compile).
    static func uncompiled(folder: String, display: DisplayPath) throws -> XMLValidation {
        guard !folder.isEmpty else { return try XMLValidation(folder: folder, display: display) }
        _ = try checkedFolder(folder, display: display)
        return XMLValidation(awaitingCompilationIn: folder)
    }

    private static func checkedFolder(_ folder: String, display: DisplayPath) throws -> URL {
        let url = URL(fileURLWithPath: folder)
        for name in ["bundle.xsd", "oai_dc.xsd"] where !FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path) {
            throw PipelineError.environment("La carpeta de esquemas \(display.show(folder)) no tiene \(name). Apunte paths.schemas (o --schemas) a la carpeta de los esquemas oficiales (METS, PREMIS, MIX, DC), o déjelo vacío para validar solo con el perfil de Memoria")
        }
        return url
    }

    var isSchemaValidating: Bool { bundle != nil }

    /// Said of every file checked before the schemas were compiled (a bug, never a silent pass).
    private var notCompiled: [XMLProblem] {
        awaitingCompilation ? [XMLProblem(line: 0, message: "los esquemas de \(folder) no se compilaron antes de validar; no se comprobó contra ellos")] : []
    }

    func checkMETS(_ xml: String) -> [XMLProblem] {
        notCompiled + (bundle?.validate(xml, name: "mets.xml") ?? []) + METSProfileChecker.check(xml)
    }

    func checkDC(_ xml: String) -> [XMLProblem] {
        guard !awaitingCompilation else { return notCompiled }
        if let oaiDC { return oaiDC.validate(xml, name: "dc.xml") }
        do { _ = try XMLTree(bytes: Array(xml.utf8), name: "dc.xml"); return [] } catch let MetadataXMLError.notWellFormed(_, problems) {
            return problems
        } catch { return [XMLProblem(line: 0, message: "\(error)")] }
    }
}
