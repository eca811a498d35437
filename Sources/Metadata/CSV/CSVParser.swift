/// RFC 4180 CSV as spreadsheets really write it: `,` or `;` (or tab) delimiters, detected from the
/// header line; quoted fields holding delimiters, quotes ("") and line breaks; LF, CRLF or CR endings.
/// Each record keeps the line it starts on, for messages.
public struct CSVParser {
    public struct Record: Equatable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    public struct Failure: Error, Equatable, Sendable {
        public var line: Int
        public var reason: String
    }

    /// The delimiter the header line uses most, outside quotes (`,` when there is none).
    public static func detectDelimiter(_ text: String) -> Character {
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var inQuotes = false
        for ch in text {
            if ch == "\"" { inQuotes.toggle(); continue }
            if !inQuotes && (ch == "\n" || ch == "\r") { break }
            if !inQuotes, counts[ch] != nil { counts[ch]! += 1 }
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key != ",") }!
        return best.value > 0 ? best.key : ","
    }

    public static func parse(_ text: String, delimiter: Character? = nil) -> Result<[Record], Failure> {
        let delimiter = delimiter ?? detectDelimiter(text)
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteOpenedAt = 0
        var fieldWasQuoted = false
        let characters = Array(text.unicodeScalars)
        var i = 0
        func endField() {
            fields.append(fieldWasQuoted ? field : field.trimmingCharacters(in: .whitespaces))
            field = ""
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while i < characters.count {
            let c = characters[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < characters.count && characters[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 2; continue }
                    inQuotes = false
                } else {
                    if c == "\n" || (c == "\r" && !(i + 1 < characters.count && characters[i + 1] == "\n")) { line += 1 }
                    field.unicodeScalars.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"":
                if field.trimmingCharacters(in: .whitespaces).isEmpty {
                    field = ""
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteOpenedAt = line
                } else {
                    field.unicodeScalars.append(c)   // a stray quote inside an unquoted field: keep it
                }
            case "\r", "\n":
                endRecord()
                if c == "\r" && i + 1 < characters.count && characters[i + 1] == "\n" { i += 1 }
                line += 1
                recordLine = line
            default:
                if Character(c) == delimiter { endField() } else { field.unicodeScalars.append(c) }
            }
            i += 1
        }
        if inQuotes {
            return .failure(Failure(line: quoteOpenedAt, reason: "unas comillas (\") se abren en la línea \(quoteOpenedAt) y nunca se cierran"))
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return .success(records)
    }

    /// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
    public static func columnLetter(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}

import Foundation
