import Foundation
import Support
import Testing
import TestSupport

/// Faults other than a kill: a disk that fills, fails or refuses at the n-th write, read, rename, fsync
/// or create of ingest, publish, verify and reindex (MEMORIA_FAULT, Support/Faults). For each command a
/// probe run lists its operations (MEMORIA_FAULT_TRACE); the walk makes each kind of operation fail at
/// its first, last and an even spread of its occurrences, with ENOSPC, EIO and EACCES in turn, and
/// checks: nothing lost, the archive valid, a Spanish message that says what failed, where and what to
/// do (no library text), the old or the new site (never a mix), and a next run without the fault that
/// completes.
@Suite(.serialized) struct FaultWalkTests {
    static let kinds: [(name: String, code: Int32)] = [("ENOSPC", ENOSPC), ("EIO", EIO), ("EACCES", EACCES)]
    /// Occurrences tried per kind of operation (first, last, and evenly between).
    static let perOperation = 4
    /// Library and system words that must never reach a person.
    static let foreign = ["NSCocoaErrorDomain", "Domain=", "SQLite error", "SQLITE_", "database or disk", "disk is full", "disk I/O", "No space left", "Permission denied",
                          "Input/output error", "error inesperado", "unexpected"]

    struct Fault: CustomStringConvertible {
        var kind: (name: String, code: Int32)
        var operation: String
        var occurrence: Int
        var rule: String { "\(kind.name)@\(operation):\(occurrence)" }
        var description: String { rule }
    }

    /// The operations `arguments` makes on a copy of `deployment`, and the faults to try.
    static func faults(_ deployment: TestDeployment, _ arguments: [String]) throws -> [Fault] {
        let probe = try deployment.copy(label: "fault-probe")
        let trace = probe.root.appendingPathComponent("operaciones.log")
        let run = try probe.memoria(arguments, environment: PublishAndVerifyKillTests.steady.merging(["MEMORIA_FAULT_TRACE": trace.path]) { a, _ in a })
        #expect(run.status == 0, "probe \(arguments): \(run.stderr)")
        var counts: [String: Int] = [:]
        for line in ((try? String(contentsOf: trace, encoding: .utf8)) ?? "").split(separator: "\n") {
            if let operation = line.split(separator: " ").last { counts[String(operation), default: 0] += 1 }
        }
        var faults: [Fault] = []
        for (index, operation) in counts.keys.sorted().enumerated() {
            let total = counts[operation]!
            var occurrences = Set([1, total])
            let step = max(1, total / perOperation)
            occurrences.formUnion(stride(from: 1, through: total, by: step).prefix(perOperation))
            for (turn, occurrence) in occurrences.sorted().enumerated() {
                faults.append(Fault(kind: kinds[(index + turn) % kinds.count], operation: operation, occurrence: occurrence))
            }
        }
        print("\(arguments.joined(separator: " ")): operations \(counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); \(faults.count) faults tried")
        return faults
    }

    /// Runs the command with the fault; returns the run and whether the fault was reached.
    static func runWith(_ fault: Fault, _ deployment: TestDeployment, _ arguments: [String]) throws -> (ProcessResult, reached: Bool) {
        let log = deployment.root.appendingPathComponent("fallos.log")
        let result = try deployment.memoria(arguments, environment: PublishAndVerifyKillTests.steady.merging([
            "MEMORIA_FAULT": fault.rule, "MEMORIA_FAULT_LOG": log.path]) { a, _ in a })
        let reached = !((try? String(contentsOf: log, encoding: .utf8)) ?? "").isEmpty
        return (result, reached)
    }

