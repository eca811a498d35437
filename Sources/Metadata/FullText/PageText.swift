/// The text of one page with, where the source has them, the boxes of its words (for highlighting).
public struct PageText: Sendable, Equatable, Codable {
    public struct Word: Sendable, Equatable, Codable {
        public var text: String
        public var x: Int, y: Int, width: Int, height: Int
    }

    /// Plain text in reading order; lines separated by "\n", blocks by "\n\n".
    public var text: String
    public var words: [Word]

    public init(text: String, words: [Word] = []) {
        self.text = text
        self.words = words
    }
}

/// A text sidecar that cannot be read.
public enum FullTextError: Error, Equatable, Sendable, CustomStringConvertible {
    case undecodable(file: String, line: Int, reason: String)
    case notALTO(file: String, found: String)
    case notHOCR(file: String)
    case malformed(file: String, problems: [XMLProblem])

    public var description: String {
        switch self {
        case .undecodable(let file, let line, let reason): return "\(file), línea \(line): \(reason)"
        case .notALTO(let file, let found): return "\(file): no es un archivo ALTO (el elemento raíz es «\(found)»); Memoria lee ALTO, hOCR y texto plano"
        case .notHOCR(let file): return "\(file): no es hOCR (no tiene elementos ocr_page/ocr_line/ocrx_word)"
        case .malformed(let file, let problems): return "\(file): XML mal formado: \(problems.prefix(2).map(\.description).joined(separator: "; "))"
        }
    }

    /// For quarantine reasons.
    public var archivistMessage: String { description + ". Corrija o vuelva a exportar la transcripción." }
}
