import Foundation
@testable import Support
import Testing

/// Numbers, sizes, plurals and lists as a Spanish reader expects them.
@Suite struct SpanishTextTests {
    @Test(arguments: [(0, "0"), (7, "7"), (1204, "1.204"), (15_210_420, "15.210.420"), (-3500, "-3.500")])
    func thousandsAreSeparatedByPoints(_ value: Int, _ expected: String) {
        #expect(SpanishText.number(value) == expected)
    }

    @Test(arguments: [(Int64(0), "0 bytes"), (1, "1 byte"), (840, "840 bytes"), (14_500_000, "14,5 MB"), (1_073_741_824, "1,1 GB"),
                      (999_999, "1,0 MB"), (250_000_000_000, "250 GB")])
    func sizesAreReadable(_ bytes: Int64, _ expected: String) {
        #expect(SpanishText.bytes(bytes) == expected)
    }

    @Test func pluralsAgreeWithTheCount() {
        #expect(SpanishText.count(1, "ítem", "ítems") == "1 ítem")
        #expect(SpanishText.count(0, "ítem", "ítems") == "0 ítems")
        #expect(SpanishText.count(2, "versión", "versiones") == "2 versiones")
    }

    @Test func listsUseYOrE() {
        #expect(SpanishText.list([]) == "")
        #expect(SpanishText.list(["a"]) == "a")
        #expect(SpanishText.list(["título", "fecha", "autor"]) == "título, fecha y autor")
        #expect(SpanishText.list(["fecha", "idioma"]) == "fecha e idioma")
        #expect(SpanishText.list(["siete", "ocho"], conjunction: "o") == "siete u ocho")
    }

    @Test func ordinalsDurationsAndSentences() {
        #expect(SpanishText.ordinal(4) == "4.º")
        #expect(SpanishText.ordinal(1, feminine: true) == "1.ª")
        #expect(SpanishText.duration(0.84) == "0,8 s")
        #expect(SpanishText.duration(125) == "2 min 5 s")
        #expect(SpanishText.duration(3720) == "1 h 2 min")
        #expect(SpanishText.sentences("Falta la hoja", "", "Añádala.") == "Falta la hoja. Añádala.")
        #expect(SpanishText.sentences("¿Quiso decir «x»?", "Revise «y»") == "¿Quiso decir «x»? Revise «y».")
    }
}

@Suite struct DisplayPathTests {
    let paths = DisplayPath(roots: ["/srv/memoria/inbox", "/srv/memoria/archive", "/datos/cuarentena"], bases: ["/srv/memoria"])

    @Test func pathsInsideARootStartWithItsName() {
        #expect(paths.show("/srv/memoria/inbox/banda-sinfonica/lote/0001.tif") == "inbox/banda-sinfonica/lote/0001.tif")
        #expect(paths.show("/datos/cuarentena/x/y.tif") == "cuarentena/x/y.tif")
        #expect(paths.show("/srv/memoria/pipeline.yaml") == "pipeline.yaml")
        #expect(paths.show("relativo/a.tif") == "relativo/a.tif")
        #expect(paths.show("/otro/sitio/lejano/a.tif") == "lejano/a.tif")
    }

    @Test func scrubRemovesTheMachinesFoldersFromLongerTexts() {
        let text = "no se pudo leer «/srv/memoria/archive/BSH-0001/inventory.json» ni /datos/cuarentena/a"
        #expect(paths.scrub(text) == "no se pudo leer «archive/BSH-0001/inventory.json» ni cuarentena/a")
    }
}

@Suite struct TimestampTests {
    let moment = Date(timeIntervalSince1970: 1_764_624_449)   // 2025-12-01T21:27:29Z

    @Test func recordsAreUTCAndPeopleSeeLocalTimeWithItsOffset() throws {
        let mexico = try #require(TimeZone(identifier: "America/Mexico_City"))
        #expect(Timestamp.record(moment) == "2025-12-01T21:27:29Z")
        #expect(Timestamp.forPeople(moment, timeZone: mexico) == "2025-12-01 15:27:29 (UTC−06:00)")
        #expect(Timestamp.localISO(moment, timeZone: mexico) == "2025-12-01T15:27:29-06:00")
        #expect(Timestamp.inWords(moment, timeZone: mexico) == "1 de diciembre de 2025, 15:27")
        #expect(Timestamp.fileStamp(moment, timeZone: mexico) == "20251201-152729")
        #expect(Timestamp.parse("2025-12-01T15:27:29-06:00") == moment)
        #expect(Timestamp.forPeople(record: "no es una fecha") == "no es una fecha")
    }
}

@Suite struct StableHashAndEscapingTests {
    @Test func fnv1aIsTheStandardOne() {
        // Published FNV-1a 64 test vectors.
        #expect(StableHash.fnv1a("") == 0xCBF2_9CE4_8422_2325)
        #expect(StableHash.fnv1a("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(StableHash.fnv1a("foobar") == 0x8594_4171_F739_67E8)
        #expect(StableHash.hex16(0xAB) == "00000000000000ab")
        #expect(StableHash.fnv1a(parts: ["ab", "c"]) != StableHash.fnv1a(parts: ["a", "bc"]))
    }

    @Test func markupEscapingCoversTextAndAttributes() {
        #expect(MarkupEscaping.escape(#"<script>"x" & 'y'</script>"#) == "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;")
        #expect(MarkupEscaping.escape("Canción de mayo") == "Canción de mayo")
    }
}

@Suite struct FaultInjectionTests {
    @Test func rulesAreReadFromTheEnvironmentSyntax() {
        #expect(FaultInjection.parse(nil) == nil)
        #expect(FaultInjection.parse("") == nil)
        #expect(FaultInjection.parse("nonsense") == nil)
        let rules = FaultInjection.parse("ENOSPC@write:3,EIO@read:1")
        #expect(rules?.count == 2)
        #expect(rules?.first?.errno == ENOSPC && rules?.first?.operation == .write && rules?.first?.occurrence == 3)
        #expect(!FaultInjection.isActive, "off unless MEMORIA_FAULT is set")
    }
}
