import Foundation
import Imaging
import Testing
import TestSupport

/// Real-world files from ../shared/corpus: every broken file gives a typed error (never a crash),
/// every scan decodes or is refused with a precise "unsupported" reason.
@Suite struct CorpusDecodeTests {
    static func files(in folder: String) -> [URL] {
        guard let shared = TestPaths.shared else { return [] }
        let root = shared.appendingPathComponent("corpus/\(folder)")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? [])
            .filter { !$0.hasDirectoryPath && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.path < $1.path }
    }

    static func outcome(_ url: URL) -> Result<FileTechnicalMetadata, ImagingError> {
        do {
            let format = try FormatIdentifier.identify(fileAt: url)
            guard format.isDecodableImage else {
                return .failure(.unsupported(path: url.path, what: format.name))
            }
            let meta = try MasterDecoder.decode(url, format: format, limits: DecodeLimits(maxPixels: 200_000_000),
                                                derivatives: nil) { _ in }
            return .success(meta)
        } catch let error as ImagingError {
            return .failure(error)
        } catch {
            return .failure(.unreadable(path: url.path, reason: "\(error)"))
        }
    }

    @Test func everyScanDecodesOrIsRefusedAsUnsupported() throws {
        guard try TestPaths.sharedOrSkip() != nil else { return }
        for url in Self.files(in: "scans") {
            let result = Self.outcome(url)
            print("scan \(url.lastPathComponent): \(result)")
            if case .failure(let error) = result {
                #expect(error.code == "unsupported", "\(url.lastPathComponent): \(error)")
            }
        }
    }

    /// Files of corpus/broken that are valid after all: directories in an unusual order are legal TIFF,
    /// and PageNumber's total of 0 means "total unknown" (TIFF 6.0, PageNumber), not an error.
    static let validAfterAll: Set<String> = ["multipage_out_of_order.tiff", "total-pages-zero.tif"]

    @Test func everyBrokenFileGivesATypedErrorThatSaysWhatIsWrong() throws {
        guard try TestPaths.sharedOrSkip() != nil else { return }
        let files = Self.files(in: "broken")
        #expect(files.count >= 45)
        for url in files {
            let result = Self.outcome(url)
            print("broken \(url.lastPathComponent): \(result)")
            switch result {
            case .success:
                #expect(Self.validAfterAll.contains(url.lastPathComponent), "\(url.lastPathComponent) was accepted")
            case .failure(let error):
                #expect(!Self.validAfterAll.contains(url.lastPathComponent))
                #expect(!error.archivistMessage.isEmpty)
                #expect(error.logDescription.count > url.path.count + 5, "the reason must be specific: \(error)")
            }
        }
    }

    /// A 57-byte PNG declaring a 1 GiB text chunk made libpng allocate and zero that much before
    /// refusing it. Peak memory of this process may only grow a little while decoding them.
    @Test func textChunkBombsAreRefusedWithoutAllocatingWhatTheyDeclare() throws {
        guard try TestPaths.sharedOrSkip() != nil else { return }
        let bombs = Self.files(in: "broken").filter { ["huge_iTXt_chunk.png", "huge_zTXt_chunk.png", "huge_iCCP_chunk.png"].contains($0.lastPathComponent) }
        #expect(bombs.count == 3)
        func peakMegabytes() -> Int {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss / 1024
        }
        let before = peakMegabytes()
        for url in bombs {
            if case .success = Self.outcome(url) { Issue.record("\(url.lastPathComponent) was accepted") }
        }
        #expect(peakMegabytes() - before < 200, "peak memory grew from \(before) MB to \(peakMegabytes()) MB")
    }
}
