import Foundation
import Imaging
import Metadata
import Preservation

/// An archived master that stays in the next version unchanged (the batch does not bring it): its
/// bytes are carried by digest (never copied again), its pages and texts read back from the archive.
enum CarriedFile {
    static func make(prior: PriorObject, path: String, transcribe: TranscribeStage, ocrWordConfidenceFloor: Double) -> ProcessedFile? {
        guard let master = prior.mets.files.first(where: { $0.logicalPath == path && $0.use == .master }),
              let url = prior.url(of: path) else { return nil }
        let object = prior.mets.premisObjects.first { $0.logicalPath == path }
        let name = String(path.dropFirst("objects/".count))
        let format = IdentifiedFormat(kind: kind(of: master.mimeType), name: object?.formatName ?? master.mimeType, version: object?.formatVersion,
                                      pronomID: object?.pronomID, mimeType: master.mimeType)
        let file = InboxFile(url: url, originalName: object?.originalName ?? name, name: name, size: master.size, modified: .distantPast)
        return ProcessedFile(file: file, logicalPath: path, format: format, digest: master.checksum, size: master.size, carriedOver: true,
                             pages: pages(prior, path: path, transcribe: transcribe, ocrWordConfidenceFloor: ocrWordConfidenceFloor),
                             events: [], warnings: [])
    }

    /// The archived pages of a master, with their archived text.
    static func pages(_ prior: PriorObject, path: String, transcribe: TranscribeStage, ocrWordConfidenceFloor: Double) -> [ProcessedPage] {
        prior.pages(ofMaster: path).map { page in
            let (w, h) = MIXMapping.displaySize(width: page.mix.width, height: page.mix.height, orientation: page.mix.orientation)
            return ProcessedPage(indexInFile: page.indexInFile, mix: page.mix, displayWidth: w, displayHeight: h,
                                 derivativeKey: StableKey.derivative(masterPath: path, index: page.indexInFile), derivativesStaged: false,
                                 text: transcribe.priorText(prior, page: page, ocrWordConfidenceFloor: ocrWordConfidenceFloor))
        }
    }

    private static func kind(of mime: String) -> IdentifiedFormat.Kind {
        switch mime {
        case "image/tiff": return .tiff
        case "image/jpeg": return .jpeg
        case "image/png": return .png
        default: return .unknown
        }
    }
}
