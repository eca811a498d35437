import Metadata
import Testing

/// Dates as Mexican archivists write them, normalised to EDTF (day/month/year is the rule; month/day
/// is never guessed), and what is refused with a hint.
@Suite struct SpanishDateTests {
    @Test(arguments: [
        ("14/03/1954", "1954-03-14"), ("4/3/1954", "1954-03-04"), ("14-03-1954", "1954-03-14"), ("14.03.1954", "1954-03-14"),
        ("marzo de 1954", "1954-03"), ("Marzo 1954", "1954-03"), ("MARZO, 1954", "1954-03"), ("mar. 1954", "1954-03"),
        ("14 de marzo de 1954", "1954-03-14"), ("septiembre de 1960", "1960-09"),
        ("ca. 1950", "1950~"), ("ca 1950", "1950~"), ("c. 1950", "1950~"), ("hacia 1950", "1950~"), ("circa 1950", "1950~"),
        ("aprox. 1950", "1950~"), ("[1950]", "1950?"), ("[ca. 1950]", "1950%"), ("[marzo de 1954]", "1954-03?"),
        ("década de 1950", "195X"), ("Década de 1950", "195X"), ("1950s", "195X"), ("años 1950", "195X"),
        ("1950-1955", "1950/1955"), ("1950 - 1955", "1950/1955"), ("1950–1955", "1950/1955"), ("de 1950 a 1955", "1950/1955"),
        ("entre 1950 y 1955", "1950/1955"),
        ("s.f.", "XXXX"), ("S.F.", "XXXX"), ("s/f", "XXXX"), ("sin fecha", "XXXX"), ("Sin fecha", "XXXX"), ("s. f.", "XXXX"),
    ])
    func spanishFormsAreNormalised(_ written: String, _ edtf: String) {
        switch SpanishDateNormalizer.normalize(written, currentYear: 2026) {
        case .normalized(let value, let note):
            #expect(value == edtf)
            #expect(note.contains(written), "the note names the value as written: \(note)")
        case let other:
            Issue.record("\(written): \(other)")
        }
    }

    @Test(arguments: ["1954", "1954-03", "1954-03-14", "1950~", "1955?", "195X", "19XX", "1948/1952", "1954-21"])
    func edtfPassesUnchanged(_ value: String) {
        #expect(SpanishDateNormalizer.normalize(value, currentYear: 2026) == .valid(value))
    }

    @Test func xxxxIsTheUndatedDateAndSaysSo() {
        guard case .normalized("XXXX", let note) = SpanishDateNormalizer.normalize("XXXX", currentYear: 2026) else {
            Issue.record("XXXX must be accepted"); return
        }
        #expect(note.contains("sin fecha"))
        #expect(EDTFDate("XXXX")?.isUndated == true)
    }

    @Test(arguments: [
        ("0000", "0000"), ("2030", "futuro"), ("31/02/1954", "no existe"), ("03/14/1954", "día/mes/año"), ("1954-02-30", "día/mes/año"),
        ("el año pasado", "día/mes/año"), ("1955-1950", "día/mes/año"),
    ])
    func impossibleDatesAreRefusedWithAHint(_ written: String, _ hint: String) {
        guard case .refused(let text) = SpanishDateNormalizer.normalize(written, currentYear: 2026) else {
            Issue.record("\(written) must be refused"); return
        }
        #expect(text.contains(hint), "\(written): \(text)")
    }

    @Test func aPercentDateIsAcceptedWithANote() {
        guard case .normalized("1954%", let note) = SpanishDateNormalizer.normalize("1954%", currentYear: 2026) else {
            Issue.record("1954% is EDTF level 1"); return
        }
        #expect(note.contains("aproximada y dudosa"))
    }
}
