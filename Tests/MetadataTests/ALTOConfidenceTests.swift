import Metadata
import Testing

/// OCR text is taken from Tesseract's ALTO, leaving out words read with little confidence: on a music
/// score the printed title survives and the noise read from the staves does not.
struct ALTOConfidenceTests {
    static let alto = """
    <?xml version="1.0" encoding="UTF-8"?>
    <alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page WIDTH="100" HEIGHT="100" PHYSICAL_IMG_NR="0" ID="p1">
    <PrintSpace><TextBlock ID="b1">
    <TextLine ID="l1"><String CONTENT="Canción" WC="0.96"/><SP/><String CONTENT="pill" WC="0.31"/><SP/><String CONTENT="de" WC="0.93"/><SP/><String CONTENT="mayo" WC="0.95"/></TextLine>
    <TextLine ID="l2"><String CONTENT="PEE" WC="0.12"/><SP/><String CONTENT="dl" WC="0.40"/></TextLine>
    <TextLine ID="l3"><String CONTENT="sin" /><SP/><String CONTENT="confianza" /></TextLine>
    </TextBlock></PrintSpace></Page></Layout></alto>
    """

    @Test func wordsBelowTheFloorAreLeftOutAndLinesWithNothingLeftDisappear() throws {
        let page = try TextSidecarReader.alto(Array(Self.alto.utf8), file: "p.ocr.alto.xml", minimumWordConfidence: 0.6)
        #expect(page.text == "Canción de mayo\nsin confianza")   // words without WC are kept
    }

    @Test func withoutAFloorEveryWordIsKept() throws {
        let page = try TextSidecarReader.alto(Array(Self.alto.utf8), file: "p.ocr.alto.xml")
        #expect(page.text == "Canción pill de mayo\nPEE dl\nsin confianza")
    }
}
