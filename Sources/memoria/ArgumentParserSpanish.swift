import Foundation

/// swift-argument-parser writes the frame of its help screens and its usage errors in English; this
/// puts them into Spanish phrase by phrase (our own abstracts, discussions and option texts are already
/// Spanish). CommandLineTests runs every help screen and the usual mistakes through it and fails on any
/// English word left.
enum ArgumentParserSpanish {
    /// Fixed phrases of help screens.
    static let phrases: [(String, String)] = [
        ("OVERVIEW: ", "DESCRIPCIÓN: "),
        ("USAGE: ", "USO: "),
        ("ARGUMENTS:", "ARGUMENTOS:"),
        ("OPTIONS:", "OPCIONES:"),
        ("SUBCOMMANDS:", "SUBCOMANDOS:"),
        ("Show the version.", "Muestra la versión."),
        ("Show help information.", "Muestra esta ayuda."),
        ("See 'memoria help <subcommand>' for detailed help.", "Use «memoria help <subcomando>» para ver la ayuda de cada uno."),
        ("<subcommand>", "<subcomando>"),
        ("Help:  ", "Ayuda: "),
        ("Usage: ", "Uso: "),
    ]

    /// Sentences with values in them: a pattern and its Spanish template ($1, $2 are the values).
    static let sentences: [(String, String)] = [
        (#"Error: Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "memoria: error: la opción «$1» no existe. ¿Quiso decir «$2»?"),
        (#"Error: Unknown option '([^']*)'"#, "memoria: error: la opción «$1» no existe"),
        (#"Error: Missing expected argument '([^']*)'"#, "memoria: error: falta el argumento «$1»"),
        (#"Error: Missing value for '([^']*)'"#, "memoria: error: falta el valor de «$1»"),
        (#"Error: The value '([^']*)' is invalid for '([^']*)'(: .*)?"#, "memoria: error: el valor «$1» no sirve para «$2»"),
        (#"Error: ([0-9]+) unexpected arguments: (.*)"#, "memoria: error: sobran $1 argumentos: $2"),
        (#"Error: Unexpected argument '([^']*)'"#, "memoria: error: sobra el argumento «$1»"),
        (#"Error: The option '([^']*)' cannot be repeated"#, "memoria: error: la opción «$1» no se puede repetir"),
        (#"Error: Value to be set with flag '([^']*)' had already been set with flag '([^']*)'"#, "memoria: error: «$1» y «$2» no se pueden usar juntas"),
        (#"Error: (.*)"#, "memoria: error: $1"),
        (#"See '([^']*)' for more information\."#, "Use «$1» para más información."),
        (#"\(default: ([^)]*)\)"#, "(predeterminado: $1)"),
        (#"\(values: ([^)]*)\)"#, "(valores: $1)"),
    ]

    static func translate(_ text: String) -> String {
        var result = text
        for (english, spanish) in phrases { result = result.replacingOccurrences(of: english, with: spanish) }
        var lines = result.components(separatedBy: "\n")
        for index in lines.indices {
            for (pattern, template) in sentences {
                guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
                let line = lines[index]
                let range = NSRange(line.startIndex..., in: line)
                guard regex.firstMatch(in: line, range: range) != nil else { continue }
                lines[index] = regex.stringByReplacingMatches(in: line, range: range, withTemplate: template)
                if pattern.hasPrefix("Error") { break }
            }
            lines[index] = quoteLists(lines[index])
        }
        return lines.joined(separator: "\n")
    }

    /// `'withdraw', 'AHP-0006'` → `«withdraw», «AHP-0006»` in the line of unexpected arguments.
    private static func quoteLists(_ line: String) -> String {
        guard line.hasPrefix("memoria: error: sobran") else { return line }
        return line.replacingOccurrences(of: #"'([^']*)'"#, with: "«$1»", options: .regularExpression)
    }
}