    /// What a person reads: Spanish, no library words; when the command stopped, what failed and what to do.
    static func checkMessage(_ result: ProcessResult, _ fault: Fault, _ label: String) {
        let text = result.stdout + result.stderr
        for word in foreign where text.contains(word) { Issue.record("\(label): prints «\(word)»:\n\(text)") }
        #expect(!result.signaled, "\(label): crashed: \(result.stderr)")
        guard result.status == 2 else { return }
        #expect(result.stderr.contains(SystemErrorText.spanish(errno: fault.kind.code)), "\(label): does not say what failed:\n\(result.stderr)")
        #expect(result.stderr.contains(SystemErrorText.advice(errno: fault.kind.code)), "\(label): does not say what to do:\n\(result.stderr)")
        #expect(result.stderr.contains("«") || result.stderr.contains("/"), "\(label): names no file or folder:\n\(result.stderr)")
    }

    static func checkArchiveValid(_ deployment: TestDeployment, _ label: String) throws {
        guard let validator = PythonTools.pathOrSkip("ocfl-validate.py", "the archive check (\(label))") else { return }
        let result = try ProcessRunner.run(validator, ["-q", deployment.archive.path])
        #expect(result.status == 0, "\(label): \(result.stdout)\(result.stderr)")
    }

    static func reports(_ deployment: TestDeployment) -> Set<String> {
        Set(deployment.files(under: deployment.root.appendingPathComponent("reports")).filter { $0.hasSuffix(".json") })
    }

    @Test func ingestUnderEveryFaultLosesNothingAndTheNextRunCompletes() throws {
        let scenario = TemporaryDirectory("fault-scenario")
        try KillAndRerunTests.scenario(in: scenario.url)
        let batch = scenario.url.appendingPathComponent("maguey-blanco/lote-prueba")
        var inputs: [String: String] = [:]
        for relative in TestDeployment.listFiles(batch) where !["metadata.csv", "LISTO"].contains(relative) {
            inputs[relative] = try KillAndRerunTests.sha512(batch.appendingPathComponent(relative))
        }
        let base = try KillAndRerunTests.baseline()
        try FileManager.default.copyItem(at: batch, to: base.inbox.appendingPathComponent("maguey-blanco/lote-prueba"))
        let reportsBefore = Self.reports(base)
        var reached = 0
        for fault in try Self.faults(base, ["ingest", "--quiet"]) {
            let deployment = try base.copy(label: "fault-ingest")
            let label = "ingest with \(fault)"
            let (result, hit) = try Self.runWith(fault, deployment, ["ingest", "--quiet"])
            guard hit else { continue }
            reached += 1
            Self.checkMessage(result, fault, label)
            try KillAndRerunTests().checkNothingLost(deployment, inputs: inputs, label: label)
            try Self.checkArchiveValid(deployment, label)
            let afterFault = Self.reports(deployment)
            let next = try deployment.memoria(["ingest", "--quiet"], environment: PublishAndVerifyKillTests.steady)
            #expect(next.status == 0, "\(label), next run: \(next.stdout)\(next.stderr)")
            #expect(afterFault.count > reportsBefore.count || Self.reports(deployment).count > afterFault.count, "\(label): no report: \(result.status) \(result.stdout)\(result.stderr) / next run: \(next.stdout)\(next.stderr)")
            try KillAndRerunTests().checkNothingLost(deployment, inputs: inputs, label: "\(label), next run")
            #expect(deployment.files(under: deployment.inbox).isEmpty, "\(label): inbox not emptied by the next run")
            let verify = try deployment.memoria(["verify", "--quiet"])
            #expect(verify.status == 0, "\(label): \(verify.stdout)")
            try Self.checkArchiveValid(deployment, "\(label), next run")
        }
        #expect(reached > 10, "only \(reached) faults were reached")
    }

