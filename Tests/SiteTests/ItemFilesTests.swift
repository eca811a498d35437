import Catalog
import Foundation
@testable import Site
import Testing

/// What an item page carries itself instead of a file beside it: its short documents' page texts,
/// its citations as `data:` URLs; and the addresses of its page images on the IIIF service.
@Suite struct ItemFilesTests {
    static func page(_ sequence: Int, bytes: Int) -> CatalogItem.Page {
        CatalogItem.Page(sequence: sequence, label: "Página \(sequence)", masterPath: "m.tif", indexInFile: 0, width: 0, height: 0,
                         textSource: "ocr", textPath: nil, text: String(repeating: "ñ", count: bytes / 2))
    }

    @Test func aShortDocumentCarriesItsTextsAndALongOneKeepsAScriptPerPage() {
        let half = ViewerTexts.inlineBudget / 2
        #expect(ViewerTexts.inline([Self.page(1, bytes: half), Self.page(2, bytes: half)]))
        #expect(!ViewerTexts.inline([Self.page(1, bytes: half), Self.page(2, bytes: half), Self.page(3, bytes: 2)]))
        #expect(ViewerTexts.inline([]))
    }

    @Test func aDataURLKeepsEveryByteOfTheText() throws {
        let text = "TY  - MANSCPT\r\nTI  - Marcha «Pachuca», 100 % & <b> #1?\r\nER  - \r\n"
        let url = DataURL.text(text, mediaType: "application/x-research-info-systems")
        #expect(url.hasPrefix("data:application/x-research-info-systems;charset=utf-8,"))
        let body = String(url.dropFirst("data:application/x-research-info-systems;charset=utf-8,".count))
        #expect(body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "%-._~".contains($0)) }, "\(body)")
        #expect(body.removingPercentEncoding == text)
    }

    @Test func aPageWithAWholeImageServiceIsAddressedOnItsIIIFPaths() {
        var image = SitePageImage(sequence: 1, key: "p0001", accessFile: "/a.jpg", thumbnailFile: "/t.jpg", accessWidth: 1240, accessHeight: 1754,
                                  thumbnailWidth: 283, thumbnailHeight: 400, medium: SiteMediumImage(file: "/m.jpg", width: 707, height: 1000))
        #expect(image.accessSitePath == "p0001.jpg" && image.thumbnailSitePath == "p0001.thumb.jpg" && image.mediumSitePath == "p0001.m.jpg")
        image.sizes = SiteStaticSizes(infoJSON: DeferredText(inputs: "") { "" }, files: [:])
        #expect(image.accessSitePath == "iiif/p0001/full/max/0/default.jpg")
        #expect(image.thumbnailSitePath == "iiif/p0001/full/283,400/0/default.jpg")
        #expect(image.mediumSitePath == "p0001.m.jpg", "srcset names the medium copy without a comma")
    }
}
