import FixtureKit
import Foundation
import Testing
import TestSupport

/// Nothing is lost: an ingest killed at any point (SIGKILL, like a power cut) and then run again
/// leaves every input file either still in the inbox or archived with a matching digest, and an
/// archive that validates.
@Suite(.serialized) struct KillAndRerunTests {
    /// A small batch: a new version of an archived item (metadata changed, one page added), two new items.
    static func scenario(in root: URL) throws {
        let plan = InboxPlan(batches: [
            .init(fonds: "maguey-blanco", name: "lote-prueba", csv: .utf8BOMComma, items: [
                .init(id: "MBL-0100", folder: true, pages: [
                    .init(name: "1", kind: .letter, format: .png(gray: true), width: 240, height: 320, title: "Primera", body: "Aviso de la feria.", sidecar: .plainUTF8),
                    .init(name: "2", kind: .letter, format: .tiffGray(.lzw), width: 240, height: 320, title: "Segunda", body: "Cuentas del tinacal.", sidecar: nil),
                ], row: [("identifier", "MBL-0100"), ("dc.title", "Aviso y cuentas"), ("dc.date", "1938")]),
                .init(id: "MBL-0101", folder: false, pages: [
                    .init(name: "MBL-0101", kind: .photograph, format: .jpeg(quality: 80), width: 300, height: 200, title: "Hacienda", body: "", sidecar: nil),
                ], row: [("identifier", "MBL-0101"), ("dc.title", "Hacienda"), ("dc.date", "1930/1940")]),
                .init(id: "MBL-0102", folder: true, pages: [
                    .init(name: "a", kind: .letter, format: .tiffRGB(.deflate), width: 200, height: 260, title: "Carta", body: "Querida amiga.", sidecar: .alto),
                ], row: [("identifier", "MBL-0102"), ("dc.title", "Carta"), ("dc.date", "1954-03")]),
            ], badFiles: [], readyMarker: true),
        ])
        try InboxWriter(seed: 7).write(plan, to: root)
    }

