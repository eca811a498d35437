import Foundation
@testable import Metadata
import Testing

/// Crashes that scripts/fuzz.sh found in the readers of archivists' files, as the smallest input
/// that caused each one and the outcome it must have now.
@Suite struct MetadataFuzzRegressionTests {
    /// fuzz-alto: a word position of 1e300 made the conversion to Int trap (the ingest stopped). The
    /// word's text is kept; its position, which cannot be a pixel, is not.
    @Test func anALTOWordPositionBeyondAnyPageKeepsTheTextAndDropsThePosition() throws {
        let alto = """
        <alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page><PrintSpace><TextBlock><TextLine>
        <String CONTENT="Hidalgo" HPOS="1e300" VPOS="10" WIDTH="50" HEIGHT="12"/><SP/>
        <String CONTENT="1954" HPOS="70" VPOS="10" WIDTH="40" HEIGHT="12"/>
        </TextLine></TextBlock></PrintSpace></Page></Layout></alto>
        """
        let page = try TextSidecarReader.alto(Array(alto.utf8), file: "0001.alto.xml")
        #expect(page.text == "Hidalgo 1954")
        #expect(page.words.map(\.text) == ["1954"])
    }

    /// The same for hOCR boxes: coordinates whose difference overflows Int.
    @Test func anHOCRBoxBeyondAnyPageKeepsTheTextAndDropsTheBox() throws {
        let hocr = """
        <html><body><div class="ocr_page"><span class="ocr_line">
        <span class="ocrx_word" title="bbox -9223372036854775807 0 9223372036854775807 10">Pachuca</span>
        <span class="ocrx_word" title="bbox 10 0 60 10">1869</span>
        </span></div></body></html>
        """
        let page = try TextSidecarReader.hocr(Array(hocr.utf8), file: "0001.hocr")
        #expect(page.text == "Pachuca 1869")
        #expect(page.words.map(\.text) == ["1869"])
        #expect(page.words.first?.width == 50)
    }
}
