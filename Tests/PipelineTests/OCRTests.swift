import FixtureKit
import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// OCR through the real Tesseract (Debian's tesseract-ocr with the Spanish model): skipped, with the
/// reason printed, where it is not installed; CI installs it (scripts/setup-debian.sh).
@Suite(.serialized) struct OCRTests {
    static let known = """
    Pachuca, a catorce de marzo de mil novecientos cincuenta y cuatro. Estimado maestro: le envío las \
    partituras de la marcha que la banda tocará el domingo en la plaza de la Independencia. También \
    van los poemas inéditos que la señora Michelena corrigió durante el año; están numerados y \
    ninguno lleva firma. Reciba un saludo cordial de quien siempre lo recuerda con gratitud.
    """

    /// Words as OCR is judged: lower-cased, punctuation stripped at both ends, accents kept.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { $0.isWhitespace }.map { $0.trimmingCharacters(in: .punctuationCharacters.union(.symbols)) }
            .filter { !$0.isEmpty }
    }

    /// Word accuracy: the longest common subsequence of words over the number of reference words,
    /// so a dropped, added or misread word each costs one.
    static func wordAccuracy(reference: [String], recognized: [String]) -> Double {
        var previous = [Int](repeating: 0, count: recognized.count + 1)
        for word in reference {
            var current = [Int](repeating: 0, count: recognized.count + 1)
            for (j, other) in recognized.enumerated() {
                current[j + 1] = word == other ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            previous = current
        }
        return Double(previous[recognized.count]) / Double(max(1, reference.count))
    }

    static func tesseractOrSkip(_ test: String = #function) -> TesseractRunner? {
        let probe = TesseractRunner.probe(command: "tesseract", languages: "spa")
        guard let version = probe.version, probe.problem == nil else {
            print("SKIPPED \(test): \(probe.problem ?? "Tesseract is not available")")
            return nil
        }
        return TesseractRunner(command: "tesseract", languages: "spa", pageSegmentationMode: 3, timeoutSeconds: 120, version: version)
    }

    /// A 200 dpi page of the known letter, drawn by the fixture generator on textured paper.
    @Test func aRenderedSpanishPageIsReadBackWithAtLeast90PercentWordAccuracy() throws {
        guard let tesseract = Self.tesseractOrSkip() else { return }
        let folder = TemporaryDirectory("ocr")
        var random = SeededRandom(seed: 7)
        let page = PageDesigner(font: try FontRasterizer()).draw(.letter, width: 1650, height: 2200, title: "Carta al maestro",
                                                                 body: Self.known, random: &random)
        let url = folder.path("carta.tif")
        try TIFFWriter.write([.init(width: 1650, height: 2200, pixels: .gray8(page.canvas.gray8()), dpi: 200, encoding: .lzw)], to: url)

        let result = try tesseract.recognize(url)
        let reference = Self.words(page.text), recognized = Self.words(result.text)
        let accuracy = Self.wordAccuracy(reference: reference, recognized: recognized)
        print("OCR word accuracy \(String(format: "%.3f", accuracy)) over \(reference.count) words (Tesseract \(tesseract.version))")
        #expect(accuracy >= 0.90, "recognized: \(result.text)")
        // Accented words and ñ survive (they are what Spanish search depends on).
        for word in ["envío", "tocará", "también", "inéditos", "señora", "año"] {
            #expect(recognized.contains(word), "\(word) missing from: \(result.text)")
        }
        let alto = String(decoding: result.alto, as: UTF8.self)
        #expect(alto.contains("<alto") && alto.contains("CONTENT=\"maestro"), "ALTO with words")
    }

    @Test func accuracyIsMeasuredByWords() {
        #expect(Self.wordAccuracy(reference: ["a", "b", "c", "d"], recognized: ["a", "x", "c", "d", "e"]) == 0.75)
        #expect(Self.wordAccuracy(reference: ["a"], recognized: []) == 0)
        #expect(Self.words("¡Hola, señor!  «año» 1954.") == ["hola", "señor", "año", "1954"])
    }

    @Test func aHungOCREngineCostsThePageItsTextNotTheIngest() throws {
        let folder = TemporaryDirectory("ocr-hang")
        let fake = folder.path("tesseract-que-se-cuelga")
        try "#!/bin/sh\nsleep 30\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let runner = TesseractRunner(command: fake.path, languages: "spa", pageSegmentationMode: 3, timeoutSeconds: 1, version: "falso")
        let started = Date()
        #expect(throws: OCRFailure.self) { try runner.recognize(folder.path("nada.tif")) }
        #expect(Date().timeIntervalSince(started) < 15, "the time limit stopped it")
    }

    struct SearchResult: Decodable {
        struct Hit: Decodable { var itemID: String; var page: Int?; var matchedIn: String }
        var hits: [Hit]
    }

    /// The partituras batch ingested with OCR on: page 1 of BSH-0001 has a transcription, pages 2 and
    /// 3 and the one-page BSH-0003 are read by Tesseract. `memoria search` finds words of both.
    @Test func searchFindsWordsFromTranscriptionsAndFromOCR() throws {
        guard Self.tesseractOrSkip() != nil else { return }
        let deployment = try TestDeployment(label: "ocr-search", inboxFixture: nil, ocr: "auto")
        let batch = "banda-sinfonica/2024-03-partituras"
        try FileManager.default.createDirectory(at: deployment.inbox.appendingPathComponent("banda-sinfonica"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.sampleInbox.appendingPathComponent(batch), to: deployment.inbox.appendingPathComponent(batch))
        let transcription = try String(contentsOf: TestPaths.sampleInbox.appendingPathComponent("\(batch)/BSH-0001/0001.txt"), encoding: .utf8)
        let sheet = try String(contentsOf: TestPaths.sampleInbox.appendingPathComponent("\(batch)/metadata.csv"), encoding: .utf8)
        let ingest = try deployment.memoria(["ingest"])
        #expect(ingest.status == 0, "\(ingest.stderr)")

        let textFolder = deployment.archive.appendingPathComponent("BSH-0001/v1/content/text")
        let ocrFiles = try FileManager.default.contentsOfDirectory(atPath: textFolder.path).filter { $0.hasSuffix(".ocr.txt") }.sorted()
        #expect(ocrFiles.count == 2, "pages 2 and 3 were read by OCR: \(ocrFiles)")
        let ocrText = try ocrFiles.map { try String(contentsOf: textFolder.appendingPathComponent($0), encoding: .utf8) }.joined(separator: " ")

        func search(_ query: String) throws -> SearchResult {
            let result = try deployment.memoria(["search", "--json", query])
            return try JSONDecoder().decode(SearchResult.self, from: Data(result.stdout.utf8))
        }
        /// A long word found only in `text`: a hit for it can only come from that text.
        func onlyIn(_ text: String, not others: [String]) -> String? {
            let elsewhere = Set(others.flatMap { Self.words($0) })
            return Self.words(text).filter { $0.count >= 6 && $0.allSatisfy(\.isLetter) && !elsewhere.contains($0) }
                .max { $0.count < $1.count }
        }
        let ocrWord = try #require(onlyIn(ocrText, not: [transcription, sheet]), "OCR text: \(ocrText)")
        let transcribedWord = try #require(onlyIn(transcription, not: [ocrText, sheet]))
        // Typed without accents, as visitors do (ñ is a letter of its own and stays).
        let unaccented = String(ocrWord.map { $0 == "ñ" ? $0 : Character($0.description.folding(options: .diacriticInsensitive, locale: nil)) })
        print("searching «\(unaccented)» (from OCR) and «\(transcribedWord)» (from the transcription)")
        let fromOCR = try search(unaccented)
        #expect(fromOCR.hits.contains { $0.itemID == "BSH-0001" && ($0.page ?? 0) >= 2 }, "\(unaccented): \(fromOCR.hits)")
        let fromTranscription = try search(transcribedWord)
        #expect(fromTranscription.hits.contains { $0.itemID == "BSH-0001" && $0.page == 1 }, "\(transcribedWord): \(fromTranscription.hits)")
    }
}
