import Foundation
import Metadata

/// `memoria validate FILE...`: checks METS files against the official bundle (plus the Memoria
/// profile rules for METS that declare our profile) and Dublin Core records against oai_dc.xsd.
public struct XMLFileValidator {
    public struct Result: Codable, Sendable {
        public var file: String
        public var kind: String
        public var problems: [XMLProblem]
        public var valid: Bool { problems.isEmpty }
    }

    let validation: XMLValidation

    public init(schemasFolder: String) throws {
        guard !schemasFolder.isEmpty else {
            throw PipelineError.environment("no schema folder: give --schemas DIR or set paths.schemas in pipeline.yaml (the folder of the official schemas with bundle.xsd)")
        }
        validation = try XMLValidation(folder: schemasFolder)
    }

    public func validate(_ url: URL) -> Result {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return Result(file: url.path, kind: "unreadable", problems: [XMLProblem(line: 0, message: "cannot read the file")])
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
