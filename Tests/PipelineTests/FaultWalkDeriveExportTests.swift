import Foundation
import Support
import Testing
import TestSupport

/// The fault walk (FaultWalkTests) for `memoria derive` and `memoria export`: ENOSPC, EIO and EACCES at
/// the first, last and an even spread of each kind of operation. What must hold: the archive byte for
/// byte as it was (derive and export only read it), a Spanish message that says what failed, where and
/// what to do, nothing half-written left behind, and a next run without the fault whose output equals
/// an uninterrupted run's.
extension FaultWalkTests {
    /// When derive went on and reported the master it could not derive (exit 1), its PROBLEMA line says
    /// what failed, where and what to do, as a stopped command's message does.
    static func checkProblems(_ result: ProcessResult, _ fault: Fault, _ label: String) {
        guard result.status == 1 else { return }
        let problems = result.stdout.split(separator: "\n").filter { $0.hasPrefix("PROBLEMA ") }.joined(separator: "\n")
        #expect(problems.contains(SystemErrorText.spanish(errno: fault.kind.code)), "\(label): does not say what failed:\n\(result.stdout)")
        #expect(problems.contains(SystemErrorText.advice(errno: fault.kind.code)), "\(label): does not say what to do:\n\(result.stdout)")
        #expect(problems.contains("«"), "\(label): names no file or folder:\n\(result.stdout)")
    }

