import ArgumentParser
import Catalog
import Foundation
import Metadata

/// The full-text index built and queried through the catalog's own code (bench/fts.sh), on the same
/// TSV of generated pages that the sqlite3 CLI loads into a plain FTS5 table.
extension Bench {
    struct FTSBuild: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "fts-build",
            abstract: "Load title<TAB>body lines as one-page items into a new catalog, as `memoria reindex` does (one transaction).")
        @Option(help: "title<TAB>body per line") var tsv: String
        @Option(help: "catalog file to create (replaced)") var db: String

        func run() throws {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            let catalog = try CatalogDatabase(path: db)
            try catalog.synchronizeFonds([CatalogFonds(code: "BSH", slug: "banda-sinfonica", title: "Banda Sinfónica de Hidalgo", description: "")])
            guard let file = fopen(tsv, "r") else { throw ValidationError("cannot open \(tsv)") }
            defer { fclose(file) }
            let started = Date()
            var count = 0
            try catalog.replaceAllItems { store in
                var line: UnsafeMutablePointer<CChar>?
                var capacity = 0
                while true {
                    let length = getline(&line, &capacity, file)
                    guard length > 0, let line else { break }
                    let bytes = UnsafeRawBufferPointer(start: line, count: length).bindMemory(to: UInt8.self)
                    guard let tab = bytes.firstIndex(of: 9) else { continue }
                    let end = bytes[length - 1] == 10 ? length - 1 : length
                    count += 1
                    let title = String(decoding: bytes[..<tab], as: UTF8.self)
                    let body = String(decoding: bytes[(tab + 1)..<end], as: UTF8.self)
                    let identifier = Self.identifier(count)
                    let dc = Self.record(identifier: identifier, title: title, bytes: bytes[..<tab])
                    let page = CatalogItem.Page(sequence: 1, label: "1", masterPath: "objects/1.tif", indexInFile: 0, width: 2480, height: 3508,
                                                textSource: "ocr", textPath: "text/1.ocr.txt", text: body)
                    let item = CatalogItem(id: identifier, fondsCode: "BSH", headVersion: 1, createdAt: "2026-01-01T00:00:00Z",
                                           updatedAt: "2026-01-01T00:00:00Z", dublinCore: dc, batchID: nil, files: [], pages: [page], events: [])
                    try store(item, "Banda Sinfónica de Hidalgo")
                }
                free(line)
            }
            let seconds = Date().timeIntervalSince(started)
            let size = (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
            print(String(format: "{\"docs\": %d, \"seconds\": %.3f, \"docs_per_s\": %.0f, \"db_mb\": %.1f}",
                         count, seconds, Double(count) / seconds, Double(size) / 1e6))
        }

        /// "D000042": the line's number, zero-padded to six digits (what `String(format: "D%06d")` gave,
        /// without Foundation's formatter on every line).
        static func identifier(_ number: Int) -> String {
            let digits = String(number)
            return "D" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        }

        /// The line's Dublin Core record. A title that begins and ends with a visible ASCII character
        /// has nothing for the record's setter to trim, and goes in as it is; any other goes through
        /// the setter (which trims Unicode white space and drops an empty value).
        static func record(identifier: String, title: String, bytes: Slice<UnsafeBufferPointer<UInt8>>) -> DublinCoreRecord {
            let visible: ClosedRange<UInt8> = 0x21...0x7E
            if let first = bytes.first, let last = bytes.last, visible.contains(first), visible.contains(last),
               let record = DublinCoreRecord(storedValues: ["identifier": [identifier], "title": [title]]) {
                return record
            }
            var record = DublinCoreRecord()
            record["identifier"] = [identifier]
            record["title"] = [title]
            return record
        }
    }

    struct FTSQuery: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "fts-query",
            abstract: "Time `memoria search` queries (ranked top 20 with snippets and the hit count) in one process.")
        @Option var db: String
        @Option var reps = 30
        @Option(help: "label=query; repeatable") var query: [String] = []
        @Option(help: "append JSON lines here") var json: String?
        @Flag(help: "also print each query's FTS5 expression and the items found, in order (to compare two builds)") var ids = false

        func run() throws {
            let catalog = try CatalogDatabase(path: db)
            var lines: [String] = []
            for entry in query {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                let (label, text) = parts.count == 2 ? (parts[0], parts[1]) : (entry, entry)
                var results = try catalog.search(text)
                for _ in 0..<3 { results = try catalog.search(text) }
                var times: [Double] = []
                for _ in 0..<reps {
                    let started = DispatchTime.now().uptimeNanoseconds
                    results = try catalog.search(text)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
                }
                times.sort()
                let median = times[times.count / 2]
                let p95 = times[min(times.count - 1, Int((Double(times.count) * 0.95).rounded(.up)) - 1)]
                let hits = "\(results.countIsLowerBound ? ">" : "")\(results.matchingPages)"
                print(String(format: "query %-34@ pages %7@  median %7.2f ms  p95 %7.2f ms  max %7.2f ms",
                             label as NSString, hits as NSString, median, p95, times.last!))
                if ids { print("ids \(label)\t\(results.expression ?? "")\t\(results.hits.map(\.itemID).joined(separator: " "))") }
                lines.append(String(format: "{\"group\": \"memoria-fts-query\", \"query\": \"%@\", \"pages\": \"%@\", \"median_ms\": %.3f, \"p95_ms\": %.3f, \"max_ms\": %.3f}",
                                    label.replacingOccurrences(of: "\"", with: "'") as NSString, hits as NSString, median, p95, times.last!))
            }
            if let json, let handle = FileHandle(forWritingAtPath: json) ?? (FileManager.default.createFile(atPath: json, contents: nil) ? FileHandle(forWritingAtPath: json) : nil) {
                handle.seekToEndOfFile()
                handle.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                handle.closeFile()
            }
        }
    }
}
