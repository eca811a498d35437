import Foundation
import Testing
import TestSupport

/// As for ingest (KillAndRerunTests): a publish or a verify killed at any point (SIGKILL, like a power
/// cut) leaves things whole. The site folder is the previous complete site or the new complete one,
/// byte for byte, never a mix, and the rerun completes with every internal link resolving; a killed
/// audit leaves well-formed audit records and the rerun completes.
@Suite(.serialized) struct PublishAndVerifyKillTests {
    /// Fixed time and hashing, so that two publishes of the same catalog write the same bytes.
    static let steady = ["MEMORIA_FIXED_TIME": "2026-01-15T10:00:00Z", "SWIFT_DETERMINISTIC_HASHING": "1"]

    /// A one-item site published, then the kill scenario's batch ingested (one item changed, two new):
    /// the next publish is an incremental one with work to do.
    static func beforeSecondPublish() throws -> TestDeployment {
        let deployment = try KillAndRerunTests.baseline()
        let first = try deployment.memoria(["publish", "--quiet"], environment: steady)
        #expect(first.status == 0, "\(first.stderr)")
        try KillAndRerunTests.scenario(in: deployment.inbox)
        let ingest = try deployment.memoria(["ingest", "--quiet"], environment: steady)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return deployment
    }

    /// The crash points a command passes, in order (a probe run on a copy that is never killed).
    static func crashPoints(_ deployment: TestDeployment, _ arguments: [String]) throws -> [(number: Int, name: String)] {
        let probe = try deployment.copy(label: "crash-probe")
        let log = probe.root.appendingPathComponent("puntos.log")
        let run = try probe.memoria(arguments, environment: steady.merging(["MEMORIA_CRASH_AT": "1000000000", "MEMORIA_CRASH_LOG": log.path]) { a, _ in a })
        #expect(run.status == 0, "\(run.stderr)")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let space = line.firstIndex(of: " "), let number = Int(line[..<space]) else { return nil }
            return (number, String(line[line.index(after: space)...]))
        }
    }

    /// Every point that is not a per-file one, plus the first, last and an even spread of the per-file ones.
    static func chosen(_ points: [(number: Int, name: String)], spread: Int) -> [(number: Int, name: String)] {
        let perFile = points.filter { $0.name == "site file written" }
        var picked = points.filter { $0.name != "site file written" }
        if !perFile.isEmpty {
            let step = max(1, perFile.count / spread)
            picked += stride(from: 0, to: perFile.count, by: step).map { perFile[$0] } + [perFile[perFile.count - 1]]
        }
        var seen = Set<Int>()
        return picked.filter { seen.insert($0.number).inserted }.sorted { $0.number < $1.number }
    }

    func walkPublishKills(_ arguments: [String]) throws {
        let base = try Self.beforeSecondPublish()
        let site = base.root.appendingPathComponent("site")
        let before = try SiteSnapshot(site)
        #expect(try SiteSnapshot.brokenLinks(in: site).isEmpty)
        let reference = try base.copy(label: "publish-reference")
        let uninterrupted = try reference.memoria(arguments, environment: Self.steady)
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let after = try SiteSnapshot(reference.root.appendingPathComponent("site"))
        #expect(before != after, "the second publish changed nothing")
        #expect(try SiteSnapshot.brokenLinks(in: reference.root.appendingPathComponent("site")).isEmpty)

        let points = try Self.crashPoints(base, arguments)
        #expect(points.count > 10, "too few crash points: \(points.map(\.name))")
        let names = Set(points.map(\.name))
        #expect(names.contains("new site swapped in"), "\(names)")
        let walked = Self.chosen(points, spread: 8)
        print("\(arguments.joined(separator: " ")): \(points.count) crash points, \(walked.count) walked: \(Set(walked.map(\.name)).sorted())")
        for point in walked {
            let deployment = try base.copy(label: "publish-kill-\(point.number)")
            let root = deployment.root.appendingPathComponent("site")
            let crashed = try deployment.memoria(arguments, environment: Self.steady.merging(["MEMORIA_CRASH_AT": String(point.number)]) { a, _ in a })
            #expect(crashed.signaled, "point \(point.number) (\(point.name)) was not reached: \(crashed.stderr)")
            let now = try SiteSnapshot(root)
            #expect(now == before || now == after,
                    "killed at \(point.number) (\(point.name)): the site is neither the previous one (differs in \(now.differences(from: before).prefix(4))) nor the new one (differs in \(now.differences(from: after).prefix(4)))")
            let rerun = try deployment.memoria(arguments, environment: Self.steady)
            #expect(rerun.status == 0, "rerun after \(point.number) (\(point.name)): \(rerun.stderr)")
            let broken = try SiteSnapshot.brokenLinks(in: root)
            #expect(broken.isEmpty, "after the rerun at \(point.number): \(broken.prefix(5))")
            for id in ["MBL-0100", "MBL-0101", "MBL-0102"] {
                #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("items/\(id)/index.html").path), "point \(point.number): no page for \(id)")
            }
            let title = try String(contentsOf: root.appendingPathComponent("items/MBL-0100/index.html"), encoding: .utf8)
            #expect(title.contains("Aviso y cuentas"), "point \(point.number): MBL-0100 shows its old description")
            // And the publish after that has nothing left to render.
            let again = try deployment.memoria(["publish", "--json"], environment: Self.steady)
            let summary = (try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["site"] as? [String: Any]
            #expect(summary?["itemsRendered"] as? Int == 0, "point \(point.number): \(again.stdout)")
        }
    }

    @Test func anIncrementalPublishKilledAtAnyPointLeavesTheOldOrTheNewSite() throws {
        try walkPublishKills(["publish", "--quiet"])
    }

    @Test func aFullPublishKilledAtAnyPointLeavesTheOldOrTheNewSite() throws {
        try walkPublishKills(["publish", "--full", "--quiet"])
    }

    /// Every audit record in the objects' logs/ is whole JSON.
    func checkAuditRecords(_ deployment: TestDeployment, label: String) throws -> [String: Int] {
        var fixityRecords: [String: Int] = [:]
        for id in ["MBL-0100", "MBL-0101", "MBL-0102"] {
            let logs = deployment.archive.appendingPathComponent("\(id)/logs")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: logs.path)) ?? []
            for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
                let data = try Data(contentsOf: logs.appendingPathComponent(name))
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(label): \(id)/logs/\(name) is not whole JSON")
                if name.hasPrefix("fixity-") { fixityRecords[id, default: 0] += 1 }
            }
        }
        return fixityRecords
    }

    @Test func aVerifyKilledAtAnyPointRecoversOnTheNextRun() throws {
        let base = try Self.beforeSecondPublish()
        let points = try Self.crashPoints(base, ["verify", "--quiet"])
        #expect(points.count >= 4, "\(points.map(\.name))")
        print("verify: \(points.count) crash points, all walked")
        for point in points {
            let deployment = try base.copy(label: "verify-kill-\(point.number)")
            let crashed = try deployment.memoria(["verify", "--quiet"], environment: Self.steady.merging(["MEMORIA_CRASH_AT": String(point.number)]) { a, _ in a })
            #expect(crashed.signaled, "point \(point.number) (\(point.name)) was not reached")
            let afterKill = try checkAuditRecords(deployment, label: "killed at \(point.number)")
            let rerun = try deployment.memoria(["verify"], environment: Self.steady)
            #expect(rerun.status == 0, "rerun after \(point.number) (\(point.name)): \(rerun.stdout)\(rerun.stderr)")
            #expect(rerun.stdout.contains("Fijeza correcta."), "\(rerun.stdout)")
            let afterRerun = try checkAuditRecords(deployment, label: "rerun after \(point.number)")
            for id in ["MBL-0100", "MBL-0101", "MBL-0102"] {
                #expect(afterRerun[id, default: 0] == afterKill[id, default: 0] + 1, "point \(point.number): \(id) should have one more audit record")
            }
            if let validator = PythonTools.path("ocfl-validate.py") {
                let result = try ProcessRunner.run(validator, ["-q", deployment.archive.path])
                #expect(result.status == 0, "point \(point.number): \(result.stdout)\(result.stderr)")
            }
            let history = try deployment.memoria(["history", "MBL-0101", "--json"])
            #expect(history.status == 0, "\(history.stderr)")
        }
    }
}