    /// The archived version of MBL-0100 the scenario updates.
    static func baseline() throws -> TestDeployment {
        let deployment = try TestDeployment(label: "kill-baseline", inboxFixture: nil)
        let first = InboxPlan(batches: [
            .init(fonds: "maguey-blanco", name: "lote-inicial", csv: .utf8BOMComma, items: [
                .init(id: "MBL-0100", folder: true, pages: [
                    .init(name: "1", kind: .letter, format: .png(gray: true), width: 240, height: 320, title: "Primera", body: "Aviso de la feria.", sidecar: .plainUTF8),
                ], row: [("identifier", "MBL-0100"), ("dc.title", "Aviso"), ("dc.date", "1938")]),
            ], badFiles: [], readyMarker: true),
        ])
        try InboxWriter(seed: 7).write(first, to: deployment.inbox)
        let result = try deployment.memoria(["ingest", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return deployment
    }

    static func sha512(_ url: URL) throws -> String {
        let result = try ProcessRunner.run("sha512sum", [url.path])
        return String(result.stdout.prefix(128))
    }

    /// Every input (relative path → digest) is in the inbox unchanged, or in its item's head version.
    func checkNothingLost(_ deployment: TestDeployment, inputs: [String: String], label: String) throws {
        for (relative, digest) in inputs {
            let inInbox = deployment.inbox.appendingPathComponent("maguey-blanco/lote-prueba/\(relative)")
            if FileManager.default.fileExists(atPath: inInbox.path) {
                #expect(try Self.sha512(inInbox) == digest, "\(label): \(relative) changed in the inbox")
                continue
            }
            let item = relative.contains("/") ? String(relative.split(separator: "/")[0]) : (relative as NSString).deletingPathExtension
            let inventory = deployment.archive.appendingPathComponent("\(item)/inventory.json")
            guard let data = FileManager.default.contents(atPath: inventory.path),
                  let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let head = json["head"] as? String, let versions = json["versions"] as? [String: [String: Any]],
                  let state = versions[head]?["state"] as? [String: [String]] else {
                Issue.record("\(label): \(relative) is neither in the inbox nor archived (no inventory for \(item))")
                continue
            }
            #expect(state[digest] != nil, "\(label): \(relative) left the inbox but its digest is not in \(item) \(head)")
        }
    }

    @Test func anIngestKilledAtAnyPointRecoversOnTheNextRun() throws {
        let scenario = TemporaryDirectory("kill-scenario")
        try Self.scenario(in: scenario.url)
        var inputs: [String: String] = [:]
        let batch = scenario.url.appendingPathComponent("maguey-blanco/lote-prueba")
        for relative in TestDeployment.listFiles(batch) where !["metadata.csv", "LISTO"].contains(relative) {
            inputs[relative] = try Self.sha512(batch.appendingPathComponent(relative))
        }
        let base = try Self.baseline()
        var point = 1
        var completedWithoutCrash = false
        while point <= 60 && !completedWithoutCrash {
            let deployment = try base.copy(label: "kill-\(point)")
            try FileManager.default.copyItem(at: scenario.url.appendingPathComponent("maguey-blanco/lote-prueba"),
                                             to: deployment.inbox.appendingPathComponent("maguey-blanco/lote-prueba"))
            let crashed = try deployment.memoria(["ingest", "--quiet"], environment: ["MEMORIA_CRASH_AT": String(point)])
            if !crashed.signaled {
                completedWithoutCrash = true
                #expect(crashed.status == 0, "\(crashed.stderr)")
            }
            try checkNothingLost(deployment, inputs: inputs, label: "after crash at point \(point)")
            let rerun = try deployment.memoria(["ingest", "--quiet"])
            #expect(rerun.status == 0, "rerun after crash at point \(point): \(rerun.stderr)")
            try checkNothingLost(deployment, inputs: inputs, label: "after rerun at point \(point)")
            #expect(deployment.files(under: deployment.inbox).isEmpty, "point \(point): inbox not emptied: \(deployment.files(under: deployment.inbox))")
            let verify = try deployment.memoria(["verify", "--quiet"])
            #expect(verify.status == 0, "point \(point): \(verify.stdout)")
            let status = try deployment.memoria(["status", "--json"])
            #expect(!status.stdout.contains(": running"), "point \(point): a killed run still shows as running: \(status.stdout)")
            if let validator = PythonTools.path("ocfl-validate.py") {
                let result = try ProcessRunner.run(validator, ["-q", deployment.archive.path] + ["MBL-0100", "MBL-0101", "MBL-0102"].map {
                    deployment.archive.appendingPathComponent($0).path })
                #expect(result.status == 0, "point \(point): \(result.stdout)\(result.stderr)")
            }
            let search = try deployment.memoria(["search", "hacienda", "--json"])
            #expect(search.stdout.contains("MBL-0101"), "point \(point): the catalog lost MBL-0101")
            point += 1
        }
        #expect(completedWithoutCrash, "the run never completed: more crash points than expected")
        #expect(point > 10, "too few crash points were exercised (\(point - 1))")
    }

    @Test(arguments: [0.05, 0.2, 0.5, 1.0])
    func anIngestKilledAfterATimeRecoversToo(_ delay: Double) throws {
        let base = try Self.baseline()
        let deployment = try base.copy(label: "kill-timed")
        try Self.scenario(in: deployment.inbox)
        _ = try ProcessRunner.runKilled(after: delay, TestPaths.memoriaExecutable.path,
                                        ["ingest", "--quiet", "--config", deployment.configURL.path], currentDirectory: deployment.root)
        // Not quiet: when the rerun needs attention, its lines say why (a failure once at 0.5 s on a
        // loaded machine said nothing with --quiet).
        let rerun = try deployment.memoria(["ingest"])
        #expect(rerun.status == 0, "delay \(delay): \(rerun.stdout)\(rerun.stderr)")
        #expect(try deployment.memoria(["verify", "--quiet"]).status == 0)
        #expect(deployment.files(under: deployment.inbox).isEmpty, "delay \(delay): \(rerun.stdout)")
    }

    /// A kill after the last file of a batch was released, before its folder was removed, leaves the
    /// folder with only the ready marker: the next run removes it because the catalog knows the batch,
    /// while a folder holding only a marker that no run has seen stays for the archivist.
    @Test func aFolderLeftWithOnlyTheMarkerOfAnArchivedBatchIsRemoved() throws {
        let base = try Self.baseline()
        let deployment = try base.copy(label: "marker-left")
        try Self.scenario(in: deployment.inbox)
        #expect(try deployment.memoria(["ingest", "--quiet"]).status == 0)
        let archived = deployment.inbox.appendingPathComponent("maguey-blanco/lote-prueba")
        let unknown = deployment.inbox.appendingPathComponent("maguey-blanco/lote-nuevo")
        for folder in [archived, unknown] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("Lote listo para ingresar.\n".utf8).write(to: folder.appendingPathComponent("LISTO"))
        }
        let rerun = try deployment.memoria(["ingest", "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(!FileManager.default.fileExists(atPath: archived.path), "the leftover folder of the archived batch stayed")
        #expect(FileManager.default.fileExists(atPath: unknown.appendingPathComponent("LISTO").path), "a marker no run has seen was removed")
    }
}
