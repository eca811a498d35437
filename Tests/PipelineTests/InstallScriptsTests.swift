import Foundation
import Testing
import TestSupport

/// The production helpers: scripts/install-schemas.sh checks every schema against its pinned SHA-256
/// (tested on the local copies in ../shared, never downloading), installs nothing when one differs,
/// and `memoria status` says when paths.schemas lacks a schema; scripts/install-service.sh writes the
/// systemd units with the deployment's paths and no placeholder left.
@Suite struct InstallScriptsTests {
    let script = TestPaths.packageRoot.appendingPathComponent("scripts/install-schemas.sh").path

    @Test func theSchemasInstallFromALocalCopyWithTheirPinnedDigestsAndATamperedOneInstallsNothing() throws {
        guard let shared = try TestPaths.sharedOrSkip() else { return }
        let folder = TemporaryDirectory("esquemas")
        let good = try ProcessRunner.run("bash", [script, folder.path("esquemas").path, "--from", shared.appendingPathComponent("standards/xsd").path])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        for name in ["bundle.xsd", "catalog.xml", "mets.xsd", "premis.xsd", "mix20.xsd", "dc.xsd", "oai_dc.xsd", "xlink.xsd", "ead3/ead3.xsd"] {
            #expect(FileManager.default.fileExists(atPath: folder.path("esquemas/\(name)").path), "\(name)")
        }
        // The installed set validates a METS written by Memoria (memoria validate uses paths.schemas' layout).
        let deployment = try TestDeployment(label: "esquemas-status", inboxFixture: nil, schemas: false)
        var yaml = try String(contentsOf: deployment.configURL, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  schemas: \"\"", with: "  schemas: \"\(folder.path("esquemas").path)\"")
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        #expect(!(try deployment.memoria(["status"]).stdout.contains("carpeta de esquemas")), "a complete folder needs no note")
        try FileManager.default.removeItem(at: folder.path("esquemas/premis.xsd"))
        let status = try deployment.memoria(["status"])
        #expect(status.stdout.contains("le falta premis.xsd"), "\(status.stdout)")

        // One changed byte: nothing is installed, the file is named.
        let copy = folder.path("copia")
        try FileManager.default.copyItem(at: shared.appendingPathComponent("standards/xsd"), to: copy)
        let handle = try FileHandle(forWritingTo: copy.appendingPathComponent("mix20.xsd"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(" ".utf8))
        try handle.close()
        let bad = try ProcessRunner.run("bash", [script, folder.path("otra").path, "--from", copy.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("la huella de mix20.xsd"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("otra").path), "nothing installed")
    }

    /// The download path, without the internet: a server on 127.0.0.1 stands in for the publishers
    /// (--base), first with the official files, then with one byte changed in one of them.
    @Test func theSchemasDownloadFromABaseAddressWithTheirPinnedDigestsAndATamperedOneInstallsNothing() throws {
        guard let shared = try TestPaths.sharedOrSkip() else { return }
        guard ProcessRunner.exists("curl") || ProcessRunner.exists("wget") else {
            Issue.record("the download path needs curl or wget (apt-get install curl)")
            return
        }
        let folder = TemporaryDirectory("esquemas-red")
        let served = folder.path("espejo")
        try FileManager.default.copyItem(at: shared.appendingPathComponent("standards/xsd"), to: served)
        let server = try LocalFileServer(serving: served, in: folder)
        defer { server.stop() }
        #expect(server.port > 0, "the local server did not start")

        let good = try ProcessRunner.run("bash", [script, folder.path("esquemas").path, "--base", server.baseURL + "/"])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        for name in ["bundle.xsd", "catalog.xml", "mets.xsd", "premis.xsd", "mix20.xsd", "dc.xsd", "oai_dc.xsd", "xlink.xsd", "ead3/ead3.xsd"] {
            #expect(FileManager.default.fileExists(atPath: folder.path("esquemas/\(name)").path), "\(name)")
        }
        #expect(good.stdout.contains("ok  mets.xsd  (\(server.baseURL)/mets.xsd)"), "\(good.stdout)")
        #expect(Set(server.requested).isSuperset(of: ["/mets.xsd", "/premis.xsd", "/mix20.xsd", "/ead3/ead3.xsd"]), "\(server.requested)")
        let installed = try Data(contentsOf: folder.path("esquemas/premis.xsd"))
        #expect(installed == (try Data(contentsOf: served.appendingPathComponent("premis.xsd"))), "installed byte for byte as served")

        // The same through the environment variable, with one changed byte: a Spanish refusal, nothing installed.
        let handle = try FileHandle(forWritingTo: served.appendingPathComponent("premis.xsd"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n".utf8))
        try handle.close()
        let bad = try ProcessRunner.run("bash", [script, folder.path("otra").path], environment: ["MEMORIA_SCHEMAS_BASE_URL": server.baseURL])
        #expect(bad.status == 1, "\(bad.stdout)\(bad.stderr)")
        #expect(bad.stderr.contains("la huella de premis.xsd tomada de \(server.baseURL)/premis.xsd no coincide"), "\(bad.stderr)")
        #expect(bad.stderr.contains("No se instaló nada: 1 esquema(s) sin la huella esperada"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("otra").path), "nothing installed")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix("otra") }
        #expect(leftovers.isEmpty, "no staging folder left behind: \(leftovers)")
    }

    @Test func statusSaysWhenNoSchemaFolderIsSet() throws {
        let deployment = try TestDeployment(label: "esquemas-sin", inboxFixture: nil, schemas: false)
        let status = try deployment.memoria(["status"])
        #expect(status.stdout.contains("paths.schemas no está puesta"), "\(status.stdout)")
        #expect(status.stdout.contains("scripts/install-schemas.sh"))
    }

    @Test func theServiceUnitsAreWrittenWithTheDeploymentsPaths() throws {
        let deployment = try TestDeployment(label: "unidades", inboxFixture: nil)
        let units = deployment.root.appendingPathComponent("unidades")
        let user = StageUser.name
        let installer = TestPaths.packageRoot.appendingPathComponent("scripts/install-service.sh").path
        for timer in [false, true] {
            let result = try ProcessRunner.run("bash", [installer, "--config", deployment.configURL.path, "--usuario", user,
                                                        "--memoria", TestPaths.memoriaExecutable.path, "--destino", units.path, "--sin-systemctl"]
                                                + (timer ? ["--temporizador"] : []))
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        }
        let names = TestDeployment.listFiles(units)
        #expect(names == ["memoria-auditoria.service", "memoria-auditoria.timer", "memoria-ingesta.service", "memoria-ingesta.timer", "memoria.service"])
        let service = try String(contentsOf: units.appendingPathComponent("memoria.service"), encoding: .utf8)
        #expect(service.contains("ExecStart=\(TestPaths.memoriaExecutable.path) vigilar --config \(deployment.configURL.path)"))
        #expect(service.contains("KillSignal=SIGTERM") && service.contains("User=\(user)"))
        for name in names {
            let text = try String(contentsOf: units.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("@"), "\(name) keeps a placeholder")
        }
    }
}

enum StageUser {
    /// The login running the tests (the units need an existing account).
    static var name: String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "root"
    }
}
