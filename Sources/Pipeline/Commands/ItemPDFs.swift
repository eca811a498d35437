// Download PDFs (part of `memoria publish`).
// Consumes: the published items (catalog summaries and pages with their text) and their access copies
// in derivatives/. Produces: derivatives/<item>/documento.pdf, one page per access JPEG embedded
// unchanged (no second decode, no quality loss), sized from the JPEG's resolution, with the page's
// text as an invisible layer; and documento.pdf.huella, the fingerprint of what it was made from, so
// an unchanged item's PDF is not made again. Emits no PREMIS event (derivatives are not archival).
// Never makes a PDF of an item the public may not see (withdrawn, restricted, under embargo).
import Catalog
import Foundation
import Imaging
import Metadata
import Preservation
import Site
import Support

struct ItemPDFs {
    let store: DerivativeStore
    let catalog: CatalogDatabase
    let producer: String
    /// The OCFL storage root, where the archived ALTO and hOCR files are read for word positions.
    let archive: String
    /// OCR words below this confidence are left out, as the site leaves them out.
    let minimumOCRConfidence: Double

    /// The stamps the last publish found current (`PublishedDerivatives`), for items whose
    /// derivatives did not change since: taken without reading the stamp file again.
    var known: [String: Stamp] = [:]

    /// What a PDF's stamp says (its fingerprint and page count) and the PDF's size.
    struct Stamp: Equatable { var fingerprint: String; var pages: Int; var bytes: Int64 }

    /// A PDF that could not be made: the item and why (the site then offers no PDF for it).
    struct Failure { var itemID: String; var reason: String }

    /// The PDF of each published item that has access copies, made again only when its inputs changed.
    func make(items: [CatalogItemSummary], images: [String: [SitePageImage]], entries: [String: [DerivativeStore.Entry]])
        -> (pdfs: [String: SiteItemPDF], failures: [Failure]) {
        var pdfs: [String: SiteItemPDF] = [:]
        var failures: [Failure] = []
        var stale: [(CatalogItemSummary, String)] = []
        for item in items {
            let pageImages = images[item.id] ?? []
            guard !pageImages.isEmpty else { continue }
            let fingerprint = Self.fingerprint(item, images: pageImages, entries: entries[item.id] ?? [])
            if let existing = current(item.id, fingerprint: fingerprint) { pdfs[item.id] = existing } else { stale.append((item, fingerprint)) }
        }
        for chunk in stride(from: 0, to: stale.count, by: 100).map({ Array(stale[$0..<min($0 + 100, stale.count)]) }) {
            let pages: [String: [CatalogItem.Page]]
            let stored: [String: [String: String]]
            do {
                pages = try catalog.pages(of: chunk.map(\.0.id))
                stored = try catalog.contentPaths(of: chunk.map(\.0.id))
            } catch {
                failures += chunk.map { Failure(itemID: $0.0.id, reason: SystemErrorText.describe(error).spanish) }
                continue
            }
            for (item, fingerprint) in chunk {
                do {
                    pdfs[item.id] = try write(item, images: images[item.id] ?? [], pages: pages[item.id] ?? [], stored: stored[item.id] ?? [:],
                                              fingerprint: fingerprint)
                } catch {
                    failures.append(Failure(itemID: item.id, reason: SystemErrorText.describe(error).spanish))
                }
            }
        }
        // The new PDFs are made durable together (one syncfs instead of an fsync per file), and only
        // then do their fingerprints say they are current: after a power cut, a PDF whose stamp was
        // lost is made again, and a stamp never names a PDF that did not reach the disk.
        let staleIDs = Set(stale.map(\.0.id))
        let made = pdfs.filter { staleIDs.contains($0.key) }
        guard !made.isEmpty else { return (pdfs, failures) }
        do { try syncFileSystem() } catch {
            for id in made.keys.sorted() { pdfs[id] = nil; failures.append(Failure(itemID: id, reason: SystemErrorText.describe(error).spanish)) }
            return (pdfs, failures)
        }
        for (id, pdf) in made.sorted(by: { $0.key < $1.key }) {
            do {
                let stamp = URL(fileURLWithPath: store.pdfStampPath(itemID: id))
                let temporary = stamp.deletingLastPathComponent().appendingPathComponent(".\(stamp.lastPathComponent).tmp")
                try FileSystem.write(Data("\(pdf.fingerprint) \(pdf.pages)\n".utf8), to: temporary, fsync: false)
                try FileSystem.renameWithoutSync(temporary, to: stamp)
            } catch {
                // Without its stamp the PDF is only made again next time; this publish offers it.
                continue
            }
        }
        return (pdfs, failures)
    }

    /// syncfs on the derivatives' file system; where the system lacks it, an fsync of every new PDF.
    private func syncFileSystem() throws {
        let fd = open(store.root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw OCFLError.system(path: store.root.path, operation: .openFolder, errno: errno) }
        defer { close(fd) }
        if let result = SystemCall.syncfs(fd) {
            guard result == 0 else { throw OCFLError.system(path: store.root.path, operation: .fsync, errno: errno) }
            return
        }
        guard SystemCall.fsync(fd) == 0 else { throw OCFLError.system(path: store.root.path, operation: .fsync, errno: errno) }
    }