    /// Hidden working files (`.bolsa.parcial-…`, `.hoja.csv.tmp`) a failed run left in `folder`.
    static func leftovers(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".parcial-") || $0.hasSuffix(".tmp") }.sorted()
    }

    /// The derivative store's change stamp (DerivativeChangeStamp): a random token, drawn anew at
    /// every commit, so it is the one file of the store that differs between two equal runs.
    static let changeStamp = ".cambios"
    /// The store's journal of changes: it grows with every run (each names the items it put in place).
    static let changeJournal = ".diario"

    /// An export's output as data: a folder's files (relative path → bytes), or one file's bytes.
    static func contents(_ url: URL) throws -> [String: Data] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return [:] }
        return isFolder.boolValue ? try SiteSnapshot(url).files : ["": try Data(contentsOf: url)]
    }

    @Test func deriveUnderEveryFaultLeavesTheArchiveAndTheNextRunMakesEveryCopy() throws {
        let base = try PublishAndVerifyKillTests.beforeSecondPublish()
        // No copies at all and tiles for every page: derive has every page, its tiles included, to make.
        try FileManager.default.removeItem(at: base.root.appendingPathComponent("derivatives"))
        let yaml = try String(contentsOf: base.configURL, encoding: .utf8)
        try yaml.replacingOccurrences(of: "  tiles: auto", with: "  tiles: always").write(to: base.configURL, atomically: true, encoding: .utf8)
        try Self.checkArchiveValid(base, "derive, before the walk")
        let archive = try SiteSnapshot(base.archive)
        let reference = try base.copy(label: "fault-derive-reference")
        let uninterrupted = try reference.memoria(["derive", "--quiet"], environment: PublishAndVerifyKillTests.steady)
        #expect(uninterrupted.status == 0, "\(uninterrupted.stdout)\(uninterrupted.stderr)")
        let expected = try SiteSnapshot(reference.root.appendingPathComponent("derivatives"))
        #expect(expected.files.keys.contains { $0.contains(".iiif/") }, "no tiles were made: \(expected.files.keys.sorted().prefix(5))")
        #expect(expected.files[Self.changeStamp] != nil, "the uninterrupted run drew no change stamp")
        var reached = 0
        for fault in try Self.faults(base, ["derive", "--quiet"]) {
            let deployment = try base.copy(label: "fault-derive")
            let label = "derive with \(fault)"
            let (result, hit) = try Self.runWith(fault, deployment, ["derive"])
            guard hit else { continue }
            reached += 1
            Self.checkMessage(result, fault, label)
            Self.checkProblems(result, fault, label)
            #expect(result.status != 0, "\(label): the fault passed unsaid:\n\(result.stdout)\(result.stderr)")
            // A full disk stops the run (every other master would fail the same way); a read error or a
            // refused file is one master's problem (exit 1) and the others are derived.
            if fault.kind.code == ENOSPC && fault.operation != "read" {
                #expect(result.status == 2, "\(label): a full disk did not stop the run (exit \(result.status)):\n\(result.stdout)\(result.stderr)")
            }
            let now = try SiteSnapshot(deployment.archive)
            #expect(now == archive, "\(label): the archive changed (\(now.differences(from: archive).prefix(3)))")
            let next = try deployment.memoria(["derive", "--quiet"], environment: PublishAndVerifyKillTests.steady)
            #expect(next.status == 0, "\(label), next run: \(next.stdout)\(next.stderr)")
            let made = try SiteSnapshot(deployment.root.appendingPathComponent("derivatives"))
            let differences = made.differences(from: expected).filter { $0 != Self.changeStamp && $0 != Self.changeJournal }
            #expect(differences.isEmpty, "\(label), next run: the copies differ from an uninterrupted run's in \(differences.prefix(4))")
            #expect(made.files[Self.changeStamp] != nil, "\(label), next run: no change stamp, so a publish could take the copies for unchanged")
            #expect(made.files[Self.changeJournal] != nil, "\(label), next run: no journal, so a publish could not tell which items to read again")
        }
        #expect(reached > 10, "only \(reached) faults were reached")
    }

    @Test func exportUnderEveryFaultWritesNothingHalfAndTheNextRunWritesItWhole() throws {
        let base = try PublishAndVerifyKillTests.beforeSecondPublish()
        try Self.checkArchiveValid(base, "export, before the walk")
        let archive = try SiteSnapshot(base.archive)
        // A bag of the item with two masters; the correction sheet and the catalogue as JSON.
        let exports: [(arguments: [String], outputs: [String])] = [
            (["export", "MBL-0100", "--bagit", "bolsa"], ["bolsa"]),
            (["export", "--csv", "hoja.csv", "--excel", "--catalog-json", "catalogo.json"], ["hoja.csv", "catalogo.json"]),
        ]
        var reached = 0
        for (arguments, outputs) in exports {
            let reference = try base.copy(label: "fault-export-reference")
            let uninterrupted = try reference.memoria(arguments + ["--quiet"], environment: PublishAndVerifyKillTests.steady)
            #expect(uninterrupted.status == 0, "\(uninterrupted.stdout)\(uninterrupted.stderr)")
            if let bagit = PythonTools.path("bagit.py"), outputs == ["bolsa"] {
                let valid = try ProcessRunner.run(bagit, ["--validate", reference.root.appendingPathComponent("bolsa").path])
                #expect(valid.status == 0, "the uninterrupted bag: \(valid.stdout)\(valid.stderr)")
            }
            let expected = try outputs.map { try Self.contents(reference.root.appendingPathComponent($0)) }
            #expect(expected.allSatisfy { !$0.isEmpty }, "the uninterrupted export wrote nothing")
            for fault in try Self.faults(base, arguments + ["--quiet"]) {
                let deployment = try base.copy(label: "fault-export")
                let label = "\(arguments.joined(separator: " ")) with \(fault)"
                let (result, hit) = try Self.runWith(fault, deployment, arguments)
                guard hit else { continue }
                reached += 1
                Self.checkMessage(result, fault, label)
                #expect(result.status != 0, "\(label): the fault passed unsaid:\n\(result.stdout)\(result.stderr)")
                #expect(Self.leftovers(in: deployment.root).isEmpty, "\(label): left \(Self.leftovers(in: deployment.root))")
                // Each output is absent or whole, never half-written.
                var missing: [String] = []
                for (output, whole) in zip(outputs, expected) {
                    let url = deployment.root.appendingPathComponent(output)
                    guard FileManager.default.fileExists(atPath: url.path) else { missing.append(output); continue }
                    let now = try Self.contents(url)
                    #expect(now == whole, "\(label): «\(output)» is half-written (\(now.count) files of \(whole.count); differs in \(Set(now.keys).union(whole.keys).filter { now[$0] != whole[$0] }.sorted().prefix(3)))")
                }
                let now = try SiteSnapshot(deployment.archive)
                #expect(now == archive, "\(label): the archive changed (\(now.differences(from: archive).prefix(3)))")
                guard !missing.isEmpty else { continue }
                let next = try deployment.memoria(arguments + ["--quiet"], environment: PublishAndVerifyKillTests.steady)
                #expect(next.status == 0, "\(label), next run: \(next.stdout)\(next.stderr)")
                for (output, whole) in zip(outputs, expected) {
                    let made = try Self.contents(deployment.root.appendingPathComponent(output))
                    #expect(made == whole, "\(label), next run: «\(output)» differs from an uninterrupted run's in \(Set(made.keys).union(whole.keys).filter { made[$0] != whole[$0] }.sorted().prefix(3))")
                }
            }
        }
        #expect(reached > 10, "only \(reached) faults were reached")
    }
}