    @Test func publishUnderEveryFaultKeepsTheOldOrTheNewSite() throws {
        let base = try PublishAndVerifyKillTests.beforeSecondPublish()
        let site = base.root.appendingPathComponent("site")
        let before = try SiteSnapshot(site)
        let reference = try base.copy(label: "fault-publish-reference")
        #expect(try reference.memoria(["publish", "--quiet"], environment: PublishAndVerifyKillTests.steady).status == 0)
        let after = try SiteSnapshot(reference.root.appendingPathComponent("site"))
        var reached = 0
        for fault in try Self.faults(base, ["publish", "--quiet"]) {
            let deployment = try base.copy(label: "fault-publish")
            let label = "publish with \(fault)"
            let root = deployment.root.appendingPathComponent("site")
            let (result, hit) = try Self.runWith(fault, deployment, ["publish"])
            guard hit else { continue }
            reached += 1
            Self.checkMessage(result, fault, label)
            let now = try SiteSnapshot(root)
            if result.status != 0 {
                #expect(now == before, "\(label): stopped, but the site is not the previous one (differs in \(now.differences(from: before).prefix(3)))")
            } else {
                // Done despite the fault: the new site, or a complete one without what failed, said as a warning.
                #expect(now == after || (result.stdout + result.stderr).contains("aviso:"),
                        "\(label): exit 0, a site unlike the new one (differs in \(now.differences(from: after).prefix(3))) and no warning:\n\(result.stdout)\(result.stderr)")
                #expect(try SiteSnapshot.brokenLinks(in: root).isEmpty, "\(label): exit 0 with broken links")
            }
            let next = try deployment.memoria(["publish", "--quiet"], environment: PublishAndVerifyKillTests.steady)
            #expect(next.status == 0, "\(label), next run: \(next.stderr)")
            #expect(try SiteSnapshot.brokenLinks(in: root).isEmpty, "\(label): broken links after the next run")
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("items/MBL-0102/index.html").path), "\(label): no page for the new item")
        }
        #expect(reached > 10, "only \(reached) faults were reached")
    }

    @Test func verifyUnderEveryFaultSaysWhatItCouldNotCheckAndTheNextRunCompletes() throws {
        let base = try PublishAndVerifyKillTests.beforeSecondPublish()
        var reached = 0
        for fault in try Self.faults(base, ["verify", "--quiet"]) {
            let deployment = try base.copy(label: "fault-verify")
            let label = "verify with \(fault)"
            let (result, hit) = try Self.runWith(fault, deployment, ["verify"])
            guard hit else { continue }
            reached += 1
            Self.checkMessage(result, fault, label)
            #expect(result.status != 0 || (result.stdout + result.stderr).contains("aviso:"), "\(label): the fault passed unsaid:\n\(result.stdout)\(result.stderr)")
            try Self.checkArchiveValid(deployment, label)
            let next = try deployment.memoria(["verify"], environment: PublishAndVerifyKillTests.steady)
            #expect(next.status == 0, "\(label), next run: \(next.stdout)\(next.stderr)")
            #expect(next.stdout.contains("Fijeza correcta."), "\(label): \(next.stdout)")
        }
        #expect(reached > 5, "only \(reached) faults were reached")
    }

    @Test func reindexUnderEveryFaultKeepsTheCatalogAndTheNextRunCompletes() throws {
        let base = try PublishAndVerifyKillTests.beforeSecondPublish()
        var reached = 0
        for fault in try Self.faults(base, ["reindex", "--quiet"]) {
            let deployment = try base.copy(label: "fault-reindex")
            let label = "reindex with \(fault)"
            let (result, hit) = try Self.runWith(fault, deployment, ["reindex", "--quiet"])
            guard hit else { continue }
            reached += 1
            Self.checkMessage(result, fault, label)
            let search = try deployment.memoria(["search", "hacienda", "--json"])
            #expect(search.stdout.contains("MBL-0101"), "\(label): the catalog lost MBL-0101")
            try Self.checkArchiveValid(deployment, label)
            let next = try deployment.memoria(["reindex", "--quiet"], environment: PublishAndVerifyKillTests.steady)
            #expect(next.status == 0, "\(label), next run: \(next.stderr)")
            #expect(try deployment.memoria(["search", "hacienda", "--json"]).stdout.contains("MBL-0101"), "\(label): not found after the next run")
        }
        #expect(reached > 3, "only \(reached) faults were reached")
    }
}