    /// What the PDF shows: the item's version and description, and each page's access copy.
    static func fingerprint(_ item: CatalogItemSummary, images: [SitePageImage], entries: [DerivativeStore.Entry]) -> String {
        let byKey = Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var parts = ["pdf-v1", item.id, String(item.headVersion), item.updatedAt, item.title]
        for image in images.sorted(by: { $0.sequence < $1.sequence }) {
            parts += [String(image.sequence), image.key, byKey[image.key]?.masterDigest ?? "", byKey[image.key]?.fingerprint ?? ""]
        }
        return StableHash.hex16(StableHash.fnv1a(parts: parts))
    }

    private func current(_ itemID: String, fingerprint: String) -> SiteItemPDF? {
        let path = store.pdfPath(itemID: itemID)
        if let known = known[itemID], known.fingerprint == fingerprint {
            return SiteItemPDF(file: path, bytes: known.bytes, pages: known.pages, fingerprint: fingerprint)
        }
        guard let stamp = FileManager.default.contents(atPath: store.pdfStampPath(itemID: itemID)),
              let text = String(data: stamp, encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ").map(String.init)
        var info = stat()
        guard fields.count == 2, fields[0] == fingerprint, let pages = Int(fields[1].trimmingCharacters(in: .whitespacesAndNewlines)),
              stat(path, &info) == 0 else { return nil }
        return SiteItemPDF(file: path, bytes: Int64(info.st_size), pages: pages, fingerprint: fingerprint)
    }

    private func write(_ item: CatalogItemSummary, images: [SitePageImage], pages: [CatalogItem.Page], stored: [String: String],
                       fingerprint: String) throws -> SiteItemPDF {
        let texts = Dictionary(pages.map { ($0.sequence, textLayer($0, itemID: item.id, stored: stored)) }, uniquingKeysWith: { a, _ in a })
        let ordered = images.sorted { $0.sequence < $1.sequence }
        let dc = item.dublinCore
        let created = Timestamp.parse(item.updatedAt) ?? Date(timeIntervalSince1970: 0)
        let info = PDFDocumentInfo(title: item.title, author: dc["creator"].isEmpty ? nil : dc["creator"].joined(separator: "; "),
                                   subject: dc["description"].first, producer: producer, created: created,
                                   language: Self.language(dc["language"].first))
        let url = URL(fileURLWithPath: store.pdfPath(itemID: item.id))
        // The stamp is written after the file system is synced (make): an old one goes first, so that
        // a power cut before then cannot leave it beside a PDF it does not describe.
        unlink(store.pdfStampPath(itemID: item.id))
        let summary = try PDFWriter.write(to: url, info: info, pageCount: ordered.count, durable: false) { index in
            let image = ordered[index]
            guard let data = FileManager.default.contents(atPath: image.accessFile) else {
                throw ImagingError.derivativeWriteFailed(path: image.accessFile, reason: "the access copy is missing; run memoria derive")
            }
            return PDFPage(jpeg: [UInt8](data), resolution: nil, text: texts[image.sequence] ?? nil)
        }
        return SiteItemPDF(file: url.path, bytes: Int64(summary.bytes), pages: summary.pages, fingerprint: fingerprint)
    }

    /// A page's invisible text: its words where they are on the page when the archive has their
    /// boxes (ALTO, hOCR, the OCR's ALTO), else its text line by line; nil without text. An archived
    /// file that cannot be read only loses the positions (the text is the catalog's).
    func textLayer(_ page: CatalogItem.Page, itemID: String, stored: [String: String]) -> PDFPageText? {
        guard !page.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        if let textPath = page.textPath {
            let candidates = textPath.hasSuffix(".ocr.txt") ? [String(textPath.dropLast(".txt".count)) + ".alto.xml"] : [textPath]
            for logical in candidates where logical.hasSuffix(".alto.xml") || logical.hasSuffix(".hocr") {
                guard let content = stored[logical],
                      let bytes = FileManager.default.contents(atPath: "\(archive)/\(itemID)/\(content)") else { continue }
                let file = (logical as NSString).lastPathComponent
                let read: PageText?
                if logical.hasSuffix(".hocr") {
                    read = try? TextSidecarReader.hocr([UInt8](bytes), file: file)   // unreadable: the plain text below
                } else {
                    read = try? TextSidecarReader.alto([UInt8](bytes), file: file,
                                                       minimumWordConfidence: page.textSource == "ocr" ? minimumOCRConfidence : 0)
                }
                if let words = read?.words, !words.isEmpty, page.width > 0, page.height > 0 {
                    return .words(words.map { PDFWord(text: $0.text, x: $0.x, y: $0.y, width: $0.width, height: $0.height) },
                                  imageWidth: page.width, imageHeight: page.height)
                }
            }
        }
        return .plain(page.text)
    }

    /// BCP 47 for the PDF from a Dublin Core language (ISO 639-2 "spa", or already "es").
    static func language(_ value: String?) -> String {
        switch value?.lowercased() {
        case nil, "", "spa", "es", "es-mx": return "es-MX"
        case "eng", "en": return "en"
        case "nah", "nhi", "nhe": return "nah"
        case let other?: return other.count <= 8 && other.allSatisfy({ $0.isLetter || $0 == "-" }) ? other : "es-MX"
        }
    }
}
