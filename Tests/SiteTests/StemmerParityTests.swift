import Catalog
import Foundation
import Testing
import TestSupport

/// The site's JavaScript stemmer (Assets/buscar.js, written from Snowball's published description) and
/// libstemmer (which the catalog's tokenizer uses) give the same folded stem for every word of the
/// archive's texts in ../shared/corpus and for forms made from them with Spanish endings.
@Suite struct StemmerParityTests {
    static let endings = ["s", "es", "a", "as", "o", "os", "ar", "er", "ir", "ando", "iendo", "ado", "ada", "ados", "ción", "ciones",
                          "mente", "amente", "idad", "idades", "ándola", "iéndolo", "ándoselo", "arse", "aron", "ieron", "aría", "eríamos",
                          "ía", "ían", "yendo", "ya", "yo", "guen", "gue", "ué", "ismo", "ista", "osa", "ivas", "ante", "ancia",
                          "encia", "logía", "ución", "ivamente", "abilidad", "ábamos", "iésemos", "éis", "emos"]

    static func vocabulary(_ shared: URL) throws -> [String] {
        var words: Set<String> = []
        for folder in ["corpus/text", "corpus/ocr"] {
            let url = shared.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasSuffix(".txt") {
                let data = try Data(contentsOf: url.appendingPathComponent(name))
                let text = String(decoding: data, as: UTF8.self)
                for word in SearchText.words(text) { words.insert(word.lowercased()) }
            }
        }
        let base = words.sorted()
        for word in base.prefix(1500) where word.count >= 3 {
            for ending in endings { words.insert(word + ending) }
        }
        return words.sorted()
    }

    @Test func javaScriptAndLibstemmerAgreeOnTheArchivesWords() throws {
        guard let shared = try TestPaths.sharedOrSkip() else { return }
        guard ProcessRunner.exists("node") else { print("SKIPPED \(#function): node is not installed (Debian package nodejs)"); return }
        let words = try Self.vocabulary(shared)
        #expect(words.count >= 20_000, "only \(words.count) words")
        let folder = TemporaryDirectory("stemmer")
        let list = folder.path("palabras.txt")
        try (words.joined(separator: "\n") + "\n").write(to: list, atomically: true, encoding: .utf8)
        let harness = folder.path("stem.js")
        try """
            const vm = require('vm'), fs = require('fs');
            vm.runInThisContext(fs.readFileSync(process.argv[2], 'utf8'));
            const words = fs.readFileSync(process.argv[3], 'utf8').split('\\n').filter(Boolean);
            fs.writeFileSync(process.argv[4], words.map(w => globalThis.MemoriaStem(w)).join('\\n') + '\\n');
            """.write(to: harness, atomically: true, encoding: .utf8)
        let script = TestPaths.packageRoot.appendingPathComponent("Sources/Site/Assets/buscar.js")
        let output = folder.path("raices.txt")
        let result = try ProcessRunner.run("node", [harness.path, script.path, list.path, output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let javaScript = try String(contentsOf: output, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let stemmer = SpanishStemmer()
        var differences: [String] = []
        for (index, word) in words.enumerated() {
            let expected = stemmer.stem(word)
            let got = index < javaScript.count ? javaScript[index] : "(nada)"
            if got != expected { differences.append("\(word): libstemmer \(expected), JavaScript \(got)") }
        }
        print("stemmer parity: \(words.count) words, \(differences.count) differences")
        #expect(differences.isEmpty, "\(differences.count) differences of \(words.count) words: \(differences.prefix(20))")
    }
}
