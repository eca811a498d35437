import Foundation
import Testing
import TestSupport

/// `memoria replicar`: a replica is an exact OCFL copy of the archive, kept up to date version by
/// version; `verify` finds a changed byte and a missing version in it; a killed copy resumes; and after
/// the loss of the archive's disk, the replica is the archive (reindex gives the same catalog).
@Suite struct ReplicationTests {
    static let replicaYAML = "\nreplicas:\n  - name: disco-2\n    path: replica\n"

    func deploymentWithReplica(_ label: String) throws -> TestDeployment {
        let deployment = try TestDeployment(label: label, extraYAML: Self.replicaYAML)
        try FileManager.default.createDirectory(at: deployment.root.appendingPathComponent("replica"), withIntermediateDirectories: true)
        let ingest = try deployment.memoria(["ingest", "--now", "--quiet"])
        #expect(ingest.status == 1, "the sample inbox quarantines some files: \(ingest.stderr)")
        return deployment
    }

    func replica(_ deployment: TestDeployment) -> URL { deployment.root.appendingPathComponent("replica") }

    /// Every file of both trees, by relative path, and whether their bytes are the same.
    func expectIdentical(_ a: URL, _ b: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let left = TestDeployment.listFiles(a), right = TestDeployment.listFiles(b)
        #expect(left == right, "file lists differ", sourceLocation: sourceLocation)
        for path in left where right.contains(path) {
            let same = FileManager.default.contentsEqual(atPath: a.appendingPathComponent(path).path, andPath: b.appendingPathComponent(path).path)
            #expect(same, "\(path) differs", sourceLocation: sourceLocation)
        }
    }

