import Metadata
import Testing

@Suite struct RightsStatementTests {
    @Test(arguments: [
        ("http://rightsstatements.org/vocab/InC-EDU/1.0/", "http://rightsstatements.org/vocab/InC-EDU/1.0/", "En copyright – uso educativo permitido"),
        ("https://rightsstatements.org/page/NoC-NC/1.0/?language=es", "http://rightsstatements.org/vocab/NoC-NC/1.0/", "Sin copyright – solo uso no comercial"),
        ("http://rightsstatements.org/vocab/inc/1.0", "http://rightsstatements.org/vocab/InC/1.0/", "En copyright"),
        ("https://creativecommons.org/licenses/by-nc-sa/4.0/", "https://creativecommons.org/licenses/by-nc-sa/4.0/", "Creative Commons Atribución-NoComercial-CompartirIgual 4.0 Internacional"),
        ("http://creativecommons.org/licenses/by/2.5/mx", "https://creativecommons.org/licenses/by/2.5/mx/", "Creative Commons Atribución 2.5 (MX)"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0 Universal – dedicación al dominio público"),
    ])
    func knownURIsAreRecognisedWithTheirCanonicalFormAndSpanishName(_ value: String, _ uri: String, _ label: String) {
        #expect(RightsStatement.recognise(value) == RightsStatement(uri: uri, label: label))
    }

    @Test(arguments: ["Dominio público", "https://example.org/licencia", "http://rightsstatements.org/vocab/XYZ/1.0/",
                      "https://creativecommons.org/licenses/by/9.0/", "javascript:alert(1)", ""])
    func anythingElseIsAStatementInWords(_ value: String) {
        #expect(RightsStatement.recognise(value) == nil)
    }
}
