import Foundation

/// Writes the report's files into one folder: `informe.html`, `informe.json` and one CSV per table.
/// Each file is written to a temporary name and renamed, so a reader never sees half a file.
public enum ReportWriter {
    public static let htmlName = "informe.html"
    public static let jsonName = "informe.json"

    public static func html(_ report: AudienceReport) -> String { ReportHTML.render(report) }

    public static func json(_ report: AudienceReport) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(report)) ?? Data("{}".utf8)
    }

    public static func csvFiles(_ report: AudienceReport, excel: Bool) -> [(name: String, text: String)] { ReportCSV.files(report, excel: excel) }

    /// Writes every file; returns their paths.
    @discardableResult
    public static func write(_ report: AudienceReport, to folder: URL, excel: Bool = false) throws -> [URL] {
        var files: [(String, Data)] = [(htmlName, Data(html(report).utf8)), (jsonName, json(report))]
        files += csvFiles(report, excel: excel).map { ($0.name, Data($0.text.utf8)) }
        var written: [URL] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, data) in files {
                let url = folder.appendingPathComponent(name)
                try data.write(to: url, options: .atomic)
                written.append(url)
            }
        } catch {
            throw AudienceError.reportUnwritable(path: folder.path, detail: "\(error)")
        }
        return written
    }
}
