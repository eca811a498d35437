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

    /// Compiles the schemas in `folder` (holding bundle.xsd and oai_dc.xsd); nil folder: profile rules only.
    init(folder: String, display: DisplayPath) throws {
        self.folder = folder
        guard !folder.isEmpty else {
            bundle = nil
            oaiDC = nil
            return
        }
        let url = URL(fileURLWithPath: folder)
        for name in ["bundle.xsd", "oai_dc.xsd"] where !FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path) {
            throw PipelineError.environment("La carpeta de esquemas \(display.show(folder)) no tiene \(name). Apunte paths.schemas (o --schemas) a la carpeta de los esquemas oficiales (METS, PREMIS, MIX, DC), o déjelo vacío para validar solo con el perfil de Memoria")
        }
        do {
            bundle = try XMLSchemaValidator(schemaAt: url.appendingPathComponent("bundle.xsd"))
            oaiDC = try XMLSchemaValidator(schemaAt: url.appendingPathComponent("oai_dc.xsd"))
        } catch {
            throw PipelineError.environment("Los esquemas oficiales de \(display.show(folder)) no se pudieron compilar; vuelva a instalarlos (scripts/) o revise paths.schemas",
                                            detail: "\(error)")
        }
    }

    var isSchemaValidating: Bool { bundle != nil }

    func checkMETS(_ xml: String) -> [XMLProblem] {
        (bundle?.validate(xml, name: "mets.xml") ?? []) + METSProfileChecker.check(xml)
    }

    func checkDC(_ xml: String) -> [XMLProblem] {
        if let oaiDC { return oaiDC.validate(xml, name: "dc.xml") }
        do { _ = try XMLTree(bytes: Array(xml.utf8), name: "dc.xml"); return [] } catch let MetadataXMLError.notWellFormed(_, problems) {
            return problems
        } catch { return [XMLProblem(line: 0, message: "\(error)")] }
    }
}
