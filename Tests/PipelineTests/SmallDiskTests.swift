import FixtureKit
import Foundation
import Testing
import TestSupport

/// A real small disk: the whole deployment on a size-limited tmpfs (where this machine lets the test
/// mount one; elsewhere the tests skip and say why). The free-space check counts what the run will
/// make, not only the masters; and a disk that fills during an ingest loses nothing.
@Suite(.serialized) struct SmallDiskTests {
    /// A deployment whose folder is a tmpfs of `megabytes`, with min_free_bytes set to `minFree`; nil
    /// (after printing why) when mounting is not possible here.
    static func onSmallDisk(_ label: String, megabytes: Int, minFree: Int, test: String = #function) throws -> (TestDeployment, unmount: () -> Void)? {
        let deployment = try TestDeployment(label: label, inboxFixture: nil)
        var yaml = try String(contentsOf: deployment.configURL, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "min_free_bytes: 1073741824", with: "min_free_bytes: \(minFree)")
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        let stash = TemporaryDirectory("\(label)-stash")
        for name in try FileManager.default.contentsOfDirectory(atPath: deployment.root.path) {
            try FileManager.default.copyItem(at: deployment.root.appendingPathComponent(name), to: stash.url.appendingPathComponent(name))
        }
        let mount = try ProcessRunner.run("mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", deployment.root.path])
        guard mount.status == 0 else {
            print("SKIPPED \(test): this machine does not let the test mount a small tmpfs (\(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return nil
        }
        let root = deployment.root.path
        for name in try FileManager.default.contentsOfDirectory(atPath: stash.url.path) {
            try FileManager.default.copyItem(at: stash.url.appendingPathComponent(name), to: deployment.root.appendingPathComponent(name))
        }
        return (deployment, { _ = try? ProcessRunner.run("umount", [root]) })
    }

    /// A batch of `pages` one-page items, JPEG masters (whose access copies are as big as they are).
    static func batch(pages: Int, in inbox: URL) throws {
        let items = (1...pages).map { n in
            InboxPlan.Item(id: "PEQ-\(String(format: "%04d", n))", folder: false, pages: [
                .init(name: "PEQ-\(String(format: "%04d", n))", kind: .photograph, format: .jpeg(quality: 92), width: 900, height: 700,
                      title: "Foto \(n)", body: "", sidecar: nil),
            ], row: [("identifier", "PEQ-\(String(format: "%04d", n))"), ("dc.title", "Foto \(n)"), ("dc.date", "1950")])
        }
        try InboxWriter(seed: 11).write(InboxPlan(batches: [.init(fonds: "maguey-blanco", name: "lote-pequeno", csv: .utf8BOMComma, items: items,
                                                                   badFiles: [], readyMarker: true)]), to: inbox)
    }

    @Test func theFreeSpaceCheckCountsDerivativesTextMETSAndTheCatalog() throws {
        guard let (deployment, unmount) = try Self.onSmallDisk("small-disk-estimate", megabytes: 6, minFree: 0) else { return }
        defer { unmount() }
        try Self.batch(pages: 12, in: deployment.inbox)
        let masters = deployment.files(under: deployment.inbox).filter { $0.hasSuffix(".jpg") }
            .reduce(Int64(0)) { $0 + ((try? FileManager.default.attributesOfItem(atPath: deployment.inbox.appendingPathComponent($1).path)[.size] as? Int64) ?? 0) }
        // Fill the disk until the masters alone would fit but not what the run makes from them.
        var info = statvfs()
        _ = statvfs(deployment.root.path, &info)
        let free = Int64(info.f_bavail) * Int64(info.f_frsize)
        let keep = masters * 2 + 400_000
        if free > keep {
            _ = try ProcessRunner.run("fallocate", ["-l", String(free - keep), deployment.root.appendingPathComponent("relleno").path])
        }
        let result = try deployment.memoria(["ingest", "--quiet"])
        #expect(result.status != 0, "the batch should not start: \(result.stdout)")
        let text = result.stdout + result.stderr
        #expect(text.contains("No hay espacio suficiente en el disco de"), "\(text)")
        #expect(text.contains("copias de consulta") && text.contains("maestros") && text.contains("catálogo"), "\(text)")
        #expect(deployment.files(under: deployment.inbox).filter { $0.hasSuffix(".jpg") }.count == 12, "the batch stays in the inbox")
        try FileManager.default.removeItem(at: deployment.root.appendingPathComponent("relleno"))
        let again = try deployment.memoria(["ingest", "--quiet"])
        #expect(again.status == 0, "with the space back the batch goes in: \(again.stdout)\(again.stderr)")
    }

    static func used(_ path: String) -> Int64 {
        var info = statvfs()
        _ = statvfs(path, &info)
        return Int64(info.f_blocks - info.f_bfree) * Int64(info.f_frsize)
    }

    @Test func aDiskThatFillsDuringAnIngestLosesNothing() throws {
        guard let (deployment, unmount) = try Self.onSmallDisk("small-disk-fill", megabytes: 24, minFree: 0) else { return }
        defer { unmount() }
        try Self.batch(pages: 10, in: deployment.inbox)
        var inputs: [String: String] = [:]
        for file in deployment.files(under: deployment.inbox) where file.hasSuffix(".jpg") {
            inputs[file] = try KillAndRerunTests.sha512(deployment.inbox.appendingPathComponent(file))
        }
        // As soon as the run has written something, another program fills the disk.
        let filler = deployment.root.appendingPathComponent("relleno")
        let disk = deployment.root.path
        let start = Self.used(disk)
        let fill = Thread {
            while Self.used(disk) < start + 200_000 { usleep(500) }
            _ = try? ProcessRunner.run("dd", ["if=/dev/zero", "of=\(filler.path)", "bs=64k"])
        }
        fill.start()
        let result = try deployment.memoria(["ingest", "--quiet"])
        while !FileManager.default.fileExists(atPath: filler.path) { usleep(1000) }
        let text = result.stdout + result.stderr
        for word in FaultWalkTests.foreign where text.contains(word) { Issue.record("the full disk printed «\(word)»:\n\(text)") }
        if result.status != 0 {
            #expect(text.contains("el disco está lleno") || text.contains("No hay espacio suficiente"), "\(text)")
        }
        func checkNothingLost(_ label: String) throws {
            for (relative, digest) in inputs {
                let inInbox = deployment.inbox.appendingPathComponent(relative)
                if FileManager.default.fileExists(atPath: inInbox.path) {
                    #expect(try KillAndRerunTests.sha512(inInbox) == digest, "\(label): \(relative) changed in the inbox")
                    continue
                }
                let id = (relative as NSString).lastPathComponent.replacingOccurrences(of: ".jpg", with: "")
                let inventory = try String(contentsOf: deployment.archive.appendingPathComponent("\(id)/inventory.json"), encoding: .utf8)
                #expect(inventory.contains(digest), "\(label): \(relative) left the inbox but is not archived")
            }
        }
        try checkNothingLost("with the disk full")
        try FileManager.default.removeItem(at: filler)
        let again = try deployment.memoria(["ingest", "--quiet"])
        #expect(again.status == 0, "after freeing the disk: \(again.stdout)\(again.stderr)")
        try checkNothingLost("after freeing the disk")
        #expect(deployment.files(under: deployment.inbox).filter { $0.hasSuffix(".jpg") }.isEmpty)
        #expect(try deployment.memoria(["verify", "--quiet"]).status == 0)
        try FaultWalkTests.checkArchiveValid(deployment, "after the full disk")
    }
}
