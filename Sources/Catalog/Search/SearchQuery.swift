/// A visitor's query turned into a safe FTS5 expression. Nothing the user types reaches SQLite as
/// syntax: every term is quoted; unbalanced quotes are closed, a lone "-" or a dangling AND/OR/NOT is
/// dropped, and each repair is explained (in Spanish) in `notes`.
///
/// Accepted: words (AND by default), "phrases", prefixes (mich*), OR, NOT or -word, and the Spanish
/// Y / O / NO. Very common words (de, la, que...) are left out of AND queries unless quoted.
/// A word also matches the other indexed words of its Snowball Spanish stem ("cartas" finds "carta"),
/// once `withForms(from:)` has read them from the catalog (`SearchForms`): the expression asks for the
/// word twice OR each other form once, so bm25 counts the exact form twice and it ranks first. A
/// quoted word, phrases and prefixes match exactly.
import Foundation
public struct SearchQuery: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case word(String)            // folded
        case prefix(String)          // folded, without *
        case phrase([String])        // folded words
    }

    public struct Clause: Sendable, Equatable {
        public var term: Term
        public var negated: Bool
        /// Joined to the previous clause by OR instead of AND.
        public var or: Bool
    }

    public var clauses: [Clause]
    /// Explanations of what was repaired or left out.
    public var notes: [String]
    /// True when only very common words were asked for: results are listed without ranking.
    public var onlyCommonWords: Bool
    /// The folded stem of each word term (by its folded form), as the index's tokenizer stems it.
    public var stems: [String: String]
    /// The indexed words sharing each word term's stem (by its folded form), when read from the catalog.
    public var forms: [String: [String]] = [:]

    /// The FTS5 MATCH expression, or nil when nothing searchable remains.
    public var matchExpression: String? {
        let positives = clauses.filter { !$0.negated }
        guard !positives.isEmpty else { return nil }
        var expression = ""
        for clause in positives {
            let text = render(clause.term)
            if expression.isEmpty { expression = text } else { expression += (clause.or ? " OR " : " AND ") + text }
        }
        if positives.count > 1 { expression = "(\(expression))" }
        for clause in clauses where clause.negated { expression += " NOT " + render(clause.term) }
        return expression
    }

    /// The positive part of the query asked of the item's descriptive columns only (title, creator,
    /// subject, description), the excluded words still looked for everywhere: the pages whose
    /// description matches, ranked first when many pages match (see `SearchCandidates`).
    public var describedExpression: String? {
        let positives = clauses.filter { !$0.negated }
        guard !positives.isEmpty else { return nil }
        var expression = "{title creator subject description} : (" + positives.enumerated().map { index, clause in
            (index == 0 ? "" : (clause.or ? " OR " : " AND ")) + render(clause.term)
        }.joined() + ")"
        for clause in clauses where clause.negated { expression += " NOT " + render(clause.term) }
        return expression
    }

    /// The positive part of the query for the index of the descriptive fields (search_description_fts,
    /// whose four columns are those of the filter above): its phrases are numbered as in
    /// `describedExpression`.
    public var positiveExpression: String? {
        let positives = clauses.filter { !$0.negated }
        guard !positives.isEmpty else { return nil }
        return "(" + positives.enumerated().map { index, clause in
            (index == 0 ? "" : (clause.or ? " OR " : " AND ")) + render(clause.term)
        }.joined() + ")"
    }

    /// The excluded terms as one expression (a page holding any of them is left out), or nil.
    public var exclusionExpression: String? {
        let excluded = clauses.filter(\.negated)
        guard !excluded.isEmpty else { return nil }
        return excluded.map { render($0.term) }.joined(separator: " OR ")
    }

    /// The FTS5 phrases of `matchExpression` in FTS5's numbering (the order they are written in).
    var phrases: [String] {
        var result: [String] = []
        for clause in clauses.filter({ !$0.negated }) + clauses.filter(\.negated) {
            if case .word(let w) = clause.term {
                let others = (forms[w] ?? []).filter { $0 != w }
                result += others.isEmpty ? [w] : [w, w] + others
            } else {
                result.append(render(clause.term))
            }
        }
        return result
    }

    /// How many FTS5 phrases `render` writes for a term (a widened word: itself twice and its forms).
    func phraseCount(_ term: Term) -> Int {
        if case .word(let w) = term { let others = (forms[w] ?? []).filter { $0 != w }.count; return others == 0 ? 1 : 2 + others }
        return 1
    }

    /// The whole expression is one FTS5 phrase (its bm25 then needs no count of its own).
    public var isOnePhrase: Bool { clauses.reduce(0) { $0 + phraseCount($1.term) } == 1 }

    func render(_ term: Term) -> String {
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        switch term {
        case .word(let w):
            let others = (forms[w] ?? []).filter { $0 != w }
            guard !others.isEmpty else { return quoted(w) }
            return "(" + ([w, w] + others).map(quoted).joined(separator: " OR ") + ")"
        case .prefix(let p): return quoted(p) + "*"
        case .phrase(let words): return quoted(words.joined(separator: " "))
        }
    }

    public init(_ input: String) {
        clauses = []
        notes = []
        onlyCommonWords = false
        stems = [:]
        let stemmer = SpanishStemmer()
        // The stem mark is the static site's index's own character: a stem term is not a word to type.
        var text = input.precomposedStringWithCanonicalMapping.replacingOccurrences(of: SpanishStemmer.mark, with: "")
        if text.filter({ $0 == "\"" }).count % 2 == 1 {
            text += "\""
            notes.append("Faltaba cerrar unas comillas; se cerraron al final de la búsqueda.")
        }
        // Lexing: quoted phrases, and whitespace-separated chunks outside quotes.
        var chunks: [(String, Bool)] = []   // (text, quoted)
        var current = ""
        var inQuotes = false
        for ch in text {
            if ch == "\"" {
                if inQuotes { chunks.append((current, true)); current = "" } else if !current.isEmpty { chunks.append((current, false)); current = "" }
                inQuotes.toggle()
            } else if ch.isWhitespace && !inQuotes {
                if !current.isEmpty { chunks.append((current, false)); current = "" }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { chunks.append((current, inQuotes)) }

        var pendingOr = false, pendingNot = false
        var droppedCommon: [String] = []
        var all: [Clause] = []
        for (chunk, quoted) in chunks {
            if quoted {
                let words = SearchText.tokens(chunk)
                guard !words.isEmpty else { continue }
                all.append(Clause(term: words.count == 1 ? .word(words[0]) : .phrase(words), negated: pendingNot, or: pendingOr))
                pendingOr = false; pendingNot = false
                continue
            }
            switch chunk {
            case "OR", "O", "|": pendingOr = true; continue
            case "AND", "Y", "&": continue
            case "NOT", "NO": pendingNot = true; continue
            default: break
            }
            var body = Substring(chunk)
            var negated = pendingNot
            if body.hasPrefix("-") { negated = true; body = body.drop { $0 == "-" } }
            let isPrefix = body.hasSuffix("*")
            let written = SearchText.words(String(body))
            let words = written.map { SearchText.fold($0) }
            for (word, folded) in zip(written, words) where stems[folded] == nil { stems[folded] = stemmer.stem(word) }
            if words.isEmpty {
                if chunk.contains("-") && chunk.allSatisfy({ $0 == "-" }) { notes.append("Se ignoró un «-» suelto (sirve para excluir una palabra: -carta).") }
                continue
            }
            for (index, word) in words.enumerated() {
                let last = index == words.count - 1
                var term: Term = .word(word)
                if last && isPrefix {
                    if word.count >= 2 { term = .prefix(word) } else { notes.append("«\(word)*» es demasiado corto para buscar por prefijo; escriba al menos dos letras.") }
                }
                all.append(Clause(term: term, negated: negated, or: index == 0 ? pendingOr : false))
            }
            pendingOr = false; pendingNot = false
        }
        if pendingOr || pendingNot { notes.append("Se ignoró un operador (O/OR, NO/NOT) sin palabra después.") }
        if all.first?.or == true { all[0].or = false }

        // Common words: useless in AND queries (they match nearly every page); kept in phrases.
        let positives = all.filter { !$0.negated }
        let isCommon: (Clause) -> Bool = { clause in
            if case .word(let w) = clause.term { return SearchText.stopWords.contains(w) }
            return false
        }
        if positives.contains(where: { !isCommon($0) }) && !positives.contains(where: \.or) {
            droppedCommon = all.filter { isCommon($0) && !$0.negated }.compactMap { if case .word(let w) = $0.term { return w }; return nil }
            all.removeAll { isCommon($0) && !$0.negated }
            if !droppedCommon.isEmpty {
                notes.append("Se omitieron palabras muy comunes (\(droppedCommon.joined(separator: ", "))); póngalas entre comillas con otras para buscar la frase exacta.")
            }
        } else if !positives.isEmpty && positives.allSatisfy(isCommon) {
            onlyCommonWords = true
            notes.append("Solo pidió palabras muy comunes; se muestran resultados sin ordenar por relevancia. Añada otra palabra para afinar.")
        }
        if !all.isEmpty && all.allSatisfy(\.negated) {
            notes.append("La búsqueda solo excluye palabras; añada al menos una palabra que deba aparecer.")
        }
        clauses = all
    }
}
