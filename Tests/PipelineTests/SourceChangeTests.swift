import Foundation
import Testing
import TestSupport

/// A master that changes or vanishes in the inbox after Memoria read it and before the item is
/// committed (the ingest is paused at its first staging point, MEMORIA_PAUSE_AT, while the test
/// changes the inbox): nothing is archived under a digest that is not its content, the newest
/// content of every file is kept (in the inbox or the archive), and the next run completes.
@Suite(.serialized) struct SourceChangeTests {
    static let files = ["MBL-0100/1.png", "MBL-0100/2.tif", "MBL-0101.jpg", "MBL-0102/a.tif"]

    /// Runs an ingest of the kill scenario paused at its first "content copied to staging", applies `change`, lets it go on.
    static func ingestChanging(_ label: String, change: (URL) throws -> Void) throws -> (TestDeployment, ProcessResult) {
        let deployment = try TestDeployment(label: label, inboxFixture: nil)
        try KillAndRerunTests.scenario(in: deployment.inbox)
        let points = try PublishAndVerifyKillTests.crashPoints(deployment, ["ingest", "--quiet"])
        let point = try #require(points.first { $0.name == "content copied to staging" }, "\(points.map(\.name))")
        let pause = deployment.root.appendingPathComponent("pausa")
        let process = Process()
        process.executableURL = TestPaths.memoriaExecutable
        process.arguments = ["ingest", "--quiet", "--config", deployment.configURL.path]
        process.currentDirectoryURL = deployment.root
        process.environment = ProcessInfo.processInfo.environment.merging(["MEMORIA_PAUSE_AT": String(point.number), "MEMORIA_PAUSE_FILE": pause.path]) { _, b in b }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        while !FileManager.default.fileExists(atPath: pause.path) && process.isRunning { usleep(2_000) }
        #expect(FileManager.default.fileExists(atPath: pause.path), "the ingest never reached its pause")
        try change(deployment.inbox.appendingPathComponent("maguey-blanco/lote-prueba"))
        try? FileManager.default.removeItem(at: pause)
        let stdout = output.fileHandleForReading.readDataToEndOfFile(), stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (deployment, ProcessResult(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                                          stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self)))
    }

    /// The digests of every version of an item's files in its inventory.
    static func archivedDigests(_ deployment: TestDeployment, _ item: String) -> String {
        (try? String(contentsOf: deployment.archive.appendingPathComponent("\(item)/inventory.json"), encoding: .utf8)) ?? ""
    }

    static func checkSound(_ deployment: TestDeployment, _ result: ProcessResult, _ label: String) throws {
        #expect(!result.signaled, "\(label): \(result.stderr)")
        for word in FaultWalkTests.foreign where (result.stdout + result.stderr).contains(word) { Issue.record("\(label): prints «\(word)»") }
        try FaultWalkTests.checkArchiveValid(deployment, label)
        let verify = try deployment.memoria(["verify", "--quiet"])
        #expect(verify.status == 0, "\(label): \(verify.stdout)")
    }

    @Test func aMasterChangedBetweenDigestAndCommitIsNeitherLostNorArchivedUnderTheOldDigest() throws {
        var changed: [String: String] = [:]
        let (deployment, result) = try Self.ingestChanging("source-changed") { batch in
            for file in Self.files {
                let url = batch.appendingPathComponent(file)
                let handle = try FileHandle(forWritingTo: url)
                try handle.seekToEnd()
                try handle.write(contentsOf: Data("cambio".utf8))
                try handle.close()
                changed[file] = try KillAndRerunTests.sha512(url)
            }
        }
        try Self.checkSound(deployment, result, "changed during the ingest")
        let batch = deployment.inbox.appendingPathComponent("maguey-blanco/lote-prueba")
        func checkNewestKept(_ label: String) throws {
            for (file, digest) in changed {
                let url = batch.appendingPathComponent(file)
                if FileManager.default.fileExists(atPath: url.path) {
                    #expect(try KillAndRerunTests.sha512(url) == digest, "\(label): \(file) is not the changed content")
                } else {
                    let item = file.contains("/") ? String(file.split(separator: "/")[0]) : (file as NSString).deletingPathExtension
                    #expect(Self.archivedDigests(deployment, item).contains(digest), "\(label): the changed \(file) left the inbox but is not archived")
                }
            }
        }
        try checkNewestKept("after the run")
        let next = try deployment.memoria(["ingest", "--quiet"])
        #expect(next.status == 0, "next run: \(next.stdout)\(next.stderr)")
        try checkNewestKept("after the next run")
        try Self.checkSound(deployment, next, "the next run")
    }

    @Test func aMasterThatVanishesBetweenDigestAndCommitLeavesASoundArchive() throws {
        let (deployment, result) = try Self.ingestChanging("source-vanished") { batch in
            for file in Self.files { try FileManager.default.removeItem(at: batch.appendingPathComponent(file)) }
        }
        try Self.checkSound(deployment, result, "vanished during the ingest")
        let next = try deployment.memoria(["ingest", "--quiet"])
        #expect(!next.signaled && next.status != 2, "next run: \(next.stdout)\(next.stderr)")
        try Self.checkSound(deployment, next, "the next run")
    }
}
