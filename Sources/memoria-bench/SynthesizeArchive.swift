import ArgumentParser
import Catalog
import Foundation
import Preservation

/// `memoria-bench synth-archive`: an OCFL storage root of N objects written by Memoria's own version
/// writer, deterministic from the seed: each object a version of `files` pseudo-random masters of
/// about `bytes` bytes plus a small metadata file; every tenth object a second version (one master
/// replaced) and every fifth a log file. The input of bench/replicate.sh. With `--catalog`, one object
/// per catalogued item under the item's identifier (bench/growth.sh, after synth-site --no-archive-files),
/// each with a placeholder `metadata/mets.xml` (what publish links into an item's page; verify reports
/// it as not matching the inventory), and the catalog told of every second version, as an ingest
/// would have (otherwise every start would find those objects ahead of the catalog and read them).
struct SynthesizeArchive: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "synth-archive",
        abstract: "Write an OCFL storage root of N generated objects (the replication benchmark's archive).")
    @Option(help: "empty folder for the storage root") var dir: String
    @Option(help: "staging folder on the same disk") var staging: String
    @Option var objects = 1000
    @Option var files = 3
    @Option var bytes = 65536
    @Option var seed: UInt64 = 2026
    @Option(help: "catalog whose item identifiers name the objects (then --objects is ignored)") var catalog: String?

    func run() throws {
        let storage = try OCFLStorageRoot(root: URL(fileURLWithPath: dir))
        let writer = try OCFLVersionWriter(storage: storage, staging: URL(fileURLWithPath: staging), algorithm: .sha512)
        let logs = ObjectLogs(storage: storage)
        var state = seed
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state }
        func master(_ size: Int) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: size)
            out.withUnsafeMutableBytes { raw in
                let words = raw.bindMemory(to: UInt64.self)
                for i in words.indices { words[i] = next() }
            }
            return out
        }
        let created = Date(timeIntervalSince1970: 1_780_000_000)
        let database = try catalog.map { try CatalogDatabase(path: $0) }
        let ids = try database?.itemIDs() ?? (0..<objects).map { String(format: "BEN-%06d", $0) }
        var secondVersions: [String] = []
        for (index, id) in ids.enumerated() {
            var content: [String: OCFLVersionRequest.Source] = [:]
            for page in 1...files { content["objects/\(page).tif"] = .bytes(master(bytes + Int(next() % 4096) * 8)) }
            content["metadata/dc.xml"] = .bytes(Array("<dc>\(id)</dc>\n".utf8))
            if database != nil { content["metadata/mets.xml"] = .bytes(Array(Self.placeholderMETS.utf8)) }
            _ = try writer.write(OCFLVersionRequest(objectID: id, files: content, message: "ingreso", userName: "bench", created: created))
            if index % 10 == 0 {
                content["objects/1.tif"] = .bytes(master(bytes))
                _ = try writer.write(OCFLVersionRequest(objectID: id, files: content, message: "corrección", userName: "bench", created: created))
                secondVersions.append(id)
            }
            if index % 5 == 0 { try logs.write(objectID: id, name: "fixity-2026", bytes: Array("{\"event\":\"fixity\"}\n".utf8)) }
        }
        if let database { try catalogSecondVersions(secondVersions, in: database) }
    }

    static let placeholderMETS = "<mets:mets xmlns:mets=\"http://www.loc.gov/METS/\"/>\n"

    /// Sets the catalogued head of each object given a second version to 2 (its record otherwise unchanged).
    private func catalogSecondVersions(_ ids: [String], in catalog: CatalogDatabase) throws {
        let titles = Dictionary(uniqueKeysWithValues: try catalog.fonds().map { ($0.code, $0.title) })
        for id in ids {
            guard var item = try catalog.item(id) else { continue }
            item.headVersion = 2
            try catalog.store(item, fondsTitle: titles[item.fondsCode] ?? item.fondsCode)
        }
    }
}
