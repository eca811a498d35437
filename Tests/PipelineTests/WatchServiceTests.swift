import Foundation
import Testing
import TestSupport

/// `memoria vigilar` as systemd runs it: a subprocess on a temporary inbox and archive. A batch
/// dropped in the inbox is archived (and the site published, a sample audited, the dashboard
/// written); a half-copied batch waits even with its LISTO marker; SIGTERM stops it cleanly (exit 0)
/// after the item in progress, and every log line is one Spanish event without terminal escapes.
@Suite struct WatchServiceTests {
    /// Starts `memoria vigilar` with its standard error in a file.
    final class Watcher {
        let process = Process()
        let log: URL

        init(_ deployment: TestDeployment, environment: [String: String] = [:]) throws {
            log = deployment.root.appendingPathComponent("vigilar.log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = TestPaths.memoriaExecutable
            process.arguments = ["vigilar", "--config", deployment.configURL.path]
            process.currentDirectoryURL = deployment.root
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "JOURNAL_STREAM")
            for (key, value) in environment { env[key] = value }
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        var text: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// Waits until the log holds `needle` (true) or `seconds` pass (false).
        func waitFor(_ needle: String, seconds: Double) -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                if text.contains(needle) { return true }
                if !process.isRunning { return text.contains(needle) }
                usleep(200_000)
            }
            return text.contains(needle)
        }

        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    /// Copies a fixture batch into the inbox as a finished copy (its files an hour old), by a rename.
    func dropFinished(_ batch: String, into deployment: TestDeployment) throws {
        let parts = batch.split(separator: "/").map(String.init)
        let outside = deployment.root.appendingPathComponent("copia-\(parts[1])")
        try FileManager.default.copyItem(at: TestPaths.sampleInbox.appendingPathComponent(batch), to: outside)
        let old = Date().addingTimeInterval(-3600)
        for path in TestDeployment.listFiles(outside) {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: outside.appendingPathComponent(path).path)
        }
        let fonds = deployment.inbox.appendingPathComponent(parts[0])
        try FileManager.default.createDirectory(at: fonds, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: outside, to: fonds.appendingPathComponent(parts[1]))
    }

    @Test func theWatcherArchivesAReadyBatchLetsAHalfCopiedOneWaitAndStopsCleanlyOnSIGTERM() throws {
        let deployment = try TestDeployment(label: "vigilar", inboxFixture: nil,
                                            extraYAML: "\nservice:\n  poll_seconds: 1\n  verify_every_hours: 24\n  verify_sample_percent: 100\n")
        // A file that changed in the last 10 minutes is still being copied (the test's copies are fresh).
        var yaml = try String(contentsOf: deployment.configURL, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  copy_quiet_seconds: 0", with: "  copy_quiet_seconds: 600")
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        let watcher = try Watcher(deployment)
        defer { watcher.stop() }
        #expect(watcher.waitFor("en marcha", seconds: 60), "\(watcher.text)")

        try dropFinished("guillermo-villasana/2024-06-dibujos", into: deployment)
        #expect(watcher.waitFor("lote guillermo-villasana/2024-06-dibujos: procesado", seconds: 180), "\(watcher.text)")
        #expect(watcher.waitFor("Sitio publicado", seconds: 60), "published after the batch: \(watcher.text)")
        #expect(watcher.waitFor("auditoría: ", seconds: 60), "a first sample audit: \(watcher.text)")
        #expect(watcher.waitFor("informe para la dirección", seconds: 60), "\(watcher.text)")
        let archived = try FileManager.default.contentsOfDirectory(atPath: deployment.archive.path).filter { $0.hasPrefix("GVI-") }
        #expect(!archived.isEmpty, "the batch's items are in the archive")
        #expect(FileManager.default.fileExists(atPath: deployment.root.appendingPathComponent("site/index.html").path))
        #expect(FileManager.default.fileExists(atPath: deployment.root.appendingPathComponent("reports/direccion/informe.html").path))

        // A batch being copied: fresh files, even with LISTO, wait.
        let copying = deployment.inbox.appendingPathComponent("maguey-blanco/2024-07-haciendas")
        try FileManager.default.createDirectory(at: copying.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.sampleInbox.appendingPathComponent("maguey-blanco/2024-07-haciendas"), to: copying)
        #expect(watcher.waitFor("lote maguey-blanco/2024-07-haciendas: en espera (copiando", seconds: 60), "\(watcher.text)")
        sleep(3)
        #expect(!watcher.text.contains("lote maguey-blanco/2024-07-haciendas: listo"), "\(watcher.text)")
        let waiting = try FileManager.default.contentsOfDirectory(atPath: deployment.archive.path).filter { $0.hasPrefix("MBL-") }
        #expect(waiting.isEmpty, "nothing of the half-copied batch is archived")
        #expect(FileManager.default.fileExists(atPath: copying.appendingPathComponent("metadata.csv").path), "and it is untouched")

        kill(watcher.process.processIdentifier, SIGTERM)
        let end = Date().addingTimeInterval(60)
        while watcher.process.isRunning && Date() < end { usleep(100_000) }
        #expect(!watcher.process.isRunning, "SIGTERM stops the watcher")
        watcher.process.waitUntilExit()
        #expect(watcher.process.terminationReason == .exit)
        #expect(watcher.process.terminationStatus == 0, "\(watcher.text)")
        #expect(watcher.text.contains("detenido (SIGTERM)"), "\(watcher.text)")

        // One event per line, each with the local time and its level, no escape sequences.
        let lines = watcher.text.split(separator: "\n")
        #expect(lines.count >= 6)
        for line in lines {
            #expect(line.range(of: #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(UTC[^)]*\) (info|aviso|error): "#, options: .regularExpression) != nil, "\(line)")
            #expect(!line.contains("\u{1B}"), "\(line)")
        }
        #expect(!watcher.text.contains(deployment.root.path), "paths are shown relative")
    }

    /// SIGTERM arrives while a batch is being ingested (sent by the process itself right after its first
    /// item is committed, MEMORIA_SIGTERM_AT, so the moment is exact): the item done stays archived, the
    /// others stay in the inbox untouched, the batch report says it was interrupted and by what, the
    /// watcher exits 0, and the next start takes the rest.
    @Test func aSIGTERMInTheMiddleOfABatchKeepsWhatIsCommittedLeavesTheRestInTheInboxAndTheNextRunTakesIt() throws {
        let deployment = try TestDeployment(label: "vigilar-parar", inboxFixture: nil,
                                            extraYAML: "\nservice:\n  poll_seconds: 1\n  verify_every_hours: 0\n  publish_after_ingest: false\n")
        // One worker: the items are done one after the other, so the others have not started at the signal.
        var yaml = try String(contentsOf: deployment.configURL, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  workers: 2", with: "  workers: 1")
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        let batch = deployment.inbox.appendingPathComponent("guillermo-villasana/2024-06-dibujos")
        let before = TestDeployment.listFiles(TestPaths.sampleInbox.appendingPathComponent("guillermo-villasana/2024-06-dibujos"))

        let first = try Watcher(deployment, environment: ["MEMORIA_SIGTERM_AT": "1:item indexed, before inbox clean-up"])
        defer { first.stop() }
        #expect(first.waitFor("en marcha", seconds: 60), "\(first.text)")
        try dropFinished("guillermo-villasana/2024-06-dibujos", into: deployment)
        let end = Date().addingTimeInterval(180)
        while first.process.isRunning && Date() < end { usleep(100_000) }
        #expect(!first.process.isRunning, "the stop request ends the watcher after that batch: \(first.text)")
        first.process.waitUntilExit()
        #expect(first.process.terminationReason == .exit && first.process.terminationStatus == 0, "\(first.text)")
        #expect(first.text.contains("lote guillermo-villasana/2024-06-dibujos: interrumpido."), "\(first.text)")
        #expect(first.text.contains("se detuvo a petición (SIGTERM) entre un ítem y el siguiente"), "\(first.text)")
        #expect(first.text.contains("detenido (SIGTERM) tras el ítem en curso"), "\(first.text)")

        let archived = try FileManager.default.contentsOfDirectory(atPath: deployment.archive.path).filter { $0.hasPrefix("GVI-") }.sorted()
        #expect(archived.count == 1, "exactly the item committed before the signal is archived: \(archived)")
        let left = TestDeployment.listFiles(batch)
        #expect(left.contains("metadata.csv") && left.contains("LISTO"), "\(left)")
        let itemsLeft = Set(left.compactMap { path -> String? in
            let name = path.split(separator: "/").first.map(String.init) ?? path
            return name.hasPrefix("GVI-") ? String(name.prefix(8)) : nil
        })
        #expect(itemsLeft.count == 2 && itemsLeft.isDisjoint(with: archived), "the two other items wait in the inbox: \(left)")
        for path in left { #expect(before.contains(path), "\(path) is as it was dropped") }

        // The batch report says so, item by item.
        let reports = deployment.root.appendingPathComponent("reports/guillermo-villasana/2024-06-dibujos")
        let json = try #require(TestDeployment.listFiles(reports).first { $0.hasPrefix("informe-") && $0.hasSuffix(".json") })
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: reports.appendingPathComponent(json))) as? [String: Any])
        #expect(report["status"] as? String == "aborted")
        #expect(report["stoppedBy"] as? String == "SIGTERM")
        let items = (report["items"] as? [[String: Any]]) ?? []
        #expect(items.filter { $0["reason"] as? String == "stop-requested" && $0["outcome"] as? String == "kept-in-inbox" }.count == 2, "\(items)")
        #expect(items.filter { $0["outcome"] as? String == "archived" }.count == 1, "\(items)")

        // The next start takes the rest; the item already archived gets no new version.
        let second = try Watcher(deployment)
        defer { second.stop() }
        #expect(second.waitFor("lote guillermo-villasana/2024-06-dibujos: procesado", seconds: 180), "\(second.text)")
        let all = try FileManager.default.contentsOfDirectory(atPath: deployment.archive.path).filter { $0.hasPrefix("GVI-") }
        #expect(all.count == 3, "\(all)")
        let versions = try FileManager.default.contentsOfDirectory(atPath: deployment.archive.appendingPathComponent(archived.first ?? "x").path)
        #expect(!versions.contains("v2"), "the item archived before the signal is not archived again: \(versions)")
        kill(second.process.processIdentifier, SIGTERM)
        second.process.waitUntilExit()
        #expect(second.process.terminationStatus == 0, "\(second.text)")
    }

    @Test func underSystemdEachLineCarriesItsJournalPriority() throws {
        let deployment = try TestDeployment(label: "vigilar-journal", inboxFixture: nil, extraYAML: "\nservice:\n  poll_seconds: 1\n  verify_every_hours: 0\n")
        try FileManager.default.createDirectory(at: deployment.inbox.appendingPathComponent("fondo-desconocido"), withIntermediateDirectories: true)
        let watcher = try Watcher(deployment, environment: ["JOURNAL_STREAM": "8:12345"])
        defer { watcher.stop() }
        #expect(watcher.waitFor("<6>en marcha", seconds: 60), "\(watcher.text)")
        #expect(watcher.waitFor("<4>aviso: ", seconds: 30), "an undeclared folder is a warning: \(watcher.text)")
        sleep(3)
        #expect(watcher.text.components(separatedBy: "fondo-desconocido").count == 2, "a lasting condition is logged once: \(watcher.text)")
        kill(watcher.process.processIdentifier, SIGINT)
        watcher.process.waitUntilExit()
        #expect(watcher.process.terminationStatus == 0)
        #expect(watcher.text.contains("<6>detenido (SIGINT)"), "\(watcher.text)")
    }
}
