import FixtureKit
import Foundation
@testable import Imaging
import Testing
import TestSupport

/// The line between "unusual" and "damaged" is not ours alone: every file Memoria archives with an
/// observation must decode completely in two independent decoders (libvips, and Pillow in the
/// system's Python), and what Memoria calls missing pixel data must fail libtiff's own full read
/// (`tiffinfo -D`) and make libvips report an error.
@Suite struct IndependentDecoderTests {
    static let tools = ["vips", "/usr/bin/python3", "tiffinfo"]
    static let install = "libvips-tools, python3-pil, libtiff-tools"

    /// libvips reads every pixel of every page (`avg` needs them all); an error in any region fails.
    static func vipsDecodesCompletely(_ url: URL) throws -> (Bool, String) {
        var result = try ProcessRunner.run("vips", ["avg", url.path + "[n=-1]"])
        if result.status != 0 {   // formats without pages take no "n"
            result = try ProcessRunner.run("vips", ["avg", url.path])
        }
        let failed = result.status != 0 || result.stderr.lowercased().contains("error")
        return (!failed, result.stderr)
    }

    /// Pillow opens the file and loads every frame.
    static func pillowDecodesCompletely(_ url: URL) throws -> (Bool, String) {
        let script = """
        import sys
        from PIL import Image
        im = Image.open(sys.argv[1])
        for i in range(getattr(im, "n_frames", 1)):
            im.seek(i); im.load()
        """
        let result = try ProcessRunner.run("/usr/bin/python3", ["-c", script, url.path])
        return (result.status == 0, result.stderr)
    }

    @Test func everyQuirkFixtureDecodesCompletelyInLibvipsAndPillow() throws {
        guard Requirements.commands(Self.tools, install: Self.install) else { return }
        let folder = TemporaryDirectory("independent")
        for (fixture, expected) in QuirkTableTests.table {
            guard case .observations = expected else { continue }
            let url = folder.path(fixture.fileName)
            try Data(fixture.bytes()).write(to: url)
            let (vips, vipsSays) = try Self.vipsDecodesCompletely(url)
            let (pillow, pillowSays) = try Self.pillowDecodesCompletely(url)
            #expect(vips, "\(fixture.fileName): libvips: \(vipsSays)")
            #expect(pillow, "\(fixture.fileName): Pillow: \(pillowSays)")
        }
    }

    @Test func theCorpusFilesArchivedWithObservationsDecodeCompletelyInLibvipsAndPillow() throws {
        guard let shared = Requirements.sharedCorpus(), Requirements.commands(Self.tools, install: Self.install) else { return }
        let broken = CorpusDecodeTests.files(in: "broken")
        #expect(!broken.isEmpty, "no files under \(shared.path)/corpus/broken")
        for url in broken where CorpusDecodeTests.acceptedWithObservations[url.lastPathComponent] != nil {
            let (vips, vipsSays) = try Self.vipsDecodesCompletely(url)
            let (pillow, pillowSays) = try Self.pillowDecodesCompletely(url)
            #expect(vips, "\(url.lastPathComponent): libvips: \(vipsSays)")
            #expect(pillow, "\(url.lastPathComponent): Pillow: \(pillowSays)")
        }
    }

    @Test func whatMemoriaCallsMissingPixelDataFailsLibtiffsFullReadAndLibvips() throws {
        guard Requirements.commands(Self.tools, install: Self.install) else { return }
        let folder = TemporaryDirectory("independent-damage")
        for (fixture, expected) in QuirkTableTests.table {
            guard case .damaged = expected else { continue }
            let url = folder.path(fixture.fileName)
            try Data(fixture.bytes()).write(to: url)
            let tiffinfo = try ProcessRunner.run("tiffinfo", ["-D", url.path])
            #expect(tiffinfo.status != 0, "\(fixture.fileName): tiffinfo -D read it without error")
            let (vips, _) = try Self.vipsDecodesCompletely(url)
            #expect(!vips, "\(fixture.fileName): libvips read it without error")
        }
    }
}
