import FixtureKit
import Foundation
import Testing
import TestSupport

/// Every file of ../shared/corpus/broken, dropped as a one-page item beside two good pages, through a
/// real `memoria ingest`: none crashes it, each is quarantined with a reason that names what is wrong,
/// and the good pages of the same batch are archived.
@Suite(.serialized) struct BrokenCorpusIngestTests {
    /// Files of corpus/broken that are archived: valid after all, or whose pixels all decode and only a
    /// metadata block, an ancillary chunk or the directory chain is unusual (issue 17; the observation
    /// each one carries is checked in ImagingTests/CorpusDecodeTests).
    static let validAfterAll: Set<String> = [
        "multipage_out_of_order.tiff", "total-pages-zero.tif",
        "exif-dpi-zerodivision.jpg", "invalid-exif.jpg", "icc-after-SOF.jpg", "sugarshack_bad_mpo_header.jpg",
        "hopper_idat_after_image_end.png", "padded_idat.png", "tRNS_null_1x1.png",
        "multipage_single_frame_loop.tiff", "multipage_multiple_frame_loop.tiff",
    ]

    struct Report: Decodable {
        struct Item: Decodable { var id: String; var outcome: String }
        struct Quarantined: Decodable { var code: String; var quarantinePath: String; var reason: String }
        var items: [Item]
        var quarantined: [Quarantined]
    }
    struct Summary: Decodable { var batches: [Report] }

    @Test func everyBrokenFileIsQuarantinedWithItsReasonAndTheGoodPagesAreArchived() throws {
        guard let shared = try TestPaths.sharedOrSkip() else { return }
        let broken = shared.appendingPathComponent("corpus/broken")
        let files = (FileManager.default.enumerator(at: broken, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { !$0.hasDirectoryPath && !$0.lastPathComponent.hasPrefix(".") }
        #expect(files.count >= 45)

        let deployment = try TestDeployment(label: "broken-corpus", inboxFixture: nil)
        let batch = deployment.inbox.appendingPathComponent("maguey-blanco/corpus-roto")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        var rows = ["identifier,dc.title,dc.date"]
        for url in files {
            try FileManager.default.copyItem(at: url, to: batch.appendingPathComponent(url.lastPathComponent))
            rows.append("\(url.deletingPathExtension().lastPathComponent),Archivo de prueba,1950")
        }
        var pixels = [UInt8](repeating: 0, count: 120 * 90 * 3)
        for index in pixels.indices { pixels[index] = UInt8(truncatingIfNeeded: index &* 7 >> 3) }
        try FixtureImageWriter.writePNG(pixels, width: 120, height: 90, channels: 3, dpi: 300, to: batch.appendingPathComponent("BUENA-1.png"))
        try FixtureImageWriter.writeJPEG(pixels, width: 120, height: 90, channels: 3, quality: 85, dpi: 300, to: batch.appendingPathComponent("BUENA-2.jpg"))
        rows += ["BUENA-1,Página buena,1950", "BUENA-2,Otra página buena,1951"]
        try (rows.joined(separator: "\n") + "\n").write(to: batch.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
        try Data().write(to: batch.appendingPathComponent("LISTO"))

        let result = try deployment.memoria(["ingest", "--json", "--agent", "prueba"])
        #expect(result.status == 1, "exit \(result.status) (1 = something quarantined): \(result.stderr.suffix(2_000))")
        let summary = try JSONDecoder().decode(Summary.self, from: Data(result.stdout.utf8))
        let outcomes = Dictionary(uniqueKeysWithValues: summary.batches.flatMap(\.items).map { ($0.id, $0.outcome) })
        #expect(outcomes["BUENA-1"] == "archived")
        #expect(outcomes["BUENA-2"] == "archived")

        let quarantined = summary.batches.flatMap(\.quarantined)
        let byName = Dictionary(quarantined.map { (URL(fileURLWithPath: $0.quarantinePath).lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
        for url in files {
            let name = url.lastPathComponent, id = url.deletingPathExtension().lastPathComponent
            if Self.validAfterAll.contains(name) {
                #expect(outcomes[id] == "archived", "\(name): \(outcomes[id] ?? "no outcome")")
                continue
            }
            guard let entry = byName[name] else {
                Issue.record("\(name) was not quarantined (outcome \(outcomes[id] ?? "none"))")
                continue
            }
            #expect(["corrupt", "damaged", "unsupported-format", "unsupported", "pixel-limit", "file-size-limit", "duplicate"].contains(entry.code),
                    "\(name): \(entry.code)")
            #expect(FileManager.default.fileExists(atPath: deployment.resolve(entry.quarantinePath)), "\(name) is not in the quarantine")
            let reason = try String(contentsOfFile: deployment.resolve(entry.quarantinePath) + ".reason.txt", encoding: .utf8)
            #expect(reason.contains(name), "\(name): the reason file does not name the file")
            #expect(entry.reason.count > 40, "\(name): reason too vague: \(entry.reason)")
            // The quarantined copy is the dropped file, byte for byte.
            #expect(try Data(contentsOf: URL(fileURLWithPath: deployment.resolve(entry.quarantinePath))) == Data(contentsOf: url), "\(name) changed in quarantine")
        }
        #expect(deployment.files(under: deployment.inbox).filter { !$0.hasSuffix("metadata.csv") && !$0.hasSuffix("LISTO") }.isEmpty,
                "left in the inbox: \(deployment.files(under: deployment.inbox))")
    }
}
