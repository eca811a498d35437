import Foundation
@testable import Preservation
import Testing
import TestSupport

/// The two cheap readers of replication: the read-back that checks a copy from the disk with many
/// reads in flight gives each file's own digest, in order, and names a file it cannot read; the quick
/// look's folder listing and small-file read see what FileManager sees.
@Suite struct ReplicaReadBackTests {
    @Test func theReadBackGivesEachFilesDigestInOrderBeyondItsWindowAndNamesAMissingFile() throws {
        let folder = TemporaryDirectory("relectura")
        var files: [(path: String, algorithm: DigestAlgorithm)] = []
        var expected: [String] = []
        for n in 0..<70 {
            var bytes = [UInt8](repeating: 0, count: n == 5 ? Digester.chunkSize * 2 + 3 : 100 + n * 37)
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* (n + 3)) }
            let url = folder.path("f\(n).bin")
            try Data(bytes).write(to: url)
            let algorithm: DigestAlgorithm = n % 2 == 0 ? .sha512 : .sha256
            files.append((path: url.path, algorithm: algorithm))
            expected.append(Digester.digest(bytes, algorithm: algorithm))
        }
        files.insert((path: folder.path("falta.bin").path, algorithm: .sha512), at: 40)
        let results = DiskReadBack(window: 8).digests(files)
        #expect(results.count == 71)
        for (index, result) in results.enumerated() where index != 40 {
            #expect((try? result.get()) == expected[index < 40 ? index : index - 1], "file \(index)")
        }
        guard case .failure(.unreadable(let path, let code)) = results[40] else {
            Issue.record("a missing file must be named: \(results[40])")
            return
        }
        #expect(path.hasSuffix("falta.bin") && code == ENOENT)
    }

    @Test func theQuickLookReadsSmallFilesAndListsFoldersWithoutHiddenNames() throws {
        let folder = TemporaryDirectory("vistazo")
        try Data("abc123 inventory.json\n".utf8).write(to: folder.path("inventory.json.sha512"))
        try Data().write(to: folder.path(".oculto"))
        try FileManager.default.createDirectory(at: folder.path("logs"), withIntermediateDirectories: true)
        #expect(QuickLook.contents(folder.path("inventory.json.sha512").path) == Array("abc123 inventory.json\n".utf8))
        #expect(QuickLook.contents(folder.path("no-existe").path) == nil)
        #expect(QuickLook.names(in: folder.url.path) == ["inventory.json.sha512", "logs"])
        #expect(QuickLook.names(in: folder.path("no-existe").path).isEmpty)
    }
}