    @Test func aReplicaIsAnExactOCFLCopyAndAnUpToDateOneCopiesNothing() throws {
        let deployment = try deploymentWithReplica("replica-copy")
        let first = try deployment.memoria(["replicar"])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("17 objetos copiados"), "\(first.stdout)")
        #expect(first.stdout.contains("mismo disco"), "the replica shares the test's disk and says so")
        try expectIdentical(deployment.archive, replica(deployment))
        let second = try deployment.memoria(["replicate", "--json"])
        #expect(second.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
        let summary = (json?["replicas"] as? [[String: Any]])?.first
        #expect(summary?["objectsCopied"] as? Int == 0)
        #expect(summary?["alreadyUpToDate"] as? Int == 17)
        // New log files (an audit) are copied on the next run; versions already there are not copied again.
        #expect(try deployment.memoria(["verify", "--quiet"]).status == 0)
        let status = try deployment.memoria(["status"])
        #expect(status.stdout.contains("disco-2 (replica): 17 objetos atrasados y 17 registros sin copiar"), "\(status.stdout)")
        let third = try deployment.memoria(["replicar"])
        #expect(third.stdout.contains("0 versiones, 17 registros"), "\(third.stdout)")
        try expectIdentical(deployment.archive, replica(deployment))
        #expect(try deployment.memoria(["status"]).stdout.contains("disco-2 (replica): al día (17 objetos)"))
        if let validator = PythonTools.pathOrSkip("ocfl-validate.py") {
            let result = try ProcessRunner.run(validator, [replica(deployment).path])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        }
    }

    @Test func verifyFindsAChangedByteAndAMissingVersionInTheReplica() throws {
        let deployment = try deploymentWithReplica("replica-damage")
        #expect(try deployment.memoria(["replicar", "--quiet"]).status == 0)
        let copy = replica(deployment)
        let master = copy.appendingPathComponent("BSH-0001/v1/content/objects/0001.tif")
        var bytes = try Data(contentsOf: master)
        bytes[200] ^= 0x01
        try bytes.write(to: master)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("MMI-0001/v1"))
        let verify = try deployment.memoria(["verify"])
        #expect(verify.status == 1, "\(verify.stdout)")
        #expect(verify.stdout.contains("Fijeza correcta."), "the archive itself is sound: \(verify.stdout)")
        #expect(verify.stdout.contains("PROBLEMA EN LA RÉPLICA (alterado): BSH-0001/v1/content/objects/0001.tif"), "\(verify.stdout)")
        #expect(verify.stdout.contains("PROBLEMA EN LA RÉPLICA (falta): MMI-0001/v1/content/objects/"), "\(verify.stdout)")
        #expect(verify.stdout.contains("PROBLEMA EN LA RÉPLICA (falta una versión): MMI-0001/v1/"), "\(verify.stdout)")
        let json = try deployment.memoria(["verify", "--json", "--item", "BSH-0001"])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"corrupted\""))
        // replicar never overwrites a version in place; --rehacer sets the copy aside and copies afresh.
        let rebuilt = try deployment.memoria(["replicar", "--rehacer", "BSH-0001", "--rehacer", "MMI-0001"])
        #expect(rebuilt.status == 0, "\(rebuilt.stdout)\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("apartado para copiarlo de nuevo: BSH-0001 → replica-preparacion/apartados/BSH-0001-"), "\(rebuilt.stdout)")
        let aside = try FileManager.default.contentsOfDirectory(atPath: deployment.root.appendingPathComponent("replica-preparacion/apartados").path)
        #expect(aside.count == 2, "the damaged copies are kept, not deleted: \(aside)")
        let clean = try deployment.memoria(["verify"])
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("igual al archivo"))
    }

    @Test func aDamagedArchiveFileIsNeverReplicated() throws {
        let deployment = try deploymentWithReplica("replica-bad-source")
        let master = deployment.archive.appendingPathComponent("GVI-0001/v1/content/objects")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: master.path).sorted().first)
        var bytes = try Data(contentsOf: master.appendingPathComponent(name))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: master.appendingPathComponent(name))
        let result = try deployment.memoria(["replicar"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("PROBLEMA (archivo principal dañado): GVI-0001/v1/content/objects/\(name) del archivo no coincide"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: replica(deployment).appendingPathComponent("GVI-0001").path))
        #expect(FileManager.default.fileExists(atPath: replica(deployment).appendingPathComponent("GVI-0002/inventory.json").path), "the others are copied")
    }

    @Test func aKilledCopyResumesWhereItStopped() throws {
        let deployment = try deploymentWithReplica("replica-killed")
        for point in [1, 5] {
            let killed = try deployment.memoria(["replicar", "--quiet"], environment: ["MEMORIA_CRASH_AT": "\(point)"])
            #expect(killed.status != 0, "killed at point \(point)")
        }
        let resumed = try deployment.memoria(["replicar"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(!resumed.stdout.contains("17 objetos copiados"), "objects already in place are not copied again: \(resumed.stdout)")
        try expectIdentical(deployment.archive, replica(deployment))
        let staging = try FileManager.default.contentsOfDirectory(atPath: deployment.root.appendingPathComponent("replica-preparacion").path)
        #expect(staging.isEmpty, "no work folder is left behind: \(staging)")
    }

    @Test func afterTheLossOfTheArchiveTheReplicaGivesBackTheSameCatalog() throws {
        let deployment = try deploymentWithReplica("replica-recovery")
        // Before its first copy, a replica is named as not yet made.
        let early = try deployment.memoria(["verify"])
        #expect(early.status == 1 && early.stdout.contains("la carpeta no tiene todavía una copia del archivo; ejecute memoria replicar"), "\(early.stdout)")
        #expect(try deployment.memoria(["replicar", "--quiet"]).status == 0)
        #expect(try deployment.memoria(["verify", "--quiet"]).status == 0)
        #expect(try deployment.memoria(["replicar", "--quiet"]).status == 0)
        let before = deployment.root.appendingPathComponent("antes.json")
        #expect(try deployment.memoria(["export", "--catalog-json", before.path]).status == 0)
        let queries = ["cancion", "michelena", "pulque"]
        let searches = try queries.map { try deployment.memoria(["search", $0, "--json"]).stdout }
        let events = try deployment.memoria(["status", "--json"]).stdout.split(separator: "\n").first { $0.contains("\"events\"") }

        // The archive's disk is lost, and the catalog with it.
        try FileManager.default.removeItem(at: deployment.archive)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(at: deployment.root.appendingPathComponent("catalog.sqlite" + suffix)) }
        var yaml = try String(contentsOf: deployment.configURL, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: Self.replicaYAML, with: "").replacingOccurrences(of: "  archive: archive\n", with: "  archive: replica\n")
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)

        let reindex = try deployment.memoria(["reindex"])
        #expect(reindex.status == 0, "\(reindex.stdout)\(reindex.stderr)")
        let after = deployment.root.appendingPathComponent("despues.json")
        #expect(try deployment.memoria(["export", "--catalog-json", after.path]).status == 0)
        #expect(try Data(contentsOf: before) == Data(contentsOf: after), "the catalog rebuilt from the replica is the same")
        #expect(try queries.map { try deployment.memoria(["search", $0, "--json"]).stdout } == searches)
        #expect(try deployment.memoria(["status", "--json"]).stdout.split(separator: "\n").first { $0.contains("\"events\"") } == events,
                "the audit's fixity events came back from the replica's logs/")
        let verify = try deployment.memoria(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    @Test func replicasInTheConfigurationAreChecked() throws {
        let deployment = try TestDeployment(label: "replica-config", inboxFixture: nil, extraYAML: """

        replicas:
          - name: disco-2
            path: archive/copia
          - name: disco-2
            path: otra

        """)
        let result = try deployment.memoria(["validate-config"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("path de la 1.ª réplica («disco-2»): la réplica es el archivo (paths.archive) o está dentro de él"), "\(result.stderr)")
        #expect(result.stderr.contains("name de la 2.ª réplica («disco-2»): «disco-2» ya es el nombre de la 1.ª réplica"), "\(result.stderr)")
        let named = try TestDeployment(label: "replica-name", inboxFixture: nil, extraYAML: "\nreplicas:\n  - name: Mal Nombre\n    path: tercera\n")
        let badName = try named.memoria(["validate-config"])
        #expect(badName.stderr.contains("name de la 1.ª réplica («Mal Nombre»): «Mal Nombre» no sirve"), "\(badName.stderr)")
    }

    @Test func anAbsentReplicaStopsWithExitTwoAndSaysToMountIt() throws {
        let deployment = try TestDeployment(label: "replica-absent", inboxFixture: nil, extraYAML: Self.replicaYAML)
        let result = try deployment.memoria(["replicar"])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("NO SE PUDO PONER AL DÍA: la carpeta de la réplica «replica» no existe"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: replica(deployment).path), "an unmounted share never becomes a copy on the local disk")
        #expect(try deployment.memoria(["status"]).stdout.contains("disco-2 (replica): NO DISPONIBLE"))
    }
}
