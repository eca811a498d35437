import Foundation
@testable import Pipeline
import Testing
import TestSupport

@Suite struct ConfigLoaderTests {
    let repositoryYAML = try! String(contentsOf: TestPaths.packageRoot.appendingPathComponent("pipeline.yaml"), encoding: .utf8)

    func parse(_ yaml: String) throws -> PipelineConfig {
        try ConfigLoader.parse(yaml, file: "pipeline.yaml", baseDirectory: URL(fileURLWithPath: "/srv/memoria"))
    }

    func problems(_ yaml: String) -> [ConfigProblem] {
        do {
            _ = try parse(yaml)
            return []
        } catch let error as ConfigError {
            return error.problems
        } catch {
            return [ConfigProblem(file: "", line: nil, keyPath: "", message: "\(error)")]
        }
    }

    @Test func theRepositoryConfigurationLoadsWithItsFiveFonds() throws {
        let config = try parse(repositoryYAML)
        #expect(config.fonds.map(\.code) == ["BSH", "MMI", "GVI", "MBL", "JHD"])
        #expect(config.fonds.map(\.title).contains("José Hernández Delgadillo"))
        #expect(config.paths.archive == "/srv/memoria/archive")
        #expect(config.ingest.digest == "sha512")
        #expect(config.derivatives.accessLongEdge == 2000)
        #expect(config.fonds.allSatisfy { $0.requiredFields.contains("title") })
    }

    @Test func aTypoInAKeyNamesTheKeyItsLineAndTheLikelyKey() throws {
        let yaml = repositoryYAML.replacingOccurrences(of: "  settle_seconds: 300", with: "  setle_seconds: 300")
        let line = yaml.components(separatedBy: "\n").firstIndex { $0.contains("setle_seconds") }! + 1
        let found = problems(yaml)
        #expect(found.count == 1)
        #expect(found.first?.keyPath == "ingest.setle_seconds")
        #expect(found.first?.line == line)
        #expect(found.first?.message.contains("¿Quiso decir «settle_seconds»?") == true)
    }

    @Test func aWrongTypeNamesTheKeyAndWhatIsExpected() {
        let yaml = repositoryYAML.replacingOccurrences(of: "  access_long_edge: 2000", with: "  access_long_edge: grande")
        let found = problems(yaml)
        #expect(found.first?.keyPath == "derivatives.access_long_edge")
        #expect(found.first?.message.contains("número entero") == true)
        #expect(found.first?.line != nil)
    }

    @Test func aMissingFondsFieldIsReported() {
        let yaml = repositoryYAML.replacingOccurrences(of: "    slug: maguey-blanco\n", with: "")
        let found = problems(yaml)
        #expect(found.contains { $0.keyPath == "fonds[3].slug" && $0.message.hasPrefix("falta") })
        // The place is said in words, never as fonds[3].
        #expect(found.contains { $0.place == "slug del 4.º fondo («Maguey Blanco»)" }, "\(found.map(\.place))")
    }

    @Test(arguments: [
        ("  digest: sha512", "  digest: md5", "ingest.digest"),
        ("  after_ingest: delete", "  after_ingest: borrar", "ingest.after_ingest"),
        ("version: 1", "version: 2", "version"),
        ("  max_pixels: 300000000", "  max_pixels: -5", "ingest.max_pixels"),
        ("    required_fields: [title]\n", "    required_fields: [titulo]\n", "fonds[3].required_fields[0]"),
    ])
    func badValuesAreRejectedWithTheirKeyPath(_ original: String, _ replacement: String, _ keyPath: String) {
        let yaml = repositoryYAML.replacingOccurrences(of: original, with: replacement)
        #expect(yaml != repositoryYAML)
        #expect(problems(yaml).contains { $0.keyPath == keyPath })
    }

    @Test func duplicateFondsCodesAndAMissingTitleRequirementAreCaught() {
        var yaml = repositoryYAML.replacingOccurrences(of: "  - code: MMI", with: "  - code: BSH")
        #expect(problems(yaml).contains { $0.keyPath == "fonds[1].code" && $0.message.contains("ya es el código del 1.º fondo") })
        yaml = repositoryYAML.replacingOccurrences(of: "    required_fields: [title, creator, date]", with: "    required_fields: [creator]")
        #expect(problems(yaml).contains { $0.keyPath == "fonds[1].required_fields" })
    }

    @Test(arguments: [
        ("  archive: archive", "  archive: inbox/archivo", "paths.archive"),
        ("  quarantine: quarantine", "  quarantine: inbox", "paths.quarantine"),
        ("  staging: staging", "  staging: archive/staging", "paths.staging"),
        ("  inbox: inbox", "  inbox: archive/bandeja", "paths.inbox"),
    ])
    func foldersThatWouldBeScannedOrPolluteTheArchiveAreRejected(_ original: String, _ replacement: String, _ keyPath: String) {
        let yaml = repositoryYAML.replacingOccurrences(of: original, with: replacement)
        #expect(yaml != repositoryYAML)
        let found = problems(yaml)
        #expect(found.contains { $0.keyPath == keyPath && $0.line != nil }, "\(found)")
    }

    @Test func brokenYAMLIsReportedWithALine() {
        do {
            _ = try parse("version: 1\ninstitution:\n  name: [unclosed\n")
            Issue.record("expected an error")
        } catch ConfigError.notYAML(_, let line, _, _) {
            #expect(line != nil)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func defaultsFillOmittedSections() throws {
        let minimal = """
        version: 1
        institution: {name: Archivo de prueba}
        paths: {}
        fonds:
          - {code: TST, slug: prueba, title: Prueba, description: Fondo de prueba, required_fields: [title]}
        """
        let config = try parse(minimal)
        #expect(config.ingest.settleSeconds == 300)
        #expect(config.ingest.readyMarker == "LISTO")
        #expect(config.text.ocr == "auto")
        #expect(config.site.title == "Memoria de Hidalgo")
        #expect(config.paths.inbox == "/srv/memoria/inbox")
        #expect(config.fonds[0].defaultType == "Text")
    }

    @Test func theCommittedJSONSchemaIsTheOneTheLoaderUses() throws {
        let committed = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Schemas/pipeline.schema.json"), encoding: .utf8)
        #expect(committed == ConfigLoader.jsonSchema, "Schemas/pipeline.schema.json is stale: run `memoria validate-config --json-schema > Schemas/pipeline.schema.json`")
    }
}
