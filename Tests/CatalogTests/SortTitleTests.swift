@testable import Catalog
import Testing

/// The sort key of an ASCII title, made byte by byte, is the one Foundation's folding makes.
@Suite struct SortTitleTests {
    @Test func anASCIITitlesKeyIsFoundationsKey() {
        var generator = SearchSnippetEquivalenceTests.Generator(state: 20)
        let pieces = ["El ", "la ", "LOS ", "Las ", "un ", "Una ", "lo ", "los", "el", "  ", "\t", "\r\n", "\"", "¿", "(", "-", "1", "42 ",
                      "Carta", "ACTA", "de ", "Hidalgo", "x", "Z", "_", "[", "@", "`", "{", "~", "\u{7F}", "\u{1}", "."]
        var checked = 0
        for _ in 0..<5_000 {
            let title = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            guard title.utf8.allSatisfy({ $0 < 0x80 }) else {
                #expect(CatalogItem.asciiSortKey(of: title) == nil, "\(title)")
                continue
            }
            #expect(CatalogItem.asciiSortKey(of: title) == CatalogItem.foldedSortKey(of: title), "\(title.debugDescription)")
            checked += 1
        }
        for byte in UInt8(0)..<0x80 {
            let title = String(decoding: [byte, 0x41, byte, 0x61], as: UTF8.self)
            #expect(CatalogItem.asciiSortKey(of: title) == CatalogItem.foldedSortKey(of: title), "\(byte)")
        }
        #expect(checked > 3_000)
    }

    @Test func examples() {
        #expect(CatalogItem.sortKey(of: "  La carta número 36 ") == "carta numero 36 ", "not trimmed here: the record's setter trims")
        #expect(CatalogItem.sortKey(of: "¿Los Ángeles?") == "angeles?")
        #expect(CatalogItem.sortKey(of: "\"El acta\" de 1850") == "acta\" de 1850")
        #expect(CatalogItem.sortKey(of: "Lo que el viento") == "que el viento")
        #expect(CatalogItem.sortKey(of: "Lona") == "lona")
    }
}
