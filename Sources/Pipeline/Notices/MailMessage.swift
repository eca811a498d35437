import Foundation

/// A plain-text mail in UTF-8 as `sendmail -t` reads it: headers (the subject as RFC 2047 encoded
/// words, so accents survive any mail server), a blank line, the text wrapped at 76 columns.
struct MailMessage {
    var from: String
    var to: [String]
    var subject: String
    var body: String
    var date: Date
    var timeZone: TimeZone
    var kind: String

    var text: String {
        var headers: [String] = []
        if !from.isEmpty { headers.append("From: \(from)") }
        headers.append("To: \(to.joined(separator: ", "))")
        headers.append("Subject: \(Self.encodedWords(subject))")
        headers.append("Date: \(Self.rfc5322Date(date, timeZone: timeZone))")
        headers += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
                    "Auto-Submitted: auto-generated", "X-Memoria-Aviso: \(kind)"]
        return headers.joined(separator: "\n") + "\n\n" + Self.wrap(body, width: 76) + "\n"
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters, folded onto continuation lines.
    static func encodedWords(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && text.count <= 900 { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\n ")
    }

    /// `Wed, 02 Dec 2026 03:15:00 -0600`.
    static func rfc5322Date(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// Each paragraph wrapped on spaces; a word longer than the width (a path) stays whole.
    static func wrap(_ text: String, width: Int) -> String {
        text.components(separatedBy: "\n").map { line -> String in
            var lines: [String] = []
            var current = ""
            let indent = line.hasPrefix("- ") ? "  " : ""
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                if !current.isEmpty && current.count + 1 + word.count > width {
                    lines.append(current)
                    current = indent + word
                } else {
                    current = current.isEmpty ? String(word) : current + " " + word
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
