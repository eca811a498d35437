import Foundation
import Testing
import TestSupport

/// The rooms of docs/ARQUITECTURA.md, as the imports draw them. MemberImportVisibility (Package.swift)
/// makes each file import what it uses; this test makes sure no room imports a room it must not know.
@Suite struct RoomImportsTests {
    /// Modules each room may import (beyond Foundation, Dispatch and the C library targets it owns).
    static let allowed: [String: Set<String>] = [
        "Support": [],
        "Imaging": ["Support", "CShims", "CResampleKernels", "CTIFF", "CZlib"],
        "Metadata": ["Support", "CXML2"],
        "Preservation": ["Support", "CLibCrypto"],
        "Catalog": ["Support", "Metadata", "CSearchTokenizer", "GRDB"],
        "Site": ["Support", "Catalog", "Metadata", "Mustache"],
        "Audience": ["CZlib"],
        "Pipeline": ["Support", "Imaging", "Metadata", "Preservation", "Catalog", "Site", "Audience", "Yams"],
        "memoria": ["Pipeline", "ArgumentParser"],
    ]
    static let system: Set<String> = ["Foundation", "FoundationNetworking", "Dispatch", "Glibc"]

    /// `import X` lines of every Swift file of a target, by module.
    static func imports(of target: String) throws -> [String: [String]] {
        let folder = TestPaths.packageRoot.appendingPathComponent("Sources/\(target)")
        var found: [String: [String]] = [:]
        let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walk?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                      words[..<index].allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" }) else { continue }
                found[words[index + 1], default: []].append(url.lastPathComponent)
            }
        }
        return found
    }

    @Test(arguments: allowed.keys.sorted())
    func aRoomImportsOnlyWhatItMayKnow(_ target: String) throws {
        let allowed = Self.allowed[target]!.union(Self.system)
        for (module, files) in try Self.imports(of: target) where !allowed.contains(module) {
            Issue.record("\(target) imports \(module) in \(files.joined(separator: ", ")); allowed: \(allowed.sorted())")
        }
    }

    /// The rules the issue names, spelled out (a change to `allowed` above must not loosen them).
    @Test func theForbiddenEdgesStayForbidden() throws {
        let forbidden: [(String, [String])] = [
            ("memoria", ["Imaging", "Metadata", "Preservation", "Catalog", "Site", "Support", "Yams", "GRDB"]),
            ("Imaging", ["Preservation", "Catalog", "Site", "Metadata", "Pipeline"]),
            ("Catalog", ["Site", "Imaging", "Pipeline"]),
            ("Metadata", ["Imaging", "Catalog", "Preservation", "Site", "Pipeline"]),
            ("Site", ["Imaging", "Preservation", "Pipeline", "GRDB"]),
            ("Preservation", ["Catalog", "Site", "Imaging", "Pipeline"]),
        ]
        for (target, modules) in forbidden {
            let imports = try Self.imports(of: target)
            for module in modules { #expect(imports[module] == nil, "\(target) must not import \(module): \(imports[module] ?? [])") }
        }
    }

    /// Every dependency Package.swift declares for a room is imported by some file of it (no unused edges).
    @Test(arguments: allowed.keys.sorted())
    func everyDeclaredDependencyIsUsed(_ target: String) throws {
        let declared = try Self.declaredDependencies(of: target)
        let imported = Set(try Self.imports(of: target).keys)
        for dependency in declared where !imported.contains(dependency) {
            Issue.record("Package.swift declares \(target) → \(dependency), but no file of \(target) imports it")
        }
    }

    /// The names in the `dependencies:` list that follows `name: "<target>",` in Package.swift.
    static func declaredDependencies(of target: String) throws -> [String] {
        let manifest = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"name: "\#(target)",\s*dependencies: \[([^\]]*)\]"#)
        guard let match = pattern.firstMatch(in: manifest, range: NSRange(manifest.startIndex..., in: manifest)),
              let range = Range(match.range(at: 1), in: manifest) else { return [] }
        var names: [String] = []
        for part in manifest[range].components(separatedBy: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("\"") { names.append(trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "\""))) }
            if let product = trimmed.range(of: ".product(name: \"") {
                names.append(String(trimmed[product.upperBound...].prefix { $0 != "\"" }))
            }
        }
        return names
    }

    /// The check above reads what it should (a broken parser would pass vacuously).
    @Test func theManifestReaderFindsTheCLIDependencies() throws {
        #expect(try Self.declaredDependencies(of: "memoria") == ["Pipeline", "ArgumentParser"])
        #expect(try Self.declaredDependencies(of: "Support").isEmpty)
        #expect(try Self.declaredDependencies(of: "Site").contains("Mustache"))
    }
}
