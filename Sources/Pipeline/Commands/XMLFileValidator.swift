import Foundation
import Metadata
import Support

/// `memoria validate FILE...`: checks METS files against the official bundle (plus the Memoria
/// profile rules for METS that declare our profile) and Dublin Core records against oai_dc.xsd.
public struct XMLFileValidator {
    public struct Result: Codable, Sendable {
        public var file: String
        public var kind: String
        public var problems: [XMLProblem]
        public var valid: Bool { problems.isEmpty }
    }

    /// The results of `memoria validate`, with the lines a person reads.
    public struct Report: Sendable {
        public var results: [Result]
        public var allValid: Bool { results.allSatisfy(\.valid) }

        public var linesForPeople: [String] {
            results.flatMap { result in
                ["\(result.file): \(result.kind) \(result.valid ? "válido" : "NO válido")"] + result.problems.prefix(20).map { "  \($0.spanish)" }
            }
        }
    }

    /// Validates `files` against the schemas of `schemas` (or of paths.schemas in `configFile`).
    public static func check(files: [String], schemas: String?, configFile: String) throws -> Report {
        let folder: String
        let display: DisplayPath
        if let schemas {
            folder = schemas
            display = DisplayPath(roots: [])
        } else {
            let config = try ConfigLoader.load(URL(fileURLWithPath: configFile))
            folder = config.paths.schemas
            display = StageContext(config: config).displayPaths
        }
        let validator = try XMLFileValidator(schemasFolder: folder, display: display)
        return Report(results: files.map { validator.validate(URL(fileURLWithPath: $0), shownAs: $0) })
    }

    let validation: XMLValidation

    public init(schemasFolder: String, display: DisplayPath) throws {
        guard !schemasFolder.isEmpty else {
            throw PipelineError.environment("No hay carpeta de esquemas: indique --schemas CARPETA o ponga paths.schemas en pipeline.yaml (la carpeta de los esquemas oficiales, con bundle.xsd)")
        }
        validation = try XMLValidation(folder: schemasFolder, display: display)
    }

    public func validate(_ url: URL, shownAs shown: String? = nil) -> Result {
        var result = validateFile(url)
        result.file = shown ?? url.lastPathComponent
        return result
    }

    private func validateFile(_ url: URL) -> Result {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return Result(file: url.path, kind: "ilegible", problems: [XMLProblem(line: 0, message: "cannot read the file")])
        }
        let xml = String(decoding: data, as: UTF8.self)
        let root: XMLElement?
        do { root = try XMLTree(bytes: [UInt8](data), name: url.lastPathComponent).root } catch let MetadataXMLError.notWellFormed(_, problems) {
            return Result(file: url.path, kind: "xml", problems: problems)
        } catch {
            return Result(file: url.path, kind: "xml", problems: [XMLProblem(line: 0, message: "\(error)")])
        }
        switch root?.localName {
        case "mets":
            var problems = validation.bundle?.validate(xml, name: url.lastPathComponent) ?? []
            if root?.attribute("PROFILE") == METSWriter.profile { problems += METSProfileChecker.check(xml) }
            return Result(file: url.path, kind: "METS", problems: problems)
        case "dc" where root?.namespace == OAIDublinCore.oaiNamespace:
            return Result(file: url.path, kind: "OAI-DC", problems: validation.checkDC(xml))
        default:
            return Result(file: url.path, kind: root?.localName ?? "xml", problems: validation.bundle?.validate(xml, name: url.lastPathComponent) ?? [])
        }
    }
}
